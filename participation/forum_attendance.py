"""Attendance at a forum meeting: residents' QR check-in, the organiser's paper list, the door, and the
lists the organiser's screens read.

Attending is a time on the resident's one registration row (ForumRegistration.attended_at), with how it
was recorded. Someone in the room is there whatever the list said before: a resident who checks in
without having registered, or from the waiting list, or after cancelling, is registered and present.

A check-in code is core.rotating_codes' (the one rule of what a code is) for the subject
``forum-check-in:<forum id>``, keyed with the forum's own secret. It is taken from an hour before the
meeting starts until an hour after it ends: a code photographed and passed on is of no use days later.

Attendance may complete a course that asks for a forum (participation.forum_course_requirement), so
every recording ends with ``courses_complete_after_attendance`` for the residents with an account.
Changes the organiser makes (the list, the door) are written to the forum page's history (Wagtail's
audit log); a resident's own check-in is not, as it is on their row.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.utils import get_user_display_name
from wagtail.log_actions import log

from core import rotating_codes
from core.page_cache import page_cache_invalidate
from core.site_address import absolute_url
from participation.forum_registration import RegistrationError, forum_door_add, forum_locked, forum_time_text
from participation.models import ForumPage, ForumRegistration

# Check-in opens this long before the meeting starts (people arrive early) and closes this long after
# it ends (the last ones leave, or the organiser's screen was left on).
CHECK_IN_OPENS_BEFORE = timedelta(hours=1)
CHECK_IN_CLOSES_AFTER = timedelta(hours=1)

LOG_DOOR_ADD = "sekolah_warga.forum_door_add"
LOG_ATTENDANCE_LIST = "sekolah_warga.forum_attendance_list"


class ForumAttendanceError(Exception):
    """A check-in or an attendance list the rules refuse; the message says why, for the person at hand.

    ``code`` names the reason for the views: "invalid", "expired", "not_open", "ended", "not_in_forum".
    """

    def __init__(self, message, *, code):
        super().__init__(message)
        self.code = code


def _courses_complete(users):
    """Attendance at a forum may be the last thing a course asked of these residents."""
    from participation.forum_course_requirement import courses_complete_after_attendance

    for user in users:
        courses_complete_after_attendance(user=user)


# --- QR check-in ------------------------------------------------------------------------------------


def _subject(forum):
    return f"forum-check-in:{forum.pk}"


def forum_check_in_url(forum, now=None):
    """The absolute address behind the QR code on the organiser's screen at `now` (SITE_URL: the code is
    scanned by phones that know nothing of the request that drew it)."""
    window = rotating_codes.code_window(now)
    signature = rotating_codes.code_signature(secret=forum.check_in_secret, subject=_subject(forum), window=window)
    _site_id, _root_url, page_path = forum.get_url_parts()
    return absolute_url(page_path + forum.reverse_subpage("check_in", args=[window, signature]))


def check_in_opens_at(forum):
    return forum.starts_at - CHECK_IN_OPENS_BEFORE


def check_in_closes_at(forum):
    return forum.ends_at + CHECK_IN_CLOSES_AFTER


@dataclass(frozen=True)
class ForumCheckIn:
    forum: ForumPage
    registration: ForumRegistration | None  # None until the first check-in of someone not registered
    already_checked_in: bool


def forum_check_in_verify(*, user, forum, window, signature, now=None):
    """Whether `user` (logged in) may check in at `forum` with this code now; raises ForumAttendanceError
    saying why not. Changes nothing: the confirmation page (a GET) asks this, the "Saya hadir" button
    records."""
    now = now or timezone.now()
    state = rotating_codes.code_state(
        secret=forum.check_in_secret, subject=_subject(forum), window=window, signature=signature, now=now
    )
    if state == "invalid":
        raise ForumAttendanceError(
            _("This check-in code is not valid. Scan the code on the organiser's screen again."), code="invalid"
        )
    if state == "expired":
        raise ForumAttendanceError(
            _("This QR code has expired. Scan the code now shown on the organiser's screen."), code="expired"
        )
    if now < check_in_opens_at(forum):
        raise ForumAttendanceError(
            _("Check-in opens an hour before the meeting starts, at %(time)s WITA.")
            % {"time": forum_time_text(check_in_opens_at(forum))},
            code="not_open",
        )
    if now > check_in_closes_at(forum):
        raise ForumAttendanceError(_("This meeting has ended: check-in is closed."), code="ended")
    registration = ForumRegistration.objects.filter(forum_id=forum.pk, user=user).first()
    already = registration is not None and registration.attended_at is not None
    return ForumCheckIn(forum=forum, registration=registration, already_checked_in=already)


def forum_check_in(*, user, forum, window, signature, now=None):
    """Record that `user` is at the meeting, from the QR code they scanned; once, whatever the scans.

    A resident not registered (or waiting, or cancelled) is registered and present: they are in the room.
    A second check-in (a second scan, a double tap, a reload) returns ``already_checked_in`` and changes
    nothing. Refusals raise ForumAttendanceError and save nothing.
    """
    now = now or timezone.now()
    verified = forum_check_in_verify(user=user, forum=forum, window=window, signature=signature, now=now)
    if verified.already_checked_in:
        return verified
    try:
        with transaction.atomic():
            registration, places_changed = _attend(forum=forum, user=user, now=now)
    except IntegrityError:
        # The same resident's other tap created the row first: the unique constraint let one in.
        registration = ForumRegistration.objects.get(forum_id=forum.pk, user=user)
        return ForumCheckIn(forum=forum, registration=registration, already_checked_in=True)
    if registration is None:
        registration = ForumRegistration.objects.get(forum_id=forum.pk, user=user)
        return ForumCheckIn(forum=forum, registration=registration, already_checked_in=True)
    if places_changed:
        transaction.on_commit(page_cache_invalidate)  # the page shows the places taken
    _courses_complete([user])
    return ForumCheckIn(forum=forum, registration=registration, already_checked_in=False)


def _attend(*, forum, user, now):
    """The resident's row marked present by QR, created if need be; (None, False) if it already was."""
    forum_locked(forum)
    registration = ForumRegistration.objects.select_for_update().filter(forum_id=forum.pk, user=user).first()
    if registration is None:
        registration = ForumRegistration.objects.create(
            forum_id=forum.pk,
            user=user,
            status=ForumRegistration.Status.REGISTERED,
            queued_at=now,
            attended_at=now,
            attendance_method=ForumRegistration.Method.QR,
        )
        return registration, True
    if registration.attended_at is not None:
        return None, False
    places_changed = registration.status != ForumRegistration.Status.REGISTERED
    registration.status, registration.cancelled_at = ForumRegistration.Status.REGISTERED, None
    registration.attended_at, registration.attendance_method = now, ForumRegistration.Method.QR
    registration.save(update_fields=["status", "cancelled_at", "attended_at", "attendance_method"])
    return registration, places_changed


def _attendance_not_open(forum, now):
    """Why nobody can be recorded present yet, or "": the list and the door open with the QR check-in, an hour
    before the start, for a published meeting (attendance may complete a course and issue a certificate, so
    a list ticked days early, or a draft's, must not count). They stay open after the meeting: the paper
    list is often typed in the next day."""
    if not forum.live:
        return _("This forum is not published: publish it before recording attendance.")
    if now < check_in_opens_at(forum):
        return _("Attendance opens an hour before the meeting starts, at %(time)s WITA.") % {
            "time": forum_time_text(check_in_opens_at(forum))
        }
    return ""


# --- The door -----------------------------------------------------------------------------------------


def forum_attendance_door_add(*, forum, by, name="", gender="", user=None, now=None):
    """Staff at the door add someone who is there (participation.forum_registration.forum_door_add), with
    a line in the forum's history; a resident with an account may complete a course by it. Raises
    RegistrationError (nothing saved) when the name is missing, or before attendance opens."""
    message = _attendance_not_open(forum, now or timezone.now())
    if message:
        raise RegistrationError(message, code="not_open")
    with transaction.atomic():
        registration = forum_door_add(forum=forum, by=by, name=name, gender=gender, user=user, now=now)
        log(forum, LOG_DOOR_ADD, user=by, data={"registration": registration.pk, "account": user is not None})
    transaction.on_commit(page_cache_invalidate)  # the page shows the places taken
    if user is not None:
        _courses_complete([user])
    return registration


# --- The paper list -----------------------------------------------------------------------------------


@transaction.atomic
def forum_attendance_record(*, forum, present_registration_ids, by, shown_present_ids=None, now=None):
    """Make the meeting's present people exactly `present_registration_ids` (the ticked boxes).

    Marks the ticked who were not present as present on the list (by `by`; registered, if they were
    waiting or had cancelled: they are in the room), and clears those unticked. The rows already present
    stay as they are (a QR check-in stays a QR check-in). Given `shown_present_ids` (those the form showed
    as present), only those of them left unticked lose their attendance: a resident who checked in with
    the QR code while the list was open on the organiser's phone stays present.

    An id that is not a registration of this forum refuses the whole list: nothing is saved. Returns the
    number of people now present.
    """
    now = now or timezone.now()
    message = _attendance_not_open(forum, now)
    if message:
        raise ForumAttendanceError(message, code="not_open")
    wanted = _ids(present_registration_ids)
    forum_locked(forum)
    registrations = ForumRegistration.objects.filter(forum_id=forum.pk)
    if wanted - set(registrations.filter(pk__in=wanted).values_list("pk", flat=True)):
        raise ForumAttendanceError(
            _("Some of the ticked people are not registered for this forum; nothing was saved. Reload the page."),
            code="not_in_forum",
        )
    unticked = registrations.filter(attended_at__isnull=False).exclude(pk__in=wanted)
    if shown_present_ids is not None:
        unticked = unticked.filter(pk__in=_ids(shown_present_ids))
    removed = unticked.update(attended_at=None, attendance_method="", recorded_by=None)
    newly = registrations.filter(pk__in=wanted, attended_at__isnull=True)
    newly_users = list(newly.exclude(user=None).values_list("user_id", flat=True))
    added = newly.update(
        status=ForumRegistration.Status.REGISTERED,
        cancelled_at=None,
        attended_at=now,
        attendance_method=ForumRegistration.Method.LIST,
        recorded_by=by,
    )
    present = registrations.attended().count()
    if added or removed:
        log(forum, LOG_ATTENDANCE_LIST, user=by, data={"added": added, "removed": removed, "present": present})
        # The page shows, after the meeting, how many attended (and, before it, the places taken).
        transaction.on_commit(page_cache_invalidate)
    if newly_users:
        _courses_complete(get_user_model()._default_manager.filter(pk__in=newly_users).order_by("pk"))
    return present


def _ids(values):
    try:
        return {int(value) for value in values}
    except (TypeError, ValueError):
        raise ForumAttendanceError(_("The attendance list is not valid: reload the page."), code="invalid") from None


# --- What the organiser's screens read ------------------------------------------------------------------


@dataclass(frozen=True)
class ParticipantRow:
    registration: ForumRegistration
    name: str
    account: str  # the username of an account holder; "" for someone added at the door without one

    @property
    def present(self):
        return self.registration.attended_at is not None

    @property
    def method(self):
        return self.registration.attendance_method or None


@dataclass(frozen=True)
class Participants:
    """A forum's registrations as the organiser reads them: who holds a place (by name), who waits (in
    the order they will move up), who cancelled; and of them, who attended."""

    registered: list
    waiting: list
    cancelled: list

    @property
    def attended(self):
        return [row for row in self.registered + self.waiting + self.cancelled if row.present]

    @property
    def on_the_list(self):
        """The people the paper list offers to tick: those holding a place, then those waiting."""
        return self.registered + self.waiting


def _row(registration):
    user = registration.user
    if user is None:
        return ParticipantRow(registration=registration, name=registration.name, account="")
    return ParticipantRow(registration=registration, name=get_user_display_name(user), account=user.get_username())


def _by_name(row):
    return (row.name.casefold(), row.registration.pk)


def forum_participants(forum):
    """Every registration of the meeting, in one query whatever their number."""
    registrations = (
        ForumRegistration.objects.filter(forum_id=forum.pk)
        .select_related("user", "recorded_by")
        .order_by("queued_at", "pk")
    )
    registered, waiting, cancelled = [], [], []
    lists = {
        ForumRegistration.Status.REGISTERED: registered,
        ForumRegistration.Status.WAITING: waiting,
        ForumRegistration.Status.CANCELLED: cancelled,
    }
    for registration in registrations:
        lists[registration.status].append(_row(registration))
    registered.sort(key=_by_name)
    cancelled.sort(key=_by_name)
    return Participants(registered=registered, waiting=waiting, cancelled=cancelled)


def forum_sign_in_sheet(forum):
    """The people holding a place, sorted by name: the printed sheet they sign at the door."""
    return forum_participants(forum).registered
