"""The reminder the day before a forum meeting: to every resident holding a place, exactly once."""

import datetime
import zoneinfo

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from lms.celery import app
from notices.models import Notice
from participation import forum_reminders
from participation.forum_registration import forum_cancel, forum_door_add, forum_register
from participation.forum_reminders import forum_reminders_send
from participation.models import ForumRegistration
from tests import factories
from tests.celery_worker import WORKER_ON_THE_DATABASE, worker_caught_up, worker_on_the_database

WITA = zoneinfo.ZoneInfo("Asia/Makassar")

race = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: concurrent transactions")


def tomorrow_morning():
    """09.00 WITA on the next day that is less than 24 hours away."""
    now = timezone.localtime(timezone.now(), WITA)
    moment = (now + datetime.timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)
    return moment if moment - now < datetime.timedelta(hours=24) else moment - datetime.timedelta(days=1)


def forum_tomorrow(site_tree, **fields):
    return factories.forum_page(
        site_tree["forums"],
        title="Musyawarah Kelurahan Gunung Bahagia",
        starts_at=fields.pop("starts_at", None) or tomorrow_morning(),
        venue="Aula Kantor Kelurahan Gunung Bahagia",
        **fields,
    )


def resident(name):
    return factories.learner(full_name=name)


@pytest.mark.django_db
def test_a_registered_resident_is_reminded_once_however_often_beat_runs(site_tree):
    forum = forum_tomorrow(site_tree)
    siti = resident("Siti Rahmawati")
    forum_register(forum=forum, user=siti)

    first = forum_reminders_send()
    second = forum_reminders_send()

    assert (first, second) == (1, 0)
    [notice] = Notice.objects.filter(user=siti)
    assert "Musyawarah Kelurahan Gunung Bahagia" in notice.subject
    assert "Musyawarah Kelurahan Gunung Bahagia" in notice.body
    assert "09.00 WITA" in notice.body
    assert "Aula Kantor Kelurahan Gunung Bahagia" in notice.body
    assert notice.link == forum.url == f"/forum/{forum.slug}/"
    assert ForumRegistration.objects.get(user=siti).reminded_at is not None


@pytest.mark.django_db
def test_the_reminder_is_written_in_indonesian_whatever_language_is_active(site_tree):
    from django.utils import translation

    forum = forum_tomorrow(site_tree)
    forum_register(forum=forum, user=resident("Siti Rahmawati"))

    with translation.override("en"):
        forum_reminders_send()

    # The date's month is written by Django's Indonesian locale, which the test can read either way.
    month = tomorrow_morning().strftime("%m")
    indonesian_months = {"01": "Januari", "02": "Februari", "03": "Maret", "04": "April", "05": "Mei",
                         "06": "Juni", "07": "Juli", "08": "Agustus", "09": "September", "10": "Oktober",
                         "11": "November", "12": "Desember"}  # fmt: skip
    assert indonesian_months[month] in Notice.objects.get().body


@pytest.mark.django_db
def test_the_waiting_list_the_cancelled_and_those_added_without_an_account_get_no_reminder(site_tree):
    forum = forum_tomorrow(site_tree, capacity=1)
    registered, waiting, cancelled = resident("Siti Rahmawati"), resident("Budi Santoso"), resident("Rina Wati")
    forum_register(forum=forum, user=cancelled)
    forum_cancel(forum=forum, user=cancelled)
    forum_register(forum=forum, user=registered)
    forum_register(forum=forum, user=waiting)
    forum_door_add(forum=forum, by=factories.kelurahan_staff(), name="Pak Ahmad")

    assert forum_reminders_send() == 1

    assert list(Notice.objects.values_list("user", flat=True)) == [registered.pk]
    assert ForumRegistration.objects.get(user=waiting).status == ForumRegistration.Status.WAITING
    assert ForumRegistration.objects.get(user=waiting).reminded_at is None


@pytest.mark.django_db
def test_a_meeting_taken_back_to_draft_reminds_no_one(site_tree):
    forum = forum_tomorrow(site_tree)
    forum_register(forum=forum, user=resident("Siti Rahmawati"))
    forum.unpublish()

    assert forum_reminders_send() == 0
    assert not Notice.objects.exists()


@pytest.mark.django_db
def test_a_meeting_three_days_ahead_is_not_reminded_yet_and_is_the_day_before(site_tree):
    starts_at = timezone.now() + datetime.timedelta(days=3)
    forum = forum_tomorrow(site_tree, starts_at=starts_at)
    forum_register(forum=forum, user=resident("Siti Rahmawati"))

    assert forum_reminders_send() == 0
    assert not Notice.objects.exists()

    assert forum_reminders_send(now=starts_at - datetime.timedelta(hours=23)) == 1
    assert Notice.objects.count() == 1


@pytest.mark.django_db
def test_a_meeting_that_has_started_is_not_reminded(site_tree):
    forum = forum_tomorrow(site_tree)
    forum_register(forum=forum, user=resident("Siti Rahmawati"))

    assert forum_reminders_send(now=forum.starts_at + datetime.timedelta(minutes=5)) == 0
    assert not Notice.objects.exists()


@pytest.mark.django_db
def test_a_failure_after_the_notice_was_made_keeps_nothing_and_the_next_run_sends_it(site_tree, monkeypatch):
    forum = forum_tomorrow(site_tree)
    siti, budi = resident("Siti Rahmawati"), resident("Budi Santoso")
    forum_register(forum=forum, user=siti)
    forum_register(forum=forum, user=budi)
    real_notice_send = forum_reminders.notice_send

    def notice_send_then_die(**kwargs):
        notice = real_notice_send(**kwargs)
        if kwargs["user"] == siti:
            raise ConnectionError("the worker lost its database")
        return notice

    monkeypatch.setattr(forum_reminders, "notice_send", notice_send_then_die)
    assert forum_reminders_send() == 1  # Budi's reminder is not held back

    assert list(Notice.objects.values_list("user", flat=True)) == [budi.pk]
    assert ForumRegistration.objects.get(user=siti).reminded_at is None

    monkeypatch.setattr(forum_reminders, "notice_send", real_notice_send)
    assert forum_reminders_send() == 1
    assert Notice.objects.filter(user=siti).count() == 1
    assert Notice.objects.filter(user=budi).count() == 1


@pytest.mark.django_db
def test_the_reminder_emails_residents_who_have_an_address_once(
    site_tree, mailoutbox, django_capture_on_commit_callbacks
):
    forum = forum_tomorrow(site_tree)
    forum_register(forum=forum, user=factories.learner(full_name="Siti Rahmawati", email="siti@example.com"))

    with django_capture_on_commit_callbacks(execute=True):
        forum_reminders_send()
        forum_reminders_send()

    assert [email.to for email in mailoutbox] == [["siti@example.com"]]
    assert "Musyawarah Kelurahan Gunung Bahagia" in mailoutbox[0].subject


def test_beat_runs_the_reminders_every_hour():
    schedule = {entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert schedule["participation.forum_reminders_send"] == 60 * 60


@race
def test_two_runs_at_once_remind_each_resident_once(wagtail_root, run_together):
    forum = forum_tomorrow(factories.site_tree(factories.home_page()))
    residents = [resident(f"Warga Nomor {number}") for number in range(6)]
    for user in residents:
        forum_register(forum=forum, user=user)

    results = run_together(forum_reminders_send, forum_reminders_send)

    assert sum(results) == 6, results
    for user in residents:
        assert Notice.objects.filter(user=user).count() == 1
    assert not ForumRegistration.objects.filter(reminded_at__isnull=True).exists()


def with_a_worker(test):
    for mark in WORKER_ON_THE_DATABASE:
        test = mark(test)
    return test


@with_a_worker
def test_the_beat_task_runs_on_a_worker_and_the_resident_gets_the_notice(wagtail_root, tmp_path):
    forum = forum_tomorrow(factories.site_tree(factories.home_page()))
    siti = resident("Siti Rahmawati")
    forum_register(forum=forum, user=siti)
    beat_entry = settings.CELERY_BEAT_SCHEDULE["participation-forum-reminders"]

    with worker_on_the_database(tmp_path) as queue:
        app.send_task(beat_entry["task"])  # what beat sends, by the task's name
        app.send_task(beat_entry["task"])  # and once more, as a beat started twice would
        assert worker_caught_up(queue)

    [notice] = Notice.objects.filter(user=siti)
    assert "Musyawarah Kelurahan Gunung Bahagia" in notice.subject
    assert ForumRegistration.objects.get(user=siti).reminded_at is not None
