"""Staff at 1366 px: a reviewer opens the preview of a module submitted for review and sees its quiz with
the correct answers marked; a facilitator clicks their class in the Classes listing and lands on the
class page, where editing is a button."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from playwright.sync_api import expect

from classes.models import Cohort
from courses.models import CoursePage, ModulePage
from tests.browser.accessibility import serious_violations

pytestmark = pytest.mark.django_db(transaction=True)

LAPTOP = {"width": 1366, "height": 768}


def in_indonesian(text):
    with translation.override("id"):
        return translation.gettext(text)


def test_a_reviewer_previews_a_submitted_module_and_sees_its_answers_marked(demo_site, live_server, new_tab):
    course = CoursePage.objects.filter(organisation__slug="yayasan-lingkungan-lestari").order_by("path").first()
    module = ModulePage.objects.child_of(course).filter(quiz_questions__isnull=False).distinct().first()
    questions = list(module.quiz_questions.order_by("sort_order"))
    author = get_user_model().objects.get(username="penulis-lestari")
    module.save_revision(user=author)
    module.get_workflow().start(module, author)

    reviewer = new_tab("peninjau", viewport=LAPTOP)
    reviewer.goto(live_server.url + "/admin/")
    # The dashboard's "Awaiting your review": the module's actions, then Preview (a new tab).
    row = reviewer.locator("tr").filter(has_text=module.title)
    row.get_by_role("button", name=in_indonesian("Actions")).click()
    with reviewer.context.expect_page() as opened:
        row.get_by_role("link", name=in_indonesian("Preview"), exact=True).click()
    preview = opened.value
    preview.wait_for_load_state()

    key = preview.locator("section.answer-key")
    expect(key).to_be_visible()
    expect(key.locator("ol.answers > li")).to_have_count(len(questions))
    correct = sum(1 for question in questions for choice in question.choices if choice.value["is_correct"])
    expect(key.locator(".answer-key-correct")).to_have_count(correct)
    expect(key.get_by_text(questions[0].explanation)).to_be_visible()
    assert serious_violations(preview) == [], preview.url

    # The same module, live, to a resident: no key.
    resident = new_tab("warga1", viewport=LAPTOP)
    resident.goto(live_server.url + module.url)
    expect(resident.locator("h1")).to_have_text(module.title)
    expect(resident.locator("section.answer-key")).to_have_count(0)
    assert questions[0].explanation not in resident.content()


def test_a_facilitator_clicks_their_class_and_lands_on_the_class_page_with_an_edit_button(
    demo_site, live_server, new_tab
):
    cohort = Cohort.objects.get(organisation__slug="yayasan-lingkungan-lestari")
    facilitator = new_tab("fasilitator-lestari", viewport=LAPTOP)
    facilitator.goto(live_server.url + "/admin/kelas/")

    facilitator.get_by_role("link", name=cohort.name, exact=True).click()

    expect(facilitator).to_have_url(f"{live_server.url}/admin/kelas/inspect/{cohort.pk}/")
    for heading in ("How residents join", "Meetings"):
        expect(facilitator.get_by_role("heading", name=in_indonesian(heading))).to_be_visible()
    expect(facilitator.get_by_role("link", name=in_indonesian("Learners' progress"))).to_be_visible()
    expect(facilitator.get_by_role("link", name=in_indonesian("QR check-in")).first).to_be_visible()
    edit = facilitator.get_by_role("link", name=in_indonesian("Edit class"))
    expect(edit).to_be_visible()
    # The whole admin page, Wagtail's markup too: axe found no serious violation in Wagtail's own either.
    assert serious_violations(facilitator) == []

    edit.click()
    expect(facilitator).to_have_url(f"{live_server.url}/admin/kelas/edit/{cohort.pk}/")
