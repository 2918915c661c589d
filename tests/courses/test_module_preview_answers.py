"""Reviewers see what they approve: the admin's preview of a module shows its quiz with the correct
answers marked and the explanations. The live page never does, for anyone, cached or not: correct
answers never reach a resident's browser before their attempt is submitted."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from courses.models import ModulePage
from courses.services import enrolment_create
from organisations.models import Membership
from organisations.services import REVIEWERS_GROUP, content_review_install, organisation_create
from tests import factories

pytestmark = pytest.mark.django_db

EXPLANATION = "PENJELASAN-KUNCI: UU 18/2008 Pasal 12."
DRAFT_EXPLANATION = "PENJELASAN-DRAF: belum terbit."


@pytest.fixture
def world(site_tree):
    """A course of Lestari with a module whose quiz has one question, the review workflow, and the people."""
    lestari = organisation_create(name="Yayasan Lingkungan Lestari", slug="lestari", kind="ngo")
    cerdas = organisation_create(name="Perkumpulan Warga Cerdas", slug="cerdas", kind="ngo")
    content_review_install()
    course = factories.course_page(site_tree["courses"], title="Pengelolaan Sampah", organisation=lestari)
    module = factories.module_with_quiz(
        course,
        title="Memilah Sampah",
        questions=[
            factories.quiz_question(
                prompt="Siapa yang wajib mengurangi sampah rumah tangga?",
                choices=[("Setiap orang", True), ("Hanya pemerintah", False)],
                explanation=EXPLANATION,
            )
        ],
    )
    users = factories.users_with_roles(
        members=[
            ("author", lestari, Membership.Role.AUTHOR),
            ("facilitator", lestari, Membership.Role.FACILITATOR),
            ("other author", cerdas, Membership.Role.AUTHOR),
        ],
        government=[("reviewer", REVIEWERS_GROUP)],
    )
    users["resident"] = factories.resident(username="warga")
    enrolment_create(user=users["resident"], course=course)
    return {"course": course, "module": ModulePage.objects.get(pk=module.pk), "users": users}


def answer_key(html):
    """The answer key's questions as (prompt, [choices marked correct], explanation); None when absent."""
    section = BeautifulSoup(html, "html.parser").find(class_="answer-key")
    if section is None:
        return None
    return [
        (
            item.find(class_="question-prompt").get_text(" ", strip=True),
            [
                choice.get_text(" ", strip=True)
                for choice in item.select("ul li")
                if choice.find(class_="answer-key-correct")
            ],
            item.find(class_="explanation").get_text(strip=True),
        )
        for item in section.select("ol.answers > li")
    ]


def assert_no_answers(html):
    assert 'class="answer-key' not in html
    assert "jawaban benar" not in html.lower()
    assert EXPLANATION not in html and DRAFT_EXPLANATION not in html


def draft_with_a_second_question(world):
    """The author's unpublished edit: a second question, which the preview must show from the draft."""
    module = world["module"]
    module.quiz_questions.add(
        factories.quiz_question(
            prompt="Sampah organik dibuang ke mana?",
            choices=[("Komposter", True), ("Sungai", False)],
            explanation=DRAFT_EXPLANATION,
        )
    )
    return module.save_revision(user=world["users"]["author"])


def test_the_authors_preview_of_a_draft_marks_the_correct_answers_and_shows_the_explanations(client, world):
    revision = draft_with_a_second_question(world)
    client.force_login(world["users"]["author"])

    response = client.get(reverse("wagtailadmin_pages:revisions_view", args=[world["module"].pk, revision.pk]))

    assert response.status_code == 200
    assert answer_key(response.content.decode()) == [
        (
            "Siapa yang wajib mengurangi sampah rumah tangga? (Pilihan tunggal)",
            ["Setiap orang · jawaban benar"],
            EXPLANATION,
        ),
        ("Sampah organik dibuang ke mana? (Pilihan tunggal)", ["Komposter · jawaban benar"], DRAFT_EXPLANATION),
    ]


def test_the_reviewer_sees_the_answers_of_the_submitted_module_they_approve(client, world):
    module, author = world["module"], world["users"]["author"]
    draft_with_a_second_question(world)
    task_state = module.get_workflow().start(module, author).current_task_state
    client.force_login(world["users"]["reviewer"])

    response = client.get(reverse("wagtailadmin_pages:workflow_preview", args=[module.pk, task_state.task_id]))

    assert response.status_code == 200
    key = answer_key(response.content.decode())
    assert [explanation for _prompt, _marked, explanation in key] == [EXPLANATION, DRAFT_EXPLANATION]
    assert [marked for _prompt, marked, _explanation in key] == [
        ["Setiap orang · jawaban benar"],
        ["Komposter · jawaban benar"],
    ]


@pytest.mark.parametrize("role", ["resident", "facilitator", "other author", "anonymous"])
def test_nobody_else_opens_the_preview(client, world, role):
    revision = draft_with_a_second_question(world)
    if role != "anonymous":
        client.force_login(world["users"][role])

    response = client.get(reverse("wagtailadmin_pages:revisions_view", args=[world["module"].pk, revision.pk]))

    assert response.status_code in (302, 403)
    assert_no_answers(response.content.decode())


def test_a_preview_rendered_for_someone_outside_the_admin_has_no_answers(world):
    # Wagtail's own preview request with nobody logged in: the key is the admin's alone.
    response = world["module"].make_preview_request()

    assert response.status_code == 200
    assert "Siapa yang wajib mengurangi sampah rumah tangga?" not in response.content.decode()
    assert_no_answers(response.content.decode())


@pytest.mark.parametrize("who", ["anonymous", "resident", "author", "reviewer"])
def test_the_live_module_page_never_carries_the_answers(client, world, who, settings):
    settings.PAGE_CACHE_ENABLED = True
    module = world["module"]
    draft_with_a_second_question(world)
    if who != "anonymous":
        client.force_login(world["users"][who])

    for _visit in range(2):  # computed, then (anonymous) from the page cache
        response = client.get(module.url)
        assert response.status_code == 200
        assert_no_answers(response.content.decode())
        quiz = client.get(module.url + "kuis/")
        assert_no_answers(quiz.content.decode())


def test_a_preview_never_lands_in_the_page_cache_served_to_residents(client, world, settings):
    settings.PAGE_CACHE_ENABLED = True
    module = world["module"]
    revision = draft_with_a_second_question(world)
    admin = factories.resident(username="admin-preview")
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    preview = client.get(reverse("wagtailadmin_pages:revisions_view", args=[module.pk, revision.pk]))
    assert answer_key(preview.content.decode())  # the preview had the answers
    # The preview, rendered at the live page's own address, inside the middleware stack:
    preview_as_request = revision.as_object().make_preview_request(original_request=preview.wsgi_request)
    assert "private" in preview_as_request["Cache-Control"]
    client.logout()

    first, second = client.get(module.url), client.get(module.url)

    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    for response in (first, second):
        assert_no_answers(response.content.decode())
