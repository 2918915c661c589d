"""The reminder the day before a forum meeting, to every resident registered for it: exactly once.

Celery beat runs ``forum_reminders_send`` every hour (participation.tasks). Each registration is
reminded in a transaction of its own: its row is locked (``select_for_update(skip_locked=True)``)
while ``reminded_at`` is still empty, the notice is made (notices.services.notice_send, whose e-mail
leaves only once the transaction commits), and ``reminded_at`` is set in the same commit. So:

- beat running twice, or two workers at once: the second finds the row locked (skipped) or already
  reminded, and sends nothing;
- a worker that dies, or an error, before the commit: nothing was kept (no notice, no e-mail, no
  ``reminded_at``), and the next hourly run sends it;
- one resident's failure does not hold back the others'.

Only places taken count (status REGISTERED, with an account): the waiting list and cancellations are
not reminded, nor people added at the door without an account. A resident moved up from the waiting
list inside the last day is reminded at the next run. Registering again after cancelling clears
``reminded_at`` (participation.forum_registration), so they are reminded of the place they now hold.
"""

import datetime
import logging
import zoneinfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from notices.services import notice_send
from participation.models import ForumPage, ForumRegistration

logger = logging.getLogger(__name__)

# Residents registered for a meeting starting within this time are reminded (beat runs hourly).
REMINDER_AHEAD = datetime.timedelta(hours=24)


def registrations_to_remind(*, now):
    """The registrations due a reminder: a place held by an account, not yet reminded, for a live
    meeting that starts within REMINDER_AHEAD."""
    return ForumRegistration.objects.filter(
        status=ForumRegistration.Status.REGISTERED,
        user__isnull=False,
        reminded_at__isnull=True,
        forum__live=True,
        forum__starts_at__gt=now,
        forum__starts_at__lte=now + REMINDER_AHEAD,
    )


def forum_reminders_send(*, now=None):
    """Remind everyone due a reminder; returns how many were reminded by this run."""
    now = now or timezone.now()
    sent = 0
    for registration_id in registrations_to_remind(now=now).order_by("pk").values_list("pk", flat=True):
        try:
            sent += forum_reminder_send(registration_id=registration_id, now=now)
        except Exception:
            # Rolled back, so left for the next run; the others are still reminded.
            logger.exception("The reminder of forum registration %s failed.", registration_id)
    return sent


def forum_reminder_send(*, registration_id, now):
    """Remind one registration, in a transaction of its own. Returns 1 if this call reminded it, 0 if it
    was locked by another run, already reminded or no longer due."""
    with transaction.atomic():
        registration = (
            registrations_to_remind(now=now)
            # of=("self",): the registration's row only; the forum's is taken by registering and cancelling.
            .select_for_update(skip_locked=True, of=("self",))
            .filter(pk=registration_id)
            .first()
        )
        if registration is None:
            return 0
        forum = ForumPage.objects.select_related("kelurahan").get(pk=registration.forum_id)
        notice_send(user=registration.user, link=forum.url or "", **reminder_text(forum))
        registration.reminded_at = timezone.now()
        registration.save(update_fields=["reminded_at"])
    return 1


def reminder_text(forum):
    """The notice's subject and body, in Indonesian (residents read the site in it first; beat has no
    request to say otherwise)."""
    starts_at = timezone.localtime(forum.starts_at, zoneinfo.ZoneInfo(settings.TIME_ZONE))
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "forum": forum.title,
            "date": date_format(starts_at, "DATE_FORMAT"),
            "time": date_format(starts_at, "TIME_FORMAT"),
            "venue": forum.venue,
        }
        return {
            "subject": _("Reminder: %(forum)s on %(date)s") % values,
            "body": _(
                "You are registered for %(forum)s on %(date)s at %(time)s WITA, at %(venue)s. "
                "If you cannot come, cancel on the forum's page so that the next resident on the waiting list "
                "gets your place."
            )
            % values,
        }
