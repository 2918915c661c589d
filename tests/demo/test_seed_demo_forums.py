"""The demo's forums at Gunung Bahagia: a coming meeting full with a waiting list, a past one with its decisions,
registrations and attendance (with gender, from the door), and a monthly schedule whose coming meetings are
drafts; built through the services, and a second run, even weeks later, changes nothing."""

import datetime

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import PageLogEntry

from courses.models import CoursePage
from demo.forums import seed_forum_participation
from participation.forum_registration import forum_places
from participation.models import ForumPage, ForumRegistration, ForumSchedule

pytestmark = pytest.mark.django_db

COMING = "forum-gunung-bahagia-klinik-usulan-warga"
PAST = "forum-gunung-bahagia-memilah-sampah"
WITA = datetime.timezone(datetime.timedelta(hours=8))


def forum_state():
    return {
        "forums": list(
            ForumPage.objects.order_by("path").values_list(
                "slug", "live", "kind", "capacity", "starts_at", "decisions", "schedule_id"
            )
        ),
        "registrations": list(
            ForumRegistration.objects.order_by("pk").values_list(
                "forum__slug", "user__username", "name", "gender", "status", "queued_at", "attended_at"
            )
        ),
        "schedules": list(ForumSchedule.objects.values_list("pk", "title", "created_by__username")),
        "history": list(PageLogEntry.objects.order_by("pk").values_list("page_id", "action", "timestamp")),
        "residents": list(get_user_model().objects.order_by("pk").values_list("username", "phone")),
    }


@pytest.fixture
def demo(db):
    call_command("seed_demo")


def test_the_coming_klinik_usulan_warga_is_full_with_a_waiting_list(demo):
    forum = ForumPage.objects.get(slug=COMING)
    places = forum_places(forum)

    assert (places.capacity, places.taken, places.full) == (5, 5, True)
    assert places.waiting >= 1
    waiting = ForumRegistration.objects.filter(forum=forum).waiting()
    assert [registration.user.username for registration in waiting] == ["warga2"]
    registered = ForumRegistration.objects.filter(forum=forum).registered()
    assert all(registration.queued_at < timezone.now() for registration in registered)
    # warga1 is left to try registering (the browser journey does).
    assert not ForumRegistration.objects.filter(forum=forum, user__username="warga1").exists()


def test_the_past_forum_has_its_kind_decisions_registrations_and_attendance(demo, client):
    forum = ForumPage.objects.get(slug=PAST)

    assert forum.kind == ForumPage.Kind.MONTHLY
    assert "bank sampah unit" in forum.decisions and "<ol>" in forum.decisions
    assert "Kesepakatan" not in forum.minutes  # moved to the decisions
    rows = ForumRegistration.objects.filter(forum=forum)
    assert rows.registered().count() == 18
    assert rows.attended().count() == 17  # as its minutes say
    assert rows.filter(user__username="warga1").attended().exists()
    absent = rows.filter(attended_at__isnull=True).get()
    assert absent.user is not None and absent.status == ForumRegistration.Status.REGISTERED
    door = rows.filter(user=None)
    assert door.count() == 12
    assert {row.attendance_method for row in door} == {ForumRegistration.Method.DOOR}
    assert door.filter(gender="perempuan").count() >= 5 and door.filter(gender="laki-laki").count() >= 5
    # Registered while the meeting was open, present at the meeting itself.
    assert all(row.queued_at < forum.starts_at for row in rows.exclude(user=None))
    assert all(forum.starts_at <= row.attended_at <= forum.ends_at for row in rows.attended())
    # The organiser's steps are in the page's history, at the meeting.
    history = PageLogEntry.objects.filter(page=forum, action__startswith="sekolah_warga.forum_")
    assert history.count() == 13
    assert all(forum.starts_at <= entry.timestamp <= forum.ends_at for entry in history)

    response = client.get(forum.url)
    assert response.status_code == 200
    assert "Forum berikutnya membahas penyusunan usulan bersama." in response.text


def test_the_demo_residents_who_signed_up_for_the_forums_log_in_with_their_phone(demo):
    request = RequestFactory().post("/akun/masuk/")
    for phone, name in (("0812 0000 0003", "Wahyu Saputra"), ("0812 0000 0004", "Lina Marlina")):
        user = authenticate(request, username=phone, password="demo12345")
        assert user is not None and user.get_full_name() == name
        assert user.learner_profile.kelurahan_id == "6471010006" and user.learner_profile.gender


def test_the_monthly_schedule_has_its_coming_three_meetings_as_drafts(demo):
    schedule = ForumSchedule.objects.get()

    assert schedule.created_by.username == "staf-gunungbahagia"
    assert (schedule.kelurahan_id, schedule.week, schedule.weekday) == ("6471010006", 1, 5)
    assert schedule.start_time == datetime.time(9, 0)
    assert schedule.venue == "Aula Kantor Kelurahan Gunung Bahagia"
    drafts = list(ForumPage.objects.filter(schedule=schedule).order_by("starts_at"))
    assert len(drafts) == 3
    for draft in drafts:
        starts = draft.starts_at.astimezone(WITA)
        assert not draft.live
        assert (starts.weekday(), starts.day <= 7, starts.time()) == (5, True, datetime.time(9, 0))
        assert draft.starts_at > timezone.now()


def test_the_budget_course_asks_for_no_forum_in_the_demo(demo):
    # Its browser journey completes it from the modules alone, and the budgeting call asks for it first.
    assert CoursePage.objects.get(slug="anggaran-kelurahan-desa-dan-musrenbang").forum_attendance == ""


def test_a_second_run_changes_nothing_in_the_forums_even_weeks_later(demo):
    first = forum_state()

    call_command("seed_demo")
    assert forum_state() == first

    seed_forum_participation(now=timezone.now() + datetime.timedelta(days=45))
    assert forum_state() == first
