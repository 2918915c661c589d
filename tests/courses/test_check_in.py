"""A resident checks in at a class meeting with the QR code on the facilitator's screen (classes.attendance)."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from classes.attendance import AttendanceError, check_in, check_in_signature, check_in_url, check_in_window
from classes.models import Attendance
from courses.models import Enrolment, ModulePage
from courses.services import module_mark_read
from organisations.services import organisation_create
from tests import factories
from tests.classes.conftest import add_meetings, make_cohort

pytestmark = pytest.mark.django_db

MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture
def world(site_tree):
    """A class with two meetings and a learner; a resident who is in no class."""
    lestari = organisation_create(name="Yayasan Lingkungan Lestari", slug="lestari", kind="ngo")
    course = factories.course_page(site_tree["courses"], title="Pengelolaan Sampah", organisation=lestari)
    factories.module_page(course, title="Memilah Sampah")
    cohort = make_cohort(course=course, organisation=lestari)
    learner = factories.learner(full_name="Ani Lestari", email="ani@contoh.id")
    return {
        "course": course,
        "cohort": cohort,
        "meetings": add_meetings(cohort, 2),
        "enrolment": factories.enrolment(user=learner, course=course, cohort=cohort),
        "learner": learner,
        "outsider": factories.learner(full_name="Budi Santoso", email="budi@contoh.id"),
    }


def path_of(meeting, now=None):
    """The address behind the QR code shown at `now`, without the site's base URL."""
    return urlsplit(check_in_url(meeting, now=now)).path


def buttons_in_main(response):
    """The page's own buttons, not the header's (log out)."""
    return BeautifulSoup(response.text, "html.parser").find("main").find_all("button")


def rows(meeting):
    return Attendance.objects.filter(session=meeting)


@pytest.fixture
def learner_client(client, world):
    client.force_login(world["learner"])
    return client


def test_the_code_is_an_absolute_address_under_kelas_hadir(world, settings):
    settings.SITE_URL = "https://sekolahwarga.example"
    meeting = world["meetings"][0]

    url = check_in_url(meeting)

    window = check_in_window()
    signature = check_in_signature(session=meeting, window=window)
    assert url == f"https://sekolahwarga.example/kelas/hadir/{meeting.pk}/{window}/{signature}/"
    assert len(signature) == 16


def test_the_code_changes_every_minute(world):
    meeting, now = world["meetings"][0], timezone.now()

    assert check_in_url(meeting, now=now) != check_in_url(meeting, now=now + MINUTE)


def test_scanning_shows_the_meeting_and_one_button_and_records_nothing(learner_client, world):
    meeting = world["meetings"][0]

    response = learner_client.get(path_of(meeting))

    assert response.status_code == 200
    assert meeting.title in response.text
    assert len(buttons_in_main(response)) == 1
    assert not rows(meeting).exists()


def test_a_current_code_checks_the_learner_in_once(learner_client, world):
    meeting = world["meetings"][0]
    url = path_of(meeting)

    first = learner_client.post(url)
    second = learner_client.post(url)

    assert first.status_code == 200
    assert first.context["recorded"] is True
    assert second.status_code == 200
    assert second.context["recorded"] is False
    assert second.context["already_checked_in"] is True
    row = rows(meeting).get()
    assert (row.enrolment, row.method, row.recorded_by) == (world["enrolment"], Attendance.Method.QR, world["learner"])


def test_a_checked_in_learner_scanning_again_is_told_so_without_a_button(learner_client, world):
    meeting = world["meetings"][0]
    learner_client.post(path_of(meeting))

    response = learner_client.get(path_of(meeting))

    assert response.context["already_checked_in"] is True
    assert buttons_in_main(response) == []
    assert rows(meeting).count() == 1


def test_the_same_code_checks_in_at_one_meeting_only(learner_client, world):
    first, second = world["meetings"]

    learner_client.post(path_of(first))

    assert rows(first).count() == 1
    assert not rows(second).exists()


def test_a_code_from_three_minutes_ago_is_refused(learner_client, world):
    meeting = world["meetings"][0]

    response = learner_client.post(path_of(meeting, now=timezone.now() - 3 * MINUTE))

    assert response.status_code == 410
    assert response.context["refusal"] == "expired"
    assert not rows(meeting).exists()


def test_the_code_shown_two_minutes_ago_still_works_and_three_minutes_ago_does_not(world):
    meeting, now = world["meetings"][0], timezone.now()
    code = {"user": world["learner"], "session_id": meeting.pk}

    def signed(window):
        return {**code, "window": window, "signature": check_in_signature(session=meeting, window=window)}

    with pytest.raises(AttendanceError) as refused:
        check_in(**signed(check_in_window(now) - 3), now=now)
    assert refused.value.code == "expired"
    assert check_in(**signed(check_in_window(now) - 2), now=now).already_checked_in is False


def test_a_code_from_the_future_is_refused(world):
    meeting, now = world["meetings"][0], timezone.now()
    window = check_in_window(now) + 1

    with pytest.raises(AttendanceError) as refused:
        check_in(
            user=world["learner"],
            session_id=meeting.pk,
            window=window,
            signature=check_in_signature(session=meeting, window=window),
            now=now,
        )

    assert refused.value.code == "invalid"
    assert not rows(meeting).exists()


def test_an_altered_signature_is_refused(learner_client, world):
    meeting = world["meetings"][0]
    url = path_of(meeting)
    signature = url.rstrip("/").rsplit("/", 1)[1]
    altered = url.replace(signature, ("A" if signature[0] != "A" else "B") + signature[1:])

    response = learner_client.post(altered)

    assert response.status_code == 404
    assert response.context["refusal"] == "invalid"
    assert not rows(meeting).exists()


def test_a_code_of_another_meeting_is_refused(learner_client, world):
    first, second = world["meetings"]
    forged = path_of(first).replace(f"/hadir/{first.pk}/", f"/hadir/{second.pk}/")

    response = learner_client.post(forged)

    assert response.status_code == 404
    assert not Attendance.objects.exists()


def test_a_code_of_a_meeting_that_does_not_exist_is_refused(learner_client, world):
    url = path_of(world["meetings"][0]).replace(f"/hadir/{world['meetings'][0].pk}/", "/hadir/999999/")

    assert learner_client.post(url).status_code == 404


def test_a_resident_not_in_the_class_is_refused(client, world):
    meeting = world["meetings"][0]
    client.force_login(world["outsider"])

    looked = client.get(path_of(meeting))
    posted = client.post(path_of(meeting))

    assert (looked.status_code, posted.status_code) == (403, 403)
    assert posted.context["refusal"] == "not_in_class"
    assert not rows(meeting).exists()


def test_a_learner_of_the_same_course_in_another_class_is_refused(client, world):
    other = make_cohort(course=world["course"], organisation=world["cohort"].organisation, name="Kelas Lain")
    other_meeting = add_meetings(other, 1)[0]
    client.force_login(world["learner"])

    response = client.post(path_of(other_meeting))

    assert response.status_code == 403
    assert not rows(other_meeting).exists()


def test_an_anonymous_scan_goes_to_the_login_and_comes_back(client, world):
    url = path_of(world["meetings"][0])

    response = client.get(url)

    assert response.status_code == 302
    login = urlsplit(response.url)
    assert login.path == "/akun/masuk/"
    assert parse_qs(login.query) == {"next": [url]}


def test_checking_in_at_the_last_needed_meeting_completes_the_course(learner_client, world):
    cohort, enrolment = world["cohort"], world["enrolment"]
    cohort.min_attendance_percent = 50
    cohort.save()
    module_mark_read(user=world["learner"], module=ModulePage.objects.child_of(world["course"]).get())
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None

    learner_client.post(path_of(world["meetings"][0]))

    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
