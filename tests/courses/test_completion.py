"""Completing a course: one rule, courses.services.enrolment_complete, reached online (the resident does every
module) or on paper in class (a facilitator records it). Either way the course is completed once, whatever
races, written to the enrolment's history with who did it, and announced once (enrolment_completed).

What must be done before (modules, quizzes, a class's minimum attendance, a course grant) is each rule's own
test: tests/courses/test_attendance.py, tests/classes/test_course_grants.py.
"""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from classes.services import completion_record_on_paper
from courses.models import Enrolment, ModulePage
from courses.services import LearningError, enrolment_create, module_mark_read, quiz_attempt_open, quiz_attempt_submit
from courses.signals import enrolment_completed
from organisations.models import Membership
from organisations.services import GOVERNMENT_STAFF_GROUP, government_role_grant, membership_set, organisation_create
from tests import factories
from tests.classes.conftest import make_cohort

pytestmark = pytest.mark.django_db

ONLINE = "sekolah_warga.completion"
ON_PAPER = "sekolah_warga.completion_on_paper"


@pytest.fixture
def completions():
    """The enrolments announced as completed (enrolment_completed), in order."""
    announced = []

    def remember(sender, enrolment, **kwargs):
        announced.append(enrolment.pk)

    enrolment_completed.connect(remember)
    yield announced
    enrolment_completed.disconnect(remember)


def pass_the_quiz(user, module):
    attempt = quiz_attempt_open(user=user, module=module)
    right = {
        str(question["id"]): [choice["id"] for choice in question["choices"] if choice["is_correct"]]
        for question in attempt.questions
    }
    return quiz_attempt_submit(user=user, token=attempt.token, answers=right)


def complete_online(user, course, modules):
    enrolment_create(user=user, course=course)
    for module in modules:
        module_mark_read(user=user, module=module)
    pass_the_quiz(user, modules[1])
    return Enrolment.objects.get(user=user, course=course)


@pytest.fixture
def government(db):
    staff = factories.resident(username="pemkot")
    government_role_grant(user=staff, group_name=GOVERNMENT_STAFF_GROUP)
    return staff


@pytest.fixture
def in_class(site_tree):
    """Ani, a learner in Lestari's class, and the class's facilitator."""
    lestari = organisation_create(name="Yayasan Lingkungan Lestari", slug="lestari", kind="ngo")
    course = factories.course_page(site_tree["courses"], title="Pengelolaan Sampah", organisation=lestari)
    factories.module_page(course, title="Memilah Sampah")
    facilitator = factories.resident(username="fasilitator")
    membership_set(user=facilitator, organisation=lestari, role=Membership.Role.FACILITATOR)
    cohort = make_cohort(course=course, organisation=lestari, facilitators=[facilitator])
    learner = factories.learner(full_name="Ani", phone="+6281200000001")
    return {
        "cohort": cohort,
        "facilitator": facilitator,
        "enrolment": factories.enrolment(user=learner, course=course, cohort=cohort),
    }


def in_indonesian(message):
    """What the admin shows for `message`, in its default language."""
    with translation.override("id"):
        return translation.gettext(message)


def history_rows(response):
    """What each row of an object's history in the admin says was done, and by whom."""
    rows = BeautifulSoup(response.content, "html.parser").select("table.listing tbody tr")
    return [[" ".join(cell.get_text().split()) for cell in row.select("td")[:2]] for row in rows]


def record_on_paper(client, in_class, note):
    url = reverse("cohorts:record_paper_completion", args=[in_class["cohort"].pk, in_class["enrolment"].pk])
    return client.post(url, {"note": note}, follow=True)


# --- Online ------------------------------------------------------------------------------------------


def test_reading_every_module_and_passing_the_quiz_completes_the_course_once(
    resident, course, modules, completions, django_capture_on_commit_callbacks
):
    enrolment_create(user=resident, course=course)
    for module in modules:
        module_mark_read(user=resident, module=module)
    assert Enrolment.objects.get().completed_at is None  # the quiz is not passed yet

    with django_capture_on_commit_callbacks(execute=True):
        pass_the_quiz(resident, modules[1])

    enrolment = Enrolment.objects.get()
    assert enrolment.status == Enrolment.Status.COMPLETED and enrolment.completed_at
    assert enrolment.completion_recorded_by is None  # the resident's own, not a facilitator's record
    assert completions == [enrolment.pk]
    with django_capture_on_commit_callbacks(execute=True):
        module_mark_read(user=resident, module=modules[0])  # reading a module again changes nothing
    assert Enrolment.objects.get().completed_at == enrolment.completed_at
    assert completions == [enrolment.pk]


def test_an_online_completion_is_in_the_learners_history_as_the_residents_own(
    client, resident, course, modules, government
):
    enrolment = complete_online(resident, course, modules)

    entry = ModelLogEntry.objects.get(action__startswith="sekolah_warga.completion")
    assert (entry.action, entry.user, entry.object_id) == (ONLINE, resident, str(enrolment.pk))
    client.force_login(government)
    history = client.get(reverse("learners:history", args=[enrolment.pk]))
    assert history_rows(history) == [[in_indonesian("Completed online"), resident.get_full_name()]]


# --- On paper ------------------------------------------------------------------------------------------


def test_a_completion_on_paper_is_recorded_logged_and_shown_as_recorded_by_the_facilitator(client, in_class):
    cohort, facilitator, enrolment = in_class["cohort"], in_class["facilitator"], in_class["enrolment"]
    client.force_login(facilitator)

    record_on_paper(client, in_class, "Tes kertas 12 Januari 2027, nilai 85")

    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert enrolment.completion_recorded_by == facilitator
    entry = ModelLogEntry.objects.get(action=ON_PAPER)
    assert entry.data == {"note": "Tes kertas 12 Januari 2027, nilai 85"}
    assert entry.user == facilitator
    assert "dicatat fasilitator" in client.get(reverse("cohorts:progress", args=[cohort.pk])).text
    history = client.get(reverse("learners:history", args=[enrolment.pk]))
    assert history_rows(history) == [
        [in_indonesian("Completion recorded by facilitator"), facilitator.get_full_name()]
    ]
    client.force_login(enrolment.user)
    assert "dicatat fasilitator" in client.get("/saya/").text
    assert "dicatat fasilitator" in client.get(cohort.course.url).text


def test_a_completion_on_paper_needs_a_note_and_is_recorded_once(
    client, in_class, completions, django_capture_on_commit_callbacks
):
    enrolment = in_class["enrolment"]
    client.force_login(in_class["facilitator"])

    record_on_paper(client, in_class, "  ")
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None

    with django_capture_on_commit_callbacks(execute=True):
        record_on_paper(client, in_class, "Tes kertas")
        again = record_on_paper(client, in_class, "Tes kertas lagi")

    assert "Peserta ini sudah menyelesaikan kursus." in again.text
    assert ModelLogEntry.objects.filter(action=ON_PAPER).count() == 1
    enrolment.refresh_from_db()
    assert enrolment.completion_note == "Tes kertas"
    assert completions == [enrolment.pk]


def test_a_course_completed_online_cannot_be_recorded_on_paper_again(client, in_class):
    enrolment = in_class["enrolment"]
    module = ModulePage.objects.child_of(enrolment.course).get()
    module_mark_read(user=enrolment.user, module=module)
    client.force_login(in_class["facilitator"])

    response = record_on_paper(client, in_class, "Tes kertas")

    assert "Peserta ini sudah menyelesaikan kursus." in response.text
    enrolment.refresh_from_db()
    assert enrolment.completion_recorded_by is None
    assert list(ModelLogEntry.objects.filter(action__startswith="sekolah_warga.completion").values_list("action")) == [
        (ONLINE,)
    ]


# --- Races (real concurrent transactions: PostgreSQL) ------------------------------------------------

race = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: concurrent transactions")


@race
@pytest.mark.django_db(transaction=True)
def test_the_last_two_modules_completed_at_once_complete_the_course_once(wagtail_root, run_together, completions):
    tree = factories.site_tree(factories.home_page())
    course = factories.course_page(tree["courses"])
    first = factories.module_page(course, title="Pertama")
    second = factories.module_page(course, title="Kedua")
    resident = factories.resident()
    enrolment = enrolment_create(user=resident, course=course)

    run_together(
        lambda: module_mark_read(user=resident, module=first),
        lambda: module_mark_read(user=resident, module=second),
    )

    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert completions == [enrolment.pk]
    assert ModelLogEntry.objects.filter(action=ONLINE).count() == 1


@race
@pytest.mark.django_db(transaction=True)
def test_a_completion_on_paper_at_the_moment_the_learner_completes_online_completes_once(
    wagtail_root, run_together, completions, in_class
):
    enrolment, facilitator = in_class["enrolment"], in_class["facilitator"]
    module = ModulePage.objects.child_of(enrolment.course).get()

    online, on_paper = run_together(
        lambda: module_mark_read(user=enrolment.user, module=module),
        lambda: completion_record_on_paper(enrolment=enrolment, by=facilitator, note="Tes kertas"),
    )

    enrolment.refresh_from_db()
    assert completions == [enrolment.pk]
    entries = list(ModelLogEntry.objects.filter(action__startswith="sekolah_warga.completion"))
    assert len(entries) == 1
    if entries[0].action == ON_PAPER:  # the facilitator was first: the learner's reading is recorded, silently
        assert enrolment.completion_recorded_by == facilitator
        assert not isinstance(online, Exception)
    else:  # the learner was first: the facilitator is told
        assert enrolment.completion_recorded_by is None
        assert isinstance(on_paper, LearningError)


# --- The course's modules, read once until the next publish (courses.selectors.live_module_ids)


def test_the_courses_modules_are_read_from_the_page_tree_once_for_every_module_completed(site_tree):
    from django.test.utils import CaptureQueriesContext

    course = factories.course_page(site_tree["courses"])
    first, second = factories.module_page(course, title="Hak"), factories.module_page(course, title="Kewajiban")
    ani, budi = factories.learner(full_name="Ani"), factories.learner(full_name="Budi", phone="+6281200000002")
    enrolment_create(user=ani, course=course)
    enrolment_create(user=budi, course=course)

    with CaptureQueriesContext(connection) as first_time:
        module_mark_read(user=ani, module=first)
    with CaptureQueriesContext(connection) as again:
        module_mark_read(user=budi, module=first)

    sql = ["\n".join(query["sql"] for query in queries) for queries in (first_time, again)]
    assert '"courses_modulepage"' in sql[0]
    assert '"courses_modulepage"' not in sql[1]
    # The last module: the kept list says done, and the page tree confirms it before the completion.
    with CaptureQueriesContext(connection) as last:
        module_mark_read(user=budi, module=second)
    assert '"courses_modulepage"' in "\n".join(query["sql"] for query in last)
    assert Enrolment.objects.get(user=budi).completed_at is not None


def test_a_kept_module_list_gone_stale_without_a_publish_does_not_complete_the_course(site_tree):
    from courses.models import ModulePage as Module

    course = factories.course_page(site_tree["courses"])
    first = factories.module_page(course, title="Hak")
    ani = factories.learner(full_name="Ani")
    enrolment_create(user=ani, course=course)
    budi = factories.learner(full_name="Budi", phone="+6281200000002")
    enrolment_create(user=budi, course=course)
    module_mark_read(user=ani, module=first)  # keeps the list: one module
    # A module made live while the cache could not hear of it (no version bump).
    course.add_child(instance=Module(title="Kewajiban", summary="Ringkasan.", live=True))

    module_mark_read(user=budi, module=first)
    assert Enrolment.objects.get(user=budi).completed_at is None


def test_a_module_published_after_a_completion_check_must_be_done_too(site_tree):
    course = factories.course_page(site_tree["courses"])
    first = factories.module_page(course, title="Hak")
    ani, budi = factories.learner(full_name="Ani"), factories.learner(full_name="Budi", phone="+6281200000002")
    enrolment_create(user=ani, course=course)
    module_mark_read(user=ani, module=first)
    assert Enrolment.objects.get(user=ani).completed_at is not None  # one module, done

    factories.module_page(course, title="Kewajiban")  # published, as the editor does
    enrolment_create(user=budi, course=course)
    module_mark_read(user=budi, module=first)

    assert Enrolment.objects.get(user=budi).completed_at is None  # the new module is still to do
