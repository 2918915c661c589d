"""Attendance at a forum meeting (participation.forum_attendance): residents check in with the rotating QR
code on the organiser's screen, the organiser ticks the paper list, and staff add people at the door."""

import datetime
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import PageLogEntry

from core import rotating_codes
from participation import forum_course_requirement
from participation.forum_attendance import (
    LOG_ATTENDANCE_LIST,
    LOG_DOOR_ADD,
    ForumAttendanceError,
    forum_attendance_door_add,
    forum_attendance_record,
    forum_check_in,
    forum_check_in_url,
)
from participation.forum_registration import forum_cancel, forum_register
from participation.models import ForumRegistration
from tests import factories

pytestmark = pytest.mark.django_db

MINUTE = datetime.timedelta(minutes=1)
HOUR = datetime.timedelta(hours=1)
REGISTERED = ForumRegistration.Status.REGISTERED
WAITING = ForumRegistration.Status.WAITING


@pytest.fixture
def forum(site_tree):
    """A meeting starting in half an hour: check-in is open."""
    return factories.forum_page(
        site_tree["forums"], title="Rembuk Warga Gunung Bahagia", starts_at=timezone.now() + 30 * MINUTE, capacity=1
    )


@pytest.fixture
def siti():
    return factories.resident(username="siti")


@pytest.fixture
def completed_for(monkeypatch):
    """The residents for whom a course completion was asked after their attendance, in order."""
    calls = []
    monkeypatch.setattr(
        forum_course_requirement, "courses_complete_after_attendance", lambda *, user: calls.append(user.pk)
    )
    return calls


def code(forum, now=None, *, minutes_ago=0):
    """The window and signature the organiser's screen showed `minutes_ago`."""
    window = rotating_codes.code_window(now) - minutes_ago
    signature = rotating_codes.code_signature(
        secret=forum.check_in_secret, subject=f"forum-check-in:{forum.pk}", window=window
    )
    return {"window": window, "signature": signature}


def path_of(forum, now=None):
    return urlsplit(forum_check_in_url(forum, now=now)).path


def registration_of(forum, user):
    return ForumRegistration.objects.get(forum=forum, user=user)


def buttons_in_main(response):
    return BeautifulSoup(response.text, "html.parser").find("main").find_all("button")


# --- The code ---------------------------------------------------------------------------------------------


def test_the_code_is_an_absolute_address_under_the_forums_page(forum, settings):
    settings.SITE_URL = "https://sekolahwarga.example"

    url = forum_check_in_url(forum)

    expected = code(forum)
    assert url == (
        f"https://sekolahwarga.example/forum/{forum.slug}/hadir/{expected['window']}/{expected['signature']}/"
    )


def test_a_class_meetings_code_reads_as_it_always_did(settings):
    """classes.attendance builds on core.rotating_codes with the subject its codes always signed: a code
    shown before the change still checks in."""
    import base64
    import hashlib
    import hmac

    from classes.attendance import check_in_signature

    class Meeting:
        pk = 12

        class cohort:
            check_in_secret = "rahasia"

    # The classes' own formula before core.rotating_codes existed.
    key = f"rahasia:{settings.SECRET_KEY}".encode()
    before = base64.urlsafe_b64encode(hmac.new(key, b"check-in:12:100", hashlib.sha256).digest()).decode()[:16]
    assert check_in_signature(session=Meeting, window=100) == before


# --- Checking in ------------------------------------------------------------------------------------------


def test_scanning_shows_the_meeting_and_one_button_and_records_nothing(client, forum, siti):
    client.force_login(siti)

    response = client.get(path_of(forum))

    assert response.status_code == 200
    assert forum.title in response.text
    assert [button.get_text(strip=True) for button in buttons_in_main(response)] == ["Saya hadir"]
    assert not ForumRegistration.objects.filter(forum=forum).exists()


def test_a_resident_not_registered_is_registered_and_present(client, forum, siti, completed_for):
    client.force_login(siti)

    response = client.post(path_of(forum))

    assert response.status_code == 200
    assert "Kehadiran tercatat" in response.text or "Attendance recorded" in response.text
    registration = registration_of(forum, siti)
    assert registration.status == REGISTERED
    assert registration.attended_at is not None
    assert registration.attendance_method == ForumRegistration.Method.QR
    assert completed_for == [siti.pk]


def test_checking_in_twice_records_once(forum, siti, completed_for):
    first = forum_check_in(user=siti, forum=forum, **code(forum))
    attended_at = registration_of(forum, siti).attended_at

    second = forum_check_in(user=siti, forum=forum, **code(forum))

    assert (first.already_checked_in, second.already_checked_in) == (False, True)
    assert ForumRegistration.objects.filter(forum=forum).count() == 1
    assert registration_of(forum, siti).attended_at == attended_at
    assert completed_for == [siti.pk]


def test_a_second_scan_on_the_page_says_already_checked_in(client, forum, siti):
    client.force_login(siti)
    client.post(path_of(forum))

    response = client.post(path_of(forum))

    assert response.status_code == 200
    assert response.context["already_checked_in"] is True
    assert not buttons_in_main(response)


def test_a_resident_on_the_waiting_list_or_who_cancelled_is_registered_when_they_come(forum, siti):
    budi, ani = factories.resident(username="budi"), factories.resident(username="ani")
    forum_register(forum=forum, user=budi)  # the one place
    forum_register(forum=forum, user=siti)  # waiting
    forum_register(forum=forum, user=ani)
    assert registration_of(forum, siti).status == WAITING

    forum_check_in(user=siti, forum=forum, **code(forum))

    registration = registration_of(forum, siti)
    assert (registration.status, registration.attended_at is not None) == (REGISTERED, True)
    forum_cancel(forum=forum, user=budi)
    forum_check_in(user=budi, forum=forum, **code(forum))
    registration = registration_of(forum, budi)
    assert (registration.status, registration.cancelled_at, registration.attended_at is not None) == (
        REGISTERED,
        None,
        True,
    )


def test_the_code_shown_two_minutes_ago_still_works_and_three_minutes_ago_does_not(forum, siti):
    now = timezone.now()

    with pytest.raises(ForumAttendanceError) as refused:
        forum_check_in(user=siti, forum=forum, **code(forum, now, minutes_ago=3), now=now)
    assert refused.value.code == "expired"
    assert not ForumRegistration.objects.filter(forum=forum).exists()

    assert (
        forum_check_in(user=siti, forum=forum, **code(forum, now, minutes_ago=2), now=now).already_checked_in is False
    )


def test_an_expired_code_on_the_page_answers_gone_and_says_why(client, forum, siti):
    client.force_login(siti)
    old = code(forum, minutes_ago=5)

    response = client.post(f"{forum.url}hadir/{old['window']}/{old['signature']}/")

    assert response.status_code == 410
    assert response.context["refusal"] == "expired"
    assert not ForumRegistration.objects.filter(forum=forum).exists()


def test_an_altered_signature_is_refused(client, forum, siti):
    client.force_login(siti)
    valid = code(forum)
    altered = ("A" if valid["signature"][0] != "A" else "B") + valid["signature"][1:]

    response = client.post(f"{forum.url}hadir/{valid['window']}/{altered}/")

    assert response.status_code == 404
    assert response.context["refusal"] == "invalid"
    assert not ForumRegistration.objects.filter(forum=forum).exists()


def test_another_forums_code_is_refused(site_tree, forum, siti):
    other = factories.forum_page(site_tree["forums"], title="Rembuk Lain", starts_at=forum.starts_at)

    with pytest.raises(ForumAttendanceError) as refused:
        forum_check_in(user=siti, forum=forum, **code(other))

    assert refused.value.code == "invalid"
    assert not ForumRegistration.objects.exists()


def test_a_code_from_the_future_is_refused(forum, siti):
    now = timezone.now()

    with pytest.raises(ForumAttendanceError) as refused:
        forum_check_in(user=siti, forum=forum, **code(forum, now, minutes_ago=-1), now=now)

    assert refused.value.code == "invalid"


def test_check_in_opens_an_hour_before_the_start(forum, siti):
    too_early = forum.starts_at - HOUR - MINUTE

    with pytest.raises(ForumAttendanceError) as refused:
        forum_check_in(user=siti, forum=forum, **code(forum, too_early), now=too_early)
    assert refused.value.code == "not_open"

    just_open = forum.starts_at - HOUR + MINUTE
    assert forum_check_in(user=siti, forum=forum, **code(forum, just_open), now=just_open).already_checked_in is False


def test_check_in_closes_an_hour_after_the_end(forum, siti):
    too_late = forum.ends_at + HOUR + MINUTE

    with pytest.raises(ForumAttendanceError) as refused:
        forum_check_in(user=siti, forum=forum, **code(forum, too_late), now=too_late)

    assert refused.value.code == "ended"
    assert not ForumRegistration.objects.filter(forum=forum).exists()


def test_a_logged_out_resident_is_sent_to_log_in_and_back(client, forum):
    path = path_of(forum)

    response = client.get(path)

    assert response.status_code == 302
    assert "next=" in response["Location"]
    assert not ForumRegistration.objects.exists()


# --- The paper list -------------------------------------------------------------------------------------------


@pytest.fixture
def listed(forum):
    """Three residents registered (the forum's capacity raised) and someone added at the door."""
    forum.capacity = 10
    forum.save_revision().publish()
    people = [factories.resident(username=name) for name in ("ani", "budi", "citra")]
    for person in people:
        forum_register(forum=forum, user=person)
    staff = factories.kelurahan_staff()
    return {"people": people, "staff": staff, "registrations": [registration_of(forum, p) for p in people]}


def test_the_list_marks_the_ticked_present_and_leaves_the_others(forum, listed, completed_for):
    ani, budi, _citra = listed["registrations"]

    present = forum_attendance_record(forum=forum, present_registration_ids=[ani.pk, str(budi.pk)], by=listed["staff"])

    assert present == 2
    ani.refresh_from_db()
    assert (ani.attendance_method, ani.recorded_by) == (ForumRegistration.Method.LIST, listed["staff"])
    assert set(ForumRegistration.objects.filter(forum=forum).attended().values_list("pk", flat=True)) == {
        ani.pk,
        budi.pk,
    }
    assert sorted(completed_for) == sorted([listed["people"][0].pk, listed["people"][1].pk])
    entry = PageLogEntry.objects.get(page=forum, action=LOG_ATTENDANCE_LIST)
    assert entry.user == listed["staff"]
    assert entry.data == {"added": 2, "removed": 0, "present": 2}


def test_unticking_clears_attendance_and_a_qr_check_in_stays_a_qr_check_in(forum, listed):
    ani, budi, citra = listed["registrations"]
    forum_check_in(user=listed["people"][0], forum=forum, **code(forum))
    forum_attendance_record(forum=forum, present_registration_ids=[ani.pk, budi.pk], by=listed["staff"])

    forum_attendance_record(forum=forum, present_registration_ids=[ani.pk, citra.pk], by=listed["staff"])

    methods = dict(ForumRegistration.objects.filter(forum=forum).values_list("pk", "attendance_method"))
    assert methods == {ani.pk: "qr", budi.pk: "", citra.pk: "daftar"}
    budi.refresh_from_db()
    assert (budi.attended_at, budi.recorded_by) == (None, None)


def test_a_qr_check_in_while_the_list_was_open_stays(forum, listed):
    ani, budi, citra = listed["registrations"]
    forum_attendance_record(forum=forum, present_registration_ids=[ani.pk], by=listed["staff"])
    shown_present = [ani.pk]  # the form as the organiser opened it
    forum_check_in(user=listed["people"][2], forum=forum, **code(forum))  # Citra scans meanwhile

    present = forum_attendance_record(
        forum=forum, present_registration_ids=[ani.pk, budi.pk], shown_present_ids=shown_present, by=listed["staff"]
    )

    assert present == 3
    citra.refresh_from_db()
    assert citra.attendance_method == ForumRegistration.Method.QR


def test_ticking_someone_waiting_registers_them(forum, listed):
    forum.capacity = 3
    forum.save_revision().publish()
    dewi = factories.resident(username="dewi")
    waiting = forum_register(forum=forum, user=dewi)
    assert waiting.status == WAITING

    forum_attendance_record(forum=forum, present_registration_ids=[waiting.pk], by=listed["staff"])

    waiting.refresh_from_db()
    assert (waiting.status, waiting.attendance_method) == (REGISTERED, ForumRegistration.Method.LIST)


def test_a_registration_of_another_forum_refuses_the_whole_list(site_tree, forum, listed):
    other = factories.forum_page(site_tree["forums"], title="Rembuk Lain")
    elsewhere = forum_register(forum=other, user=listed["people"][0])
    ani = listed["registrations"][0]

    with pytest.raises(ForumAttendanceError) as refused:
        forum_attendance_record(forum=forum, present_registration_ids=[ani.pk, elsewhere.pk], by=listed["staff"])

    assert refused.value.code == "not_in_forum"
    assert not ForumRegistration.objects.attended().exists()
    assert not PageLogEntry.objects.filter(action=LOG_ATTENDANCE_LIST).exists()


def test_a_list_that_is_not_numbers_is_refused(forum, listed):
    with pytest.raises(ForumAttendanceError) as refused:
        forum_attendance_record(forum=forum, present_registration_ids=["satu"], by=listed["staff"])

    assert refused.value.code == "invalid"


def test_saving_the_same_list_again_writes_no_history(forum, listed):
    ani = listed["registrations"][0]
    forum_attendance_record(forum=forum, present_registration_ids=[ani.pk], by=listed["staff"])

    forum_attendance_record(forum=forum, present_registration_ids=[ani.pk], by=listed["staff"])

    assert PageLogEntry.objects.filter(page=forum, action=LOG_ATTENDANCE_LIST).count() == 1


# --- The door ---------------------------------------------------------------------------------------------------


def test_someone_without_an_account_added_at_the_door_is_present_and_in_the_history(forum, completed_for):
    staff = factories.kelurahan_staff()

    registration = forum_attendance_door_add(forum=forum, by=staff, name="Pak Rahmat", gender="laki-laki")

    assert (registration.name, registration.gender, registration.status) == ("Pak Rahmat", "laki-laki", REGISTERED)
    assert registration.attendance_method == ForumRegistration.Method.DOOR
    assert completed_for == []
    entry = PageLogEntry.objects.get(page=forum, action=LOG_DOOR_ADD)
    assert (entry.user, entry.data) == (staff, {"registration": registration.pk, "account": False})


def test_a_resident_added_at_the_door_by_account_may_complete_a_course(forum, siti, completed_for):
    staff = factories.kelurahan_staff()

    registration = forum_attendance_door_add(forum=forum, by=staff, user=siti)

    assert registration.user == siti and registration.attended_at is not None
    assert completed_for == [siti.pk]


# --- Where attendance leads ----------------------------------------------------------------------------------


def test_checking_in_at_a_musrenbang_completes_the_course_that_asks_for_one(site_tree, siti):
    """The real requirement (participation.forum_course_requirement), not a stand-in."""
    from courses.models import Enrolment, ModulePage
    from courses.services import module_mark_read

    course = factories.course_page(
        site_tree["courses"], title="Anggaran Kelurahan", topic="anggaran", forum_attendance="musrenbang"
    )
    factories.module_page(course, title="Musrenbang")
    enrolment = factories.enrolment(user=siti, course=course, enrolled_at=timezone.now() - datetime.timedelta(days=3))
    for module in ModulePage.objects.child_of(course).live():
        module_mark_read(user=siti, module=module)
    assert Enrolment.objects.get(pk=enrolment.pk).completed_at is None
    musrenbang = factories.forum_page(
        site_tree["forums"], title="Musrenbang Gunung Bahagia", kind="musrenbang", starts_at=timezone.now() + MINUTE
    )

    forum_check_in(user=siti, forum=musrenbang, **code(musrenbang))

    assert Enrolment.objects.get(pk=enrolment.pk).completed_at is not None


@pytest.mark.parametrize("how", ["list", "door"])
def test_the_list_and_the_door_open_with_the_check_in_not_days_before(site_tree, how, completed_for):
    """A list ticked a week early would complete courses (and issue certificates) for a meeting not held."""
    next_week = factories.forum_page(site_tree["forums"], starts_at=timezone.now() + datetime.timedelta(days=7))
    resident = factories.resident(username="ani")
    registration = forum_register(forum=next_week, user=resident)
    staff = factories.kelurahan_staff()

    with pytest.raises(Exception) as refused:
        if how == "list":
            forum_attendance_record(forum=next_week, present_registration_ids=[registration.pk], by=staff)
        else:
            forum_attendance_door_add(forum=next_week, by=staff, user=resident)

    assert refused.value.code == "not_open"
    assert "satu jam sebelum" in str(refused.value) or "an hour before" in str(refused.value)
    assert not ForumRegistration.objects.filter(forum=next_week).attended().exists()
    assert completed_for == []


def test_nobody_is_recorded_present_at_a_draft_forum(site_tree, completed_for):
    draft = factories.forum_page(site_tree["forums"], starts_at=timezone.now() + 30 * MINUTE)
    draft.unpublish()
    staff = factories.kelurahan_staff()

    with pytest.raises(Exception) as refused:
        forum_attendance_door_add(forum=draft, by=staff, name="Pak Rahmat")

    assert refused.value.code == "not_open"
    assert not ForumRegistration.objects.filter(forum=draft).exists()
