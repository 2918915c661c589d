"""A finished course stays finished (issue 22, item 3).

When an author publishes a module after a resident completed the course, the completion and its certificate
never change; the resident's pages say the course has new material and count it apart; the facilitator's
progress screen shows the learner as complete. A resident still in progress needs every module published now.
One rule says all this: courses.selectors.module_count.
"""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from classes.selectors import cohort_progress
from classes.services import completion_record_on_paper
from courses.models import Enrolment
from courses.selectors import course_modules, course_progress, module_count
from courses.services import enrolment_complete_if_done, enrolment_create, module_mark_read
from courses.signals import enrolment_completed
from organisations.models import Membership
from organisations.services import membership_set, organisation_create
from reports.learner_record import learner_record
from tests import factories
from tests.classes.conftest import make_cohort
from tests.courses.test_completion import complete_online, pass_the_quiz

pytestmark = pytest.mark.django_db


def in_english(client):
    """The pages in English (the language cookie), so the tests read the msgids whatever the .po holds."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def text_of(response, selector):
    return " ".join(
        " ".join(
            node.get_text(" ") for node in BeautifulSoup(response.content, "html.parser").select(selector)
        ).split()
    )


@pytest.fixture
def announced():
    completions = []

    def remember(sender, enrolment, **kwargs):
        completions.append(enrolment.pk)

    enrolment_completed.connect(remember)
    yield completions
    enrolment_completed.disconnect(remember)


@pytest.fixture
def graduate(resident, course, modules):
    """A resident who completed the three-module course, before a fourth module was published."""
    return complete_online(resident, course, modules)


def publish_fifth(course, title="Modul Baru: Sengketa Informasi"):
    return factories.module_page(course, title=title)


def test_completion_never_reverts_when_a_module_is_published_afterwards(graduate, course, announced):
    completed_at = graduate.completed_at
    new = publish_fifth(course)

    enrolment_complete_if_done(enrolment=graduate)  # e.g. after attendance is taken
    module_mark_read(user=graduate.user, module=new)  # reading the new module completes it, not the course again

    graduate.refresh_from_db()
    assert graduate.status == Enrolment.Status.COMPLETED
    assert graduate.completed_at == completed_at
    assert announced == []  # never announced a second time: no second certificate


def test_a_completed_course_counts_modules_published_since_apart(graduate, course):
    new = publish_fifth(course)

    progress = course_progress(enrolment=graduate, modules=course_modules(course=course))

    counts = progress["counts"]
    assert (counts.is_complete, counts.done, counts.counted, counts.new, counts.percent) == (True, 3, 3, 1, 100)
    assert progress["new_modules"] == [new]
    assert [state.is_new for state in progress["module_states"]] == [False, False, False, True]


def test_a_new_module_read_after_completion_counts_as_done_and_is_no_longer_new(graduate, course):
    new = publish_fifth(course)
    module_mark_read(user=graduate.user, module=new)

    counts = course_progress(enrolment=graduate, modules=course_modules(course=course))["counts"]

    assert (counts.done, counts.counted, counts.new) == (4, 4, 0)


def test_a_module_published_before_a_paper_completion_is_not_new(site_tree):
    """A facilitator recorded the course done on paper: every module published then counts as done."""
    lestari = organisation_create(name="Yayasan Lingkungan Lestari", slug="lestari", kind="ngo")
    course = factories.course_page(site_tree["courses"], title="Pengelolaan Sampah", organisation=lestari)
    factories.module_page(course, title="Memilah Sampah")
    facilitator = factories.resident(username="fasilitator")
    membership_set(user=facilitator, organisation=lestari, role=Membership.Role.FACILITATOR)
    cohort = make_cohort(course=course, organisation=lestari, facilitators=[facilitator])
    enrolment = factories.enrolment(user=factories.learner(full_name="Ani"), course=course, cohort=cohort)
    completion_record_on_paper(by=facilitator, enrolment=enrolment, note="Tes kertas, nilai 90")
    enrolment.refresh_from_db()

    counts = course_progress(enrolment=enrolment, modules=course_modules(course=course))["counts"]
    assert (counts.is_complete, counts.done, counts.counted, counts.new) == (True, 1, 1, 0)

    factories.module_page(course, title="Bank Sampah")
    counts = course_progress(enrolment=enrolment, modules=course_modules(course=course))["counts"]
    assert (counts.is_complete, counts.done, counts.counted, counts.new) == (True, 1, 1, 1)


def test_module_count_is_the_rule_for_in_progress_and_completed_enrolments():
    now = timezone.now()

    class Module:
        def __init__(self, pk, days_ago):
            self.id, self.first_published_at = pk, now - datetime.timedelta(days=days_ago)

    modules = [Module(1, 30), Module(2, 20), Module(3, 1)]
    in_progress = Enrolment(completed_at=None)
    completed = Enrolment(completed_at=now - datetime.timedelta(days=10))

    assert module_count(enrolment=in_progress, modules=modules, done_module_ids={1, 2}).percent == 67
    counts = module_count(enrolment=completed, modules=modules, done_module_ids={1, 2})
    assert (counts.done, counts.counted, counts.new, counts.new_module_ids) == (2, 2, 1, frozenset({3}))


def test_a_resident_in_progress_needs_the_module_published_now(resident, course, modules):
    enrolment = enrolment_create(user=resident, course=course)
    module_mark_read(user=resident, module=modules[0])
    new = publish_fifth(course)
    module_mark_read(user=resident, module=modules[2])
    module_mark_read(user=resident, module=modules[1])
    pass_the_quiz(resident, modules[1])

    enrolment.refresh_from_db()
    assert enrolment.completed_at is None  # the new module is still to do
    counts = course_progress(enrolment=enrolment, modules=course_modules(course=course))["counts"]
    assert (counts.done, counts.counted, counts.new, counts.percent) == (3, 4, 0, 75)

    module_mark_read(user=resident, module=new)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None


def test_the_dashboard_says_complete_with_new_modules_instead_of_a_fraction(client, graduate, course):
    publish_fifth(course)
    in_english(client).force_login(graduate.user)

    response = client.get("/saya/")

    label = text_of(response, ".progress-label")
    assert label == "Complete · 1 new module"
    assert "3 of 4" not in response.text and "(100%)" not in response.text
    notice = text_of(response, ".new-modules")
    assert "There are new modules" in notice
    assert "Modul Baru: Sengketa Informasi" in notice
    assert "your certificate stays valid" in notice


def test_the_dashboard_of_a_resident_in_progress_counts_the_new_module(client, resident, course, modules):
    enrolment_create(user=resident, course=course)
    module_mark_read(user=resident, module=modules[0])
    publish_fifth(course)
    in_english(client).force_login(resident)

    response = client.get("/saya/")

    assert text_of(response, ".progress-label") == "1 of 4 modules complete (25%)"
    assert not text_of(response, ".new-modules")


def test_the_course_page_says_complete_and_marks_the_new_module(client, graduate, course):
    publish_fifth(course)
    in_english(client).force_login(graduate.user)

    response = client.get(course.url)

    assert text_of(response, ".progress-label") == "Complete · 1 new module"
    assert "There are new modules" in text_of(response, ".new-modules")
    items = BeautifulSoup(response.content, "html.parser").select(".module-list li")
    assert "new since you completed the course" in items[-1].get_text()
    assert "still to do" not in items[-1].get_text()


def test_the_dashboard_takes_the_same_queries_with_new_modules(client, graduate, course):
    client.force_login(graduate.user)
    client.get("/saya/")  # warm the caches
    with CaptureQueriesContext(connection) as before:
        client.get("/saya/")
    publish_fifth(course, title="Modul Lima")
    publish_fifth(course, title="Modul Enam")
    client.get("/saya/")
    with CaptureQueriesContext(connection) as after:
        client.get("/saya/")

    assert len(after) == len(before)


# --- The facilitator's progress screen ------------------------------------------------------------


@pytest.fixture
def class_world(site_tree):
    lestari = organisation_create(name="Yayasan Lingkungan Lestari", slug="lestari", kind="ngo")
    course = factories.course_page(site_tree["courses"], title="Pengelolaan Sampah", organisation=lestari)
    first = factories.module_page(course, title="Memilah Sampah")
    facilitator = factories.resident(username="fasilitator")
    membership_set(user=facilitator, organisation=lestari, role=Membership.Role.FACILITATOR)
    cohort = make_cohort(course=course, organisation=lestari, facilitators=[facilitator])
    ani = factories.enrolment(user=factories.learner(full_name="Ani"), course=course, cohort=cohort)
    budi = factories.enrolment(user=factories.learner(full_name="Budi"), course=course, cohort=cohort)
    module_mark_read(user=ani.user, module=first)  # completes Ani's course
    ani.refresh_from_db()
    assert ani.completed_at is not None
    return {"course": course, "cohort": cohort, "facilitator": facilitator, "ani": ani, "budi": budi}


def test_the_facilitator_sees_a_learner_who_completed_as_complete_after_a_new_module(client, class_world):
    factories.module_page(class_world["course"], title="Bank Sampah")
    rows = {row.name: row for row in cohort_progress(cohort=class_world["cohort"])["rows"]}

    assert (rows["Ani"].is_complete, rows["Ani"].modules_done, rows["Ani"].modules_counted) == (True, 1, 1)
    assert rows["Ani"].counts.new == 1
    assert (rows["Budi"].is_complete, rows["Budi"].modules_done, rows["Budi"].modules_counted) == (False, 0, 2)

    in_english(client).force_login(class_world["facilitator"])
    page = client.get(reverse("cohorts:progress", args=[class_world["cohort"].pk]))
    cells = {
        row.find("td").get_text(" ").split()[0]: " ".join(row.find_all("td")[1].get_text(" ").split())
        for row in BeautifulSoup(page.content, "html.parser").select("table.listing tbody tr")
    }
    assert cells["Ani"] == "Complete (1 / 1) 1 new module"
    assert cells["Budi"] == "0 / 2"


def test_the_progress_csv_counts_as_the_screen_does(client, class_world):
    factories.module_page(class_world["course"], title="Bank Sampah")
    client.force_login(class_world["facilitator"])

    text = client.get(reverse("cohorts:progress_csv", args=[class_world["cohort"].pk])).content.decode("utf-8-sig")
    rows = {row[0]: row[2:4] for row in list(csv.reader(io.StringIO(text)))[1:]}

    assert rows == {"Ani": ["1", "1"], "Budi": ["0", "2"]}


def test_the_progress_screen_takes_the_same_queries_for_more_learners_and_modules(client, class_world):
    client.force_login(class_world["facilitator"])
    url = reverse("cohorts:progress", args=[class_world["cohort"].pk])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    factories.module_page(class_world["course"], title="Bank Sampah")
    for name in ("Citra", "Dedi", "Eka"):
        factories.enrolment(
            user=factories.learner(full_name=name), course=class_world["course"], cohort=class_world["cohort"]
        )
    client.get(url)
    with CaptureQueriesContext(connection) as after:
        client.get(url)

    assert len(after) == len(before)


def test_another_organisations_facilitator_is_refused_the_progress_screen(client, class_world):
    cerdas = organisation_create(name="Perkumpulan Warga Cerdas", slug="cerdas", kind="ngo")
    other = factories.resident(username="fasilitator-cerdas")
    membership_set(user=other, organisation=cerdas, role=Membership.Role.FACILITATOR)
    client.force_login(other)

    response = client.get(reverse("cohorts:progress", args=[class_world["cohort"].pk]))

    assert response.status_code in (403, 404)
    assert "Ani" not in response.text


def test_the_learner_record_shows_the_completed_course_complete_with_the_new_module_apart(client, class_world):
    factories.module_page(class_world["course"], title="Bank Sampah")
    ani, budi = class_world["ani"], class_world["budi"]

    record = learner_record(viewer=class_world["facilitator"], user_id=ani.user_id)
    (item,) = record.enrolments
    assert (item.counts.is_complete, item.counts.done, item.counts.counted, item.counts.new) == (True, 1, 1, 1)
    assert [row.is_new for row in item.modules] == [False, True]

    in_english(client).force_login(class_world["facilitator"])
    page = client.get(reverse("reports_learner_record", args=[ani.user_id]))
    assert "1 of 1 modules done · 1 new module" in " ".join(page.text.split())
    assert "1 of 2" not in page.text
    assert "Not yet · new since the course was completed" in text_of(page, "table.listing tbody")

    # A learner still in progress needs the new module too.
    page = client.get(reverse("reports_learner_record", args=[budi.user_id]))
    assert "0 of 2 modules done" in " ".join(page.text.split())
    assert "new module" not in page.text
