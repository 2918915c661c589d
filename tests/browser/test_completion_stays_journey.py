"""A finished course stays finished, and its completion is celebrated (issue 22, items 3 and 4), in a real browser.

A resident who completed a course before a new module was published still sees it complete on a phone, with the
new material counted apart; a resident passing the last quiz sees the celebration with the certificate's state and
the next forum; the facilitator at a laptop sees the learner who completed as complete.

Texts are matched in Indonesian or, until the translations of the new messages land, their English msgids.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from courses.models import QuizAttempt
from courses.services import enrolment_create, module_mark_read, quiz_attempt_open, quiz_attempt_submit
from organisations.models import Membership
from organisations.services import membership_set, organisation_create
from participation.models import ForumPage
from tests import factories
from tests.browser.accessibility import serious_violations
from tests.browser.test_learning_journey_in_browser import assert_fits_and_accessible
from tests.classes.conftest import make_cohort

pytestmark = pytest.mark.django_db(transaction=True)

LAPTOP = {"width": 1366, "height": 768}


def said(indonesian, english):
    return re.compile(f"{re.escape(indonesian)}|{re.escape(english)}")


@pytest.fixture
def world(wagtail_root):
    """Lestari's two-module course (the last with a quiz), its class, and a coming forum it prepares for."""
    tree = factories.site_tree(factories.home_page())
    lestari = organisation_create(name="Yayasan Lingkungan Lestari", slug="lestari", kind="ngo")
    course = factories.course_page(tree["courses"], title="Pengelolaan Sampah", organisation=lestari)
    first = factories.module_page(course, title="Memilah Sampah")
    last = factories.module_with_quiz(
        course,
        title="Bank Sampah",
        questions=[
            factories.quiz_question(
                prompt="Sampah organik dijadikan apa?", choices=[("Kompos", True), ("Plastik", False)]
            )
        ],
    )
    facilitator = factories.resident(username="fasilitator-lestari")
    membership_set(user=facilitator, organisation=lestari, role=Membership.Role.FACILITATOR)
    cohort = make_cohort(course=course, organisation=lestari, facilitators=[facilitator])
    forum = ForumPage(
        title="Forum Warga Gunung Bahagia",
        kelurahan=factories.region_chain(),
        starts_at=timezone.now() + datetime.timedelta(days=7),
        ends_at=timezone.now() + datetime.timedelta(days=7, hours=2),
        venue="Aula Kantor Kelurahan Gunung Bahagia",
        agenda="<p>Laporan kelurahan</p>",
    )
    forum.related_courses = [course]
    tree["forums"].add_child(instance=forum)
    forum.save_revision().publish()
    return {"course": course, "first": first, "last": last, "cohort": cohort, "facilitator": facilitator}


def complete(world, name):
    """A learner of the class who completed the course online."""
    user = factories.learner(full_name=name)
    enrolment = factories.enrolment(user=user, course=world["course"], cohort=world["cohort"])
    module_mark_read(user=user, module=world["first"])
    module_mark_read(user=user, module=world["last"])
    attempt = quiz_attempt_open(user=user, module=world["last"])
    question = attempt.questions[0]
    right = [choice["id"] for choice in question["choices"] if choice["is_correct"]]
    quiz_attempt_submit(user=user, token=attempt.token, answers={str(question["id"]): right})
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    return user


def test_a_resident_who_had_completed_sees_the_new_module_and_still_complete(world, new_tab, live_server):
    graduate = complete(world, "Dewi Lestari")
    factories.module_page(world["course"], title="Kompos Rumah Tangga")  # published afterwards

    phone = new_tab(graduate)
    phone.goto(live_server.url + "/saya/")
    card = phone.locator("article.card").filter(has_text="Pengelolaan Sampah")
    expect(card.locator(".progress-label")).to_have_text(said("Selesai · 1 modul baru", "Complete · 1 new module"))
    expect(card).to_contain_text(said("Ada modul baru", "There are new modules"))
    expect(card).not_to_contain_text(re.compile(r"2 (dari|of) 3"))
    assert_fits_and_accessible(phone)

    card.get_by_role("link", name="Pengelolaan Sampah").click()
    expect(phone.locator(".progress-label")).to_have_text(said("Selesai · 1 modul baru", "Complete · 1 new module"))
    expect(
        phone.get_by_role("heading", name=said("Selamat, kursus selesai!", "Congratulations, course complete!"))
    ).to_be_visible()
    assert_fits_and_accessible(phone)


def test_a_resident_passes_the_last_quiz_and_sees_the_celebration_and_the_next_forum(world, new_tab, live_server):
    resident = factories.learner(full_name="Rahmat Hidayat")
    enrolment_create(user=resident, course=world["course"])
    module_mark_read(user=resident, module=world["first"])

    phone = new_tab(resident)
    phone.goto(live_server.url + world["last"].url)
    phone.get_by_role("button", name="Tandai selesai").click()
    phone.get_by_role("button", name="Mulai kuis").click()
    attempt = QuizAttempt.objects.get(enrolment__user=resident, submitted_at__isnull=True)
    question = attempt.questions[0]
    right = next(choice["id"] for choice in question["choices"] if choice["is_correct"])
    phone.locator(f"input[name='q-{question['id']}'][value='{right}']").check()
    phone.get_by_role("button", name="Kirim jawaban").click()

    celebration = phone.locator("section.celebration")
    expect(celebration.get_by_role("heading", level=2)).to_have_text(
        said("Selamat, kursus selesai!", "Congratulations, course complete!")
    )
    # The certificate's state: made in the request's on_commit when no broker is set, else being made.
    expect(celebration).to_contain_text(re.compile("Unduh sertifikat|Sertifikat sedang dibuat"))
    expect(celebration.get_by_role("link", name="Forum Warga Gunung Bahagia")).to_be_visible()
    assert_fits_and_accessible(phone)


def test_the_facilitator_sees_the_learner_who_completed_as_complete_after_a_new_module(world, new_tab, live_server):
    complete(world, "Dewi Lestari")
    factories.enrolment(
        user=factories.learner(full_name="Budi Santoso"), course=world["course"], cohort=world["cohort"]
    )
    factories.module_page(world["course"], title="Kompos Rumah Tangga")

    tab = new_tab(world["facilitator"], viewport=LAPTOP)
    tab.goto(f"{live_server.url}/admin/kelas/{world['cohort'].pk}/kemajuan/")
    dewi = tab.get_by_role("row").filter(has_text="Dewi Lestari")
    expect(dewi.get_by_role("cell").nth(1)).to_contain_text(said("Selesai (2 / 2)", "Complete (2 / 2)"))
    expect(dewi.get_by_role("cell").nth(1)).to_contain_text(said("1 modul baru", "1 new module"))
    expect(tab.get_by_role("row").filter(has_text="Budi Santoso").get_by_role("cell").nth(1)).to_have_text("0 / 3")
    assert serious_violations(tab) == []
