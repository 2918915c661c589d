"""Registering for a forum meeting: "Saya akan hadir", cancelling, the waiting list, and staff adding
someone at the door.

Every change takes the meeting's row lock first (``forum_locked``), so the count of places taken and
the waiting list's order are read and changed by one request at a time: two residents racing for the
last place get one place and one waiting-list entry, never two places. A resident has at most one row
per meeting (a unique constraint); asking again after cancelling reuses it, at the end of the queue.

A freed place goes to the first on the waiting list at once, and they are told through
notices.services.notice_send (on /saya/, and by e-mail where they have an address).
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.page_cache import page_cache_invalidate
from notices.services import notice_send
from participation.models import ForumPage, ForumRegistration

ACTIVE_STATUSES = (ForumRegistration.Status.REGISTERED, ForumRegistration.Status.WAITING)


class RegistrationError(Exception):
    """A registration the rules refuse; the message says why, for the resident. ``code`` names the reason
    for views and tests: "closed", "not_registered", "invalid"."""

    def __init__(self, message, *, code):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Places:
    """A meeting's places as the page shows them: ``left`` is None when there is no limit."""

    capacity: int | None
    taken: int
    waiting: int

    @property
    def left(self):
        if self.capacity is None:
            return None
        return max(self.capacity - self.taken, 0)

    @property
    def full(self):
        return self.capacity is not None and self.taken >= self.capacity


def forum_places(forum):
    """The meeting's places taken, left and waiting, in one query."""
    from django.db.models import Count, Q

    counts = ForumRegistration.objects.filter(forum_id=forum.pk).aggregate(
        taken=Count("pk", filter=Q(status=ForumRegistration.Status.REGISTERED)),
        waiting=Count("pk", filter=Q(status=ForumRegistration.Status.WAITING)),
    )
    return Places(capacity=forum.capacity, taken=counts["taken"], waiting=counts["waiting"])


def forum_locked(forum):
    """The meeting's row, locked until the transaction ends: every change of its registrations, attendance and
    questions takes it first."""
    # of=("self",): the forum's own row, not Wagtail's page row that publishing and editing lock.
    return (
        ForumPage.objects.select_for_update(of=("self",)).only("pk", "capacity", "starts_at", "title").get(pk=forum.pk)
    )


def registration_open(forum, now=None):
    """Residents register until the meeting starts, and only for a live, public meeting."""
    return forum.live and (now or timezone.now()) < forum.starts_at


@transaction.atomic
def forum_register(*, forum, user, now=None):
    """ "Saya akan hadir": a place if one is left, else the end of the waiting list. Asking twice changes
    nothing (the same row is returned). Raises RegistrationError when the meeting has started."""
    clock_given = now is not None
    now = now or timezone.now()
    if not registration_open(forum, now):
        raise RegistrationError(_("Registration for this forum is closed: the meeting has started."), code="closed")
    locked = forum_locked(forum)
    if not clock_given:
        # The queue's time is read once the lock is held: places go in the order the lock is taken, and a
        # time read before waiting for it could put a resident who got no place ahead of one who did.
        now = timezone.now()
    registration = ForumRegistration.objects.filter(forum_id=locked.pk, user=user).first()
    if registration is not None and registration.status in ACTIVE_STATUSES:
        return registration
    _waiting_list_move_up(locked, now=now)  # a place freed by a larger capacity goes to those waiting first
    places = forum_places(locked)
    status = ForumRegistration.Status.WAITING if places.full else ForumRegistration.Status.REGISTERED
    if registration is None:
        registration = ForumRegistration.objects.create(forum_id=locked.pk, user=user, status=status, queued_at=now)
    else:
        # Asking again after cancelling: a new place in the queue, from now.
        registration.status, registration.queued_at = status, now
        registration.cancelled_at = registration.moved_up_at = registration.reminded_at = None
        registration.save(update_fields=["status", "queued_at", "cancelled_at", "moved_up_at", "reminded_at"])
    transaction.on_commit(page_cache_invalidate)
    return registration


@transaction.atomic
def forum_cancel(*, forum, user, now=None):
    """Cancel the resident's registration or place on the waiting list; a place freed goes to the first
    waiting. Raises RegistrationError when there is nothing to cancel or the meeting has started."""
    now = now or timezone.now()
    if now >= forum.starts_at:
        raise RegistrationError(_("The meeting has started: there is nothing to cancel now."), code="closed")
    locked = forum_locked(forum)
    registration = ForumRegistration.objects.filter(forum_id=locked.pk, user=user, status__in=ACTIVE_STATUSES).first()
    if registration is None:
        raise RegistrationError(_("You are not registered for this forum."), code="not_registered")
    registration.status, registration.cancelled_at = ForumRegistration.Status.CANCELLED, now
    registration.save(update_fields=["status", "cancelled_at"])
    moved_up = _waiting_list_move_up(locked, now=now)
    transaction.on_commit(page_cache_invalidate)
    return moved_up


def forum_waiting_list_move_up(*, forum, now=None):
    """Give the places left to those waiting, first come first served (after the organiser raised the
    capacity, say). Returns the registrations moved up."""
    with transaction.atomic():
        return _waiting_list_move_up(forum_locked(forum), now=now or timezone.now())


def _waiting_list_move_up(locked_forum, *, now):
    if now >= locked_forum.starts_at:
        return []
    places = forum_places(locked_forum)
    if not places.waiting or (places.capacity is not None and not places.left):
        return []
    waiting = ForumRegistration.objects.filter(forum_id=locked_forum.pk).waiting().select_related("user")
    moved_up = list(waiting if places.capacity is None else waiting[: places.left])
    for registration in moved_up:
        registration.status, registration.moved_up_at = ForumRegistration.Status.REGISTERED, now
        registration.save(update_fields=["status", "moved_up_at"])
        _tell_moved_up(registration, locked_forum)
    return moved_up


def _tell_moved_up(registration, forum):
    if registration.user is None:
        return
    # Residents read the site in Indonesian first; the cancellation may come from an English session.
    with translation.override(settings.LANGUAGE_CODE):
        page = ForumPage.objects.get(pk=forum.pk)
        subject = _("A place for you at %(forum)s") % {"forum": page.title}
        body = _(
            "A place became free and you were first on the waiting list: you are now registered for %(forum)s "
            "on %(date)s WITA. If you cannot come, cancel on the forum's page so the next resident gets it."
        ) % {"forum": page.title, "date": forum_time_text(page.starts_at)}
    notice_send(user=registration.user, subject=subject, body=body, link=page.url or "")


def forum_time_text(moment):
    """A forum's time as residents read it: in WITA, the kelurahan's time, whatever time zone the request
    runs in (staff who chose WIB in the admin publish and cancel too); the texts say "WITA"."""
    from zoneinfo import ZoneInfo

    from django.utils.formats import date_format

    return date_format(timezone.localtime(moment, ZoneInfo(settings.TIME_ZONE)), "DATETIME_FORMAT")


@transaction.atomic
def forum_door_add(*, forum, by, name="", gender="", user=None, now=None):
    """Staff at the door add someone who is there: a resident without an account (a name, and a gender if
    they give one) or an account holder. Present at once, whatever the capacity: they are in the room."""
    now = now or timezone.now()
    locked = forum_locked(forum)
    if user is None:
        name = (name or "").strip()
        if not name:
            raise RegistrationError(_("Write the name of the person you are adding."), code="invalid")
        return ForumRegistration.objects.create(
            forum_id=locked.pk,
            name=name,
            gender=gender,
            status=ForumRegistration.Status.REGISTERED,
            queued_at=now,
            attended_at=now,
            attendance_method=ForumRegistration.Method.DOOR,
            recorded_by=by,
        )
    registration, _created = ForumRegistration.objects.get_or_create(
        forum_id=locked.pk, user=user, defaults={"queued_at": now}
    )
    registration.status = ForumRegistration.Status.REGISTERED
    if registration.attended_at is None:
        registration.attended_at, registration.attendance_method = now, ForumRegistration.Method.DOOR
        registration.recorded_by = by
    registration.save()
    return registration


def forum_registrations_of_resident_erase(*, user, now=None):
    """A resident's account is erased (privacy.services.erase_resident): their places at meetings still to
    come are given up (the next on each waiting list moves up), and the questions they sent that were not
    taken up go. Past registrations and attendance stay, attached to the nameless account: they feed the
    anonymous attendance figures. Questions taken up stay as the agenda shows them, never with a name."""
    from participation.models import ForumQuestion

    now = now or timezone.now()
    upcoming = ForumPage.objects.filter(
        registrations__user=user, registrations__status__in=ACTIVE_STATUSES, starts_at__gt=now
    ).distinct()
    for forum in upcoming:
        forum_cancel(forum=forum, user=user, now=now)
    ForumQuestion.objects.filter(user=user).exclude(status=ForumQuestion.Status.TAKEN_UP).delete()


def forum_capacity_followed(sender, instance, **kwargs):
    """Publishing a forum with more places moves those waiting up at once (a page_published receiver)."""
    if isinstance(instance, ForumPage):
        forum_waiting_list_move_up(forum=instance)
