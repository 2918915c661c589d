"""Background work for the forums, run by Celery beat (lms.settings.base.CELERY_BEAT_SCHEDULE). Both tasks
are idempotent: a run repeated, late or at the same time as another changes nothing twice."""

from celery import shared_task

from participation import forum_reminders, forum_schedules


@shared_task(name="participation.forum_reminders_send", acks_late=True)
def forum_reminders_send_task():
    """Hourly: the reminder the day before a meeting, once to each resident registered."""
    return forum_reminders.forum_reminders_send()


@shared_task(name="participation.forum_schedules_extend", acks_late=True)
def forum_schedules_extend_task():
    """Daily: every active schedule keeps its coming meetings created as drafts."""
    return forum_schedules.forum_schedules_extend()
