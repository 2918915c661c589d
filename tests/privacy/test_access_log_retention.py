"""The access log is kept RECORD_ACCESS_KEEP_DAYS days, then deleted by a daily task."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from privacy.models import RecordAccess
from privacy.services import access_log_prune
from privacy.tasks import access_log_prune_task
from tests import factories

pytestmark = pytest.mark.django_db


def logged(resident, viewer, *, days_ago, now):
    return RecordAccess.objects.create(
        resident=resident,
        accessed_by=viewer,
        accessed_at=now - datetime.timedelta(days=days_ago),
        action=RecordAccess.Action.LEARNER_RECORD,
    )


def test_entries_older_than_the_period_are_deleted_and_the_rest_kept(django_assert_num_queries):
    now = timezone.now()
    resident, clerk = factories.resident(), factories.resident(username="petugas")
    old = logged(resident, clerk, days_ago=731, now=now)
    just_inside = logged(resident, clerk, days_ago=729, now=now)
    recent = logged(resident, clerk, days_ago=1, now=now)

    # One DELETE … WHERE, however many rows: a busy year's log is about 50 million rows.
    with django_assert_num_queries(1):
        assert access_log_prune(keep_days=730, now=now) == 1

    remaining = set(RecordAccess.objects.values_list("pk", flat=True))
    assert remaining == {just_inside.pk, recent.pk}
    assert old.pk not in remaining
    assert access_log_prune(keep_days=730, now=now) == 0  # a second run deletes nothing more


def test_the_daily_task_uses_the_configured_period(settings):
    settings.RECORD_ACCESS_KEEP_DAYS = 30
    now = timezone.now()
    resident, clerk = factories.resident(), factories.resident(username="petugas")
    logged(resident, clerk, days_ago=31, now=now)
    kept = logged(resident, clerk, days_ago=29, now=now)

    assert access_log_prune_task.apply().get() == 1
    assert list(RecordAccess.objects.values_list("pk", flat=True)) == [kept.pk]


def test_beat_runs_it_every_day():
    schedule = {entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert schedule["privacy.prune_access_log"] == 24 * 60 * 60
    assert settings.RECORD_ACCESS_KEEP_DAYS == 730


def test_a_period_under_a_day_is_refused_at_start():
    """0 would delete the whole log, today's entries included, at the next daily run."""
    from tests.lms.test_settings import run_django

    result = run_django("", RECORD_ACCESS_KEEP_DAYS="0")

    assert result.returncode != 0
    assert "RECORD_ACCESS_KEEP_DAYS must be at least 1" in result.stderr
