"""Forum schedules: "every first Saturday of the month, 09.00 WITA, at the kelurahan hall" creates the
kelurahan's coming meetings as drafts, for the organiser to check and publish.

``schedule_drafts_create`` keeps a schedule ``MEETINGS_AHEAD`` meetings ahead: it counts the schedule's
meetings still to come (drafts or published, wherever their date was moved) and creates the missing
ones, on the schedule's dates after the last of them. So a draft the organiser moved to another day is
not made again on its old date, and one they deleted for a holiday is replaced by the next date, not
made again. It runs when a schedule is saved in the admin (participation.forum_schedule_admin) and
every day (participation.tasks); a second run finds the meetings there and creates nothing.

Two runs at once (the daily task and a save in the admin): each takes the schedule's row lock first, so
the second counts what the first created; the database's ``one_forum_per_schedule_date`` holds the rule
whatever happens.
"""

import calendar
import datetime
import logging
import zoneinfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from participation.models import ForumIndexPage, ForumPage, ForumSchedule

logger = logging.getLogger(__name__)

MEETINGS_AHEAD = 3


def schedule_time_zone():
    """WITA: the site's time zone, in which a schedule's start time is meant."""
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def schedule_date_in_month(schedule, year, month):
    """The day of `month` the schedule meets on: its `week`-th `weekday` (week -1: the last)."""
    if schedule.week == ForumSchedule.Week.LAST:
        last = datetime.date(year, month, calendar.monthrange(year, month)[1])
        return last - datetime.timedelta(days=(last.weekday() - schedule.weekday) % 7)
    first = datetime.date(year, month, 1)
    return first + datetime.timedelta(days=(schedule.weekday - first.weekday()) % 7 + 7 * (schedule.week - 1))


def schedule_dates(schedule, after, count=MEETINGS_AHEAD):
    """The schedule's next `count` meetings strictly after `after`: aware datetimes in WITA."""
    zone = schedule_time_zone()
    local = timezone.localtime(after, zone)
    year, month = local.year, local.month
    dates = []
    while len(dates) < count:
        day = schedule_date_in_month(schedule, year, month)
        starts_at = datetime.datetime.combine(day, schedule.start_time, tzinfo=zone)
        if starts_at > after:
            dates.append(starts_at)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return dates


def schedule_drafts_create(schedule, now=None, *, by=None):
    """Create the schedule's coming meetings that are missing, as drafts under /forum/; returns them.

    Nothing for an inactive schedule, or before the site has a forum index.
    """
    now = now or timezone.now()
    index = ForumIndexPage.objects.first()
    if index is None:
        return []
    with transaction.atomic():
        schedule = ForumSchedule.objects.select_for_update().select_related("kelurahan").get(pk=schedule.pk)
        if not schedule.active:
            return []
        coming = ForumPage.objects.filter(schedule=schedule, starts_at__gt=now)
        missing = MEETINGS_AHEAD - coming.count()
        if missing <= 0:
            return []
        latest = ForumPage.objects.filter(schedule=schedule).order_by("-starts_at").values_list("starts_at", flat=True)
        after = max([now, *latest[:1]])
        created = []
        for starts_at in schedule_dates(schedule, after, missing):
            page = _draft_create(schedule, index, starts_at, by=by or schedule.created_by)
            if page is not None:
                created.append(page)
    return created


def _draft_create(schedule, index, starts_at, *, by):
    page = ForumPage(
        title=schedule_meeting_title(schedule, starts_at),
        live=False,
        has_unpublished_changes=True,
        owner=by,
        kelurahan=schedule.kelurahan,
        kind=schedule.kind,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(minutes=schedule.duration_minutes),
        venue=schedule.venue,
        latitude=schedule.latitude,
        longitude=schedule.longitude,
        organiser=schedule.organiser,
        capacity=schedule.capacity,
        agenda=schedule.agenda,
        schedule=schedule,
    )
    try:
        with transaction.atomic():
            # The slug comes from the title (Wagtail adds a number if it is taken under /forum/).
            index.add_child(instance=page)
            page.save_revision(user=by, log_action=True, clean=False)
    except IntegrityError:
        # The date made by a run that got past the schedule's lock (it cannot, but the database says last),
        # or a page added under /forum/ at the same moment taking the same place in the tree: the next run
        # makes it.
        logger.warning("Forum schedule %s: the meeting of %s was not created.", schedule.pk, starts_at)
        return None
    return page


def schedule_meeting_title(schedule, starts_at):
    """ "<title> – 7 Maret 2026": the date in Indonesian, as the site is read first."""
    with translation.override(settings.LANGUAGE_CODE):
        day = date_format(timezone.localtime(starts_at, schedule_time_zone()), "DATE_FORMAT")
        return _("%(title)s – %(date)s") % {"title": schedule.title, "date": day}


def forum_schedules_extend(now=None):
    """Keep every active schedule MEETINGS_AHEAD meetings ahead; returns how many drafts were created."""
    created = 0
    for schedule in ForumSchedule.objects.filter(active=True).order_by("pk"):
        try:
            created += len(schedule_drafts_create(schedule, now))
        except Exception:
            # One schedule's failure (its kelurahan's data, say) holds back no other; tomorrow's run tries again.
            logger.exception("Forum schedule %s could not be extended.", schedule.pk)
    return created
