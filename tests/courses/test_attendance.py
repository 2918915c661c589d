"""A facilitator takes attendance at a meeting of their own class, on a phone, or shows a QR code to scan
(classes.attendance_views; completion waits for the class's minimum attendance: courses.hooks)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.text import slugify

from classes.attendance import AttendanceError, attendance_record
from classes.models import Attendance
from courses.models import Enrolment, ModulePage
from courses.services import module_mark_read
from organisations.models import Membership
from organisations.services import (
    GOVERNMENT_STAFF_GROUP,
    organisation_create,
)
from tests import factories
from tests.classes.conftest import add_meetings, make_cohort

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(site_tree):
    """Lestari's class with three learners and a meeting; Cerdas's class of the same course; one user per role."""
    lestari = organisation_create(name="Yayasan Lingkungan Lestari", slug="lestari", kind="ngo")
    cerdas = organisation_create(name="Perkumpulan Warga Cerdas", slug="cerdas", kind="ngo")
    course = factories.course_page(site_tree["courses"], title="Pengelolaan Sampah", organisation=lestari)
    factories.module_page(course, title="Memilah Sampah")
    users = factories.users_with_roles(
        members=[
            ("facilitator", lestari, Membership.Role.FACILITATOR),
            ("other facilitator", cerdas, Membership.Role.FACILITATOR),
        ],
        government=[("government", GOVERNMENT_STAFF_GROUP)],
    )
    own = make_cohort(course=course, organisation=lestari, facilitators=[users["facilitator"]])
    other = make_cohort(
        course=course, organisation=cerdas, facilitators=[users["other facilitator"]], name="Kelas Sepinggan"
    )
    return {
        "course": course,
        "own": own,
        "other": other,
        "meeting": add_meetings(own, 1)[0],
        "other meeting": add_meetings(other, 1)[0],
        "learners": [enrol(own, name) for name in ("Ani Lestari", "Budi Santoso", "Citra Dewi")],
        "stranger": enrol(other, "Dodi Sepinggan"),
        "users": users,
    }


def enrol(cohort, name):
    learner = factories.learner(full_name=name, email=f"{slugify(name)}@contoh.id")
    return factories.enrolment(user=learner, course=cohort.course, cohort=cohort)


def form_url(cohort, meeting):
    return reverse("cohorts:attendance", args=[cohort.pk, meeting.pk])


def qr_url(cohort, meeting):
    return reverse("cohorts:check_in_qr", args=[cohort.pk, meeting.pk])


def submit(client, cohort, meeting, ticked):
    """Send the form as the browser does: the ticked boxes, and who the page showed as present."""
    url = form_url(cohort, meeting)
    shown = re.findall(r'<input type="hidden" name="tercatat" value="(\d+)">', client.get(url).text)
    return client.post(url, {"hadir": [enrolment.pk for enrolment in ticked], "tercatat": shown})


def present(meeting):
    return set(Attendance.objects.filter(session=meeting).values_list("enrolment_id", flat=True))


@pytest.fixture
def facilitator_client(client, world):
    client.force_login(world["users"]["facilitator"])
    return client


# --- The attendance form ----------------------------------------------------------------------------


def test_the_form_lists_every_learner_of_the_class_as_a_labelled_checkbox(facilitator_client, world):
    page = facilitator_client.get(form_url(world["own"], world["meeting"])).text

    for enrolment in world["learners"]:
        assert re.search(
            rf'<label class="attendance-learner">\s*<input type="checkbox" name="hadir" value="{enrolment.pk}">',
            page,
        )
        assert enrolment.user.first_name in page
    assert "Dodi Sepinggan" not in page
    assert 'type="submit"' in page


def test_the_form_saves_exactly_the_ticked_learners(facilitator_client, world):
    ani, budi, _citra = world["learners"]

    response = submit(facilitator_client, world["own"], world["meeting"], [ani, budi])

    assert response.status_code == 302
    assert present(world["meeting"]) == {ani.pk, budi.pk}
    rows = Attendance.objects.filter(session=world["meeting"])
    assert {row.method for row in rows} == {Attendance.Method.FORM}
    assert {row.recorded_by for row in rows} == {world["users"]["facilitator"]}
    page = facilitator_client.get(response.url)
    assert [message.level_tag for message in page.context["messages"]] == ["success"]


def test_unticking_a_learner_removes_their_attendance_and_keeps_the_others(facilitator_client, world):
    ani, budi, citra = world["learners"]
    meeting = world["meeting"]
    Attendance.objects.create(session=meeting, enrolment=ani, method=Attendance.Method.QR, recorded_by=ani.user)
    Attendance.objects.create(session=meeting, enrolment=budi, method=Attendance.Method.FORM)

    submit(facilitator_client, world["own"], meeting, [ani, citra])

    assert present(meeting) == {ani.pk, citra.pk}
    # Ani checked in with the QR code herself: her row says so still.
    assert Attendance.objects.get(session=meeting, enrolment=ani).method == Attendance.Method.QR


def test_unticking_everyone_removes_every_attendance(facilitator_client, world):
    Attendance.objects.create(session=world["meeting"], enrolment=world["learners"][0], method="form")

    submit(facilitator_client, world["own"], world["meeting"], [])

    assert present(world["meeting"]) == set()


def test_a_learner_who_checked_in_with_the_qr_code_while_the_form_was_open_stays_present(facilitator_client, world):
    ani, budi, _citra = world["learners"]
    url = form_url(world["own"], world["meeting"])
    facilitator_client.get(url)  # the facilitator opens the form: nobody is present yet
    Attendance.objects.create(session=world["meeting"], enrolment=budi, method=Attendance.Method.QR)

    facilitator_client.post(url, {"hadir": [ani.pk]})

    assert present(world["meeting"]) == {ani.pk, budi.pk}


def test_a_learner_of_another_class_is_refused_and_nothing_is_saved(facilitator_client, world):
    ani, budi, _citra = world["learners"]
    Attendance.objects.create(session=world["meeting"], enrolment=budi, method="form")

    response = submit(facilitator_client, world["own"], world["meeting"], [ani, world["stranger"]])

    assert response.status_code == 400
    assert [message.level_tag for message in response.context["messages"]] == ["error"]
    assert present(world["meeting"]) == {budi.pk}


def test_recorded_without_the_forms_list_the_present_set_becomes_exactly_the_ticked_one(world):
    ani, budi, citra = world["learners"]
    Attendance.objects.create(session=world["meeting"], enrolment=budi, method=Attendance.Method.QR)

    present_count = attendance_record(
        session=world["meeting"], present_enrolment_ids=[ani.pk, citra.pk], by=world["users"]["facilitator"]
    )

    assert present_count == 2
    assert present(world["meeting"]) == {ani.pk, citra.pk}


def test_an_id_that_is_not_a_number_is_refused_and_nothing_is_saved(world):
    with pytest.raises(AttendanceError):
        attendance_record(
            session=world["meeting"], present_enrolment_ids=["1; DROP"], by=world["users"]["facilitator"]
        )
    assert present(world["meeting"]) == set()


# --- Who may take attendance ------------------------------------------------------------------------


@pytest.mark.parametrize("screen", [form_url, qr_url])
def test_another_organisations_facilitator_gets_404_on_both_screens(client, world, screen):
    client.force_login(world["users"]["other facilitator"])

    assert client.get(screen(world["own"], world["meeting"])).status_code == 404
    assert (
        client.post(form_url(world["own"], world["meeting"]), {"hadir": [world["learners"][0].pk]}).status_code == 404
    )
    assert present(world["meeting"]) == set()


@pytest.mark.parametrize("screen", [form_url, qr_url])
def test_a_meeting_of_another_class_is_404_under_ones_own_class_id(facilitator_client, world, screen):
    assert facilitator_client.get(screen(world["own"], world["other meeting"])).status_code == 404


def test_government_staff_see_the_form_read_only(client, world):
    Attendance.objects.create(session=world["meeting"], enrolment=world["learners"][0], method="form")
    client.force_login(world["users"]["government"])

    response = client.get(form_url(world["own"], world["meeting"]))

    assert response.status_code == 200
    page = response.text
    assert len(re.findall(r'<input type="checkbox" name="hadir" value="\d+"( checked)? disabled>', page)) == 3
    assert 'type="submit"' not in page
    assert qr_url(world["own"], world["meeting"]) not in page


def test_government_staff_cannot_save_attendance(client, world):
    ani = world["learners"][0]
    Attendance.objects.create(session=world["meeting"], enrolment=ani, method="form")
    client.force_login(world["users"]["government"])

    response = client.post(form_url(world["own"], world["meeting"]), {"hadir": [world["learners"][1].pk]})

    assert response.status_code == 403
    assert present(world["meeting"]) == {ani.pk}


def test_government_staff_do_not_get_the_qr_screen(client, world):
    client.force_login(world["users"]["government"])

    response = client.get(qr_url(world["own"], world["meeting"]))

    # The admin answers a refusal with a redirect to its dashboard and a message.
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


# --- The QR screen ---------------------------------------------------------------------------------


def test_the_qr_screen_shows_the_code_the_meeting_and_who_checked_in_and_reloads_at_the_next_minute(
    facilitator_client, world
):
    Attendance.objects.create(session=world["meeting"], enrolment=world["learners"][0], method="qr")

    response = facilitator_client.get(qr_url(world["own"], world["meeting"]))

    assert response.status_code == 200
    page = response.text
    assert re.search(r"<svg[^>]*>", page)
    refresh = re.search(r'<meta http-equiv="refresh" content="(\d+)">', page)
    assert refresh and 1 <= int(refresh.group(1)) <= 60
    assert world["meeting"].title in page
    assert response.context["present_count"] == 1
    assert response.context["learner_count"] == 3
    assert "no-cache" in response["Cache-Control"]


# --- Completion ------------------------------------------------------------------------------------


def test_attendance_reaching_the_class_minimum_completes_a_learner_whose_modules_are_done(facilitator_client, world):
    cohort = world["own"]
    cohort.min_attendance_percent = 75
    cohort.save()
    meetings = [world["meeting"], *add_meetings(cohort, 3)]
    ani, budi, _citra = world["learners"]
    module_mark_read(user=ani.user, module=ModulePage.objects.child_of(world["course"]).get())
    ani.refresh_from_db()
    assert ani.completed_at is None  # the modules are done, the meetings are not

    for meeting in meetings[:2]:
        submit(facilitator_client, cohort, meeting, [ani, budi])
    ani.refresh_from_db()
    assert ani.completed_at is None  # 2 of 4 meetings: 50 %

    submit(facilitator_client, cohort, meetings[2], [ani, budi])

    ani.refresh_from_db()
    budi.refresh_from_db()
    assert ani.status == Enrolment.Status.COMPLETED  # 3 of 4 meetings: 75 %
    assert budi.status == Enrolment.Status.ACTIVE  # attended as much, but has not done the module


# --- Query counts ----------------------------------------------------------------------------------


def test_the_attendance_form_runs_the_same_queries_for_3_or_30_learners(
    facilitator_client, world, django_assert_num_queries
):
    url = form_url(world["own"], world["meeting"])
    facilitator_client.get(url)  # warm the caches
    with CaptureQueriesContext(connection) as few:
        assert facilitator_client.get(url).status_code == 200
    for number in range(27):
        learner = enrol(world["own"], f"Peserta {number}")
        if number % 2:
            Attendance.objects.create(session=world["meeting"], enrolment=learner, method="form")

    with django_assert_num_queries(len(few.captured_queries)):
        response = facilitator_client.get(url)

    assert len(response.context["rows"]) == 30
