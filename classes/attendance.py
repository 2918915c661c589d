"""Attendance at a class's meetings: the facilitator's list, the residents' QR check-in, and the list's rows.

Present is a row in Attendance; absent is its lack. The facilitator's form sets a meeting's present
learners exactly; a QR check-in adds the resident who scanned. Either may complete a course whose
class asks for a minimum attendance, so both end with ``enrolment_complete_if_done``.

A check-in code is core.rotating_codes' (the one rule of what a code is) for the subject
``check-in:<meeting id>``, keyed with the class's own secret: it changes every minute on the
facilitator's screen, cannot be made up from a meeting's id, and stops working a few minutes after it
was shown.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.utils import get_user_display_name

from classes.models import Attendance, Cohort, CohortEnrolment, CohortMeeting
from core import rotating_codes
from core.site_address import absolute_url
from courses.models import Enrolment
from courses.services import enrolment_complete_if_done

# The names this module has long offered; the values are core.rotating_codes'.
CHECK_IN_WINDOW_SECONDS = rotating_codes.WINDOW_SECONDS
CHECK_IN_MAX_AGE_MINUTES = rotating_codes.MAX_AGE_MINUTES
CHECK_IN_SIGNATURE_LENGTH = rotating_codes.SIGNATURE_LENGTH


class AttendanceError(Exception):
    """An attendance list or a check-in the rules refuse; the message says why, for the person at hand.

    ``code`` names the reason for the views: "invalid", "expired", "not_in_class".
    """

    def __init__(self, message, *, code):
        super().__init__(message)
        self.code = code


# --- What completion asks -------------------------------------------------------------------------


class MinimumAttendance:
    """A course taken in a class that asks for a minimum attendance completes only once the learner
    has attended that share of the class's meetings: a completion requirement of courses.hooks.

    Classes without a minimum (and online ones) ask nothing. The share counts every meeting the
    class has planned: a class without meetings cannot be attended.
    """

    def is_met(self, *, enrolment):
        cohort = (
            CohortEnrolment.objects.filter(enrolment_id=enrolment.pk)
            .values_list("cohort_id", "cohort__mode", "cohort__min_attendance_percent")
            .first()
        )
        if cohort is None:
            return True
        cohort_id, mode, min_percent = cohort
        if not min_percent or mode == Cohort.Mode.ONLINE:
            return True
        counts = CohortMeeting.objects.filter(cohort_id=cohort_id).aggregate(
            # distinct: the join brings one row per attendance of any learner
            planned=Count("id", distinct=True),
            attended=Count("id", distinct=True, filter=Q(attendances__enrolment_id=enrolment.pk)),
        )
        return bool(counts["planned"]) and 100 * counts["attended"] >= min_percent * counts["planned"]

    def still_to_do(self, enrolments):
        """The learners short of their class's minimum, in three queries whatever their number."""
        in_classes = {
            row.enrolment_id: row.cohort
            for row in CohortEnrolment.objects.filter(enrolment__in=[e.pk for e in enrolments]).select_related(
                "cohort"
            )
        }
        waiting = {enrolment_id: cohort for enrolment_id, cohort in in_classes.items() if cohort.requires_attendance}
        if not waiting:
            return {}
        planned = dict(
            CohortMeeting.objects.filter(cohort_id__in={cohort.pk for cohort in waiting.values()})
            .values("cohort_id")
            .annotate(meetings=Count("id"))
            .values_list("cohort_id", "meetings")
        )
        attended = dict(
            Attendance.objects.filter(enrolment_id__in=waiting)
            .values("enrolment_id")
            .annotate(meetings=Count("session_id", distinct=True))
            .values_list("enrolment_id", "meetings")
        )
        lines = {}
        for enrolment_id, cohort in waiting.items():
            shortfall = AttendanceShortfall(
                attended=attended.get(enrolment_id, 0),
                planned=planned.get(cohort.pk, 0),
                min_percent=cohort.min_attendance_percent,
            )
            if not shortfall.planned or shortfall.attended < shortfall.needed:
                lines[enrolment_id] = str(shortfall)
        return lines


minimum_attendance = MinimumAttendance()


@dataclass(frozen=True)
class AttendanceShortfall:
    """A class's minimum attendance that a learner has not reached yet, for "still to do"."""

    attended: int
    planned: int
    min_percent: int

    @property
    def needed(self):
        """Meetings the learner must attend in all: the smallest number that reaches the minimum."""
        return -(-self.min_percent * self.planned // 100)

    def __str__(self):
        if not self.planned:
            return _(
                "Class attendance: your class asks for %(percent)s%% of its meetings, and none is planned yet. "
                "Ask your facilitator."
            ) % {"percent": self.min_percent}
        return _(
            "Class attendance: %(attended)s of %(planned)s meetings attended; your class asks for at least "
            "%(needed)s (%(percent)s%%)."
        ) % {"attended": self.attended, "planned": self.planned, "needed": self.needed, "percent": self.min_percent}


# --- The facilitator's list -------------------------------------------------------------------------


@dataclass(frozen=True)
class AttendanceRow:
    enrolment: Enrolment
    name: str
    contact: str
    method: str | None  # Attendance.Method of the learner's row, None when absent

    @property
    def present(self):
        return self.method is not None


def session_attendance(*, session):
    """Every learner of the meeting's class, by name, with whether (and how) they were present.

    One query whatever the size of the class.
    """
    attendance = Attendance.objects.filter(session=session, enrolment=OuterRef("pk"))
    enrolments = (
        Enrolment.objects.filter(cohort_enrolment__cohort_id=session.cohort_id)
        .select_related("user")
        .only("id", "user__username", "user__first_name", "user__last_name", "user__email", "user__phone")
        .annotate(attendance_method=Subquery(attendance.values("method")[:1]))
    )
    rows = [
        AttendanceRow(
            enrolment=enrolment,
            name=get_user_display_name(enrolment.user),
            contact=enrolment.user.email or enrolment.user.phone or "",
            method=enrolment.attendance_method,
        )
        for enrolment in enrolments
    ]
    rows.sort(key=lambda row: (row.name.lower(), row.enrolment.pk))
    return rows


@transaction.atomic
def attendance_record(*, session, present_enrolment_ids, by, shown_present_ids=None):
    """Make the meeting's present learners exactly `present_enrolment_ids` (the ticked boxes).

    Adds the missing rows as marked by the facilitator `by`, deletes those of learners unticked, and
    keeps the rows already there (a QR check-in stays a QR check-in). Given `shown_present_ids` (the
    learners the form showed as present), only those of them left unticked lose their row: a resident
    who checked in with the QR code while the form was open on the facilitator's phone stays present.

    An id that is not a learner of the meeting's class refuses the whole list: nothing is saved.
    Returns the number of learners now present.
    """
    wanted = _ids(present_enrolment_ids)
    learners = set(
        Enrolment.objects.filter(cohort_enrolment__cohort_id=session.cohort_id, pk__in=wanted).values_list(
            "pk", flat=True
        )
    )
    if wanted - learners:
        raise AttendanceError(
            _("Some of the ticked learners are not in this class; nothing was saved. Reload the page."),
            code="not_in_class",
        )
    unticked = Attendance.objects.filter(session=session).exclude(enrolment_id__in=wanted)
    if shown_present_ids is not None:
        unticked = unticked.filter(enrolment_id__in=_ids(shown_present_ids))
    unticked.delete()
    # ignore_conflicts: the rows already there stay as they are.
    Attendance.objects.bulk_create(
        [
            Attendance(session=session, enrolment_id=enrolment_id, method=Attendance.Method.FORM, recorded_by=by)
            for enrolment_id in sorted(wanted)
        ],
        ignore_conflicts=True,
    )
    # A meeting more may be what a learner's class asked for to complete the course.
    for enrolment in Enrolment.objects.filter(pk__in=wanted, completed_at__isnull=True):
        enrolment_complete_if_done(enrolment=enrolment)
    return Attendance.objects.filter(session=session).count()


def _ids(values):
    try:
        return {int(value) for value in values}
    except (TypeError, ValueError):
        raise AttendanceError(_("The attendance list is not valid: reload the page."), code="invalid") from None


# --- QR check-in ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckIn:
    session: CohortMeeting
    enrolment: Enrolment
    already_checked_in: bool


check_in_window = rotating_codes.code_window
check_in_seconds_left = rotating_codes.code_seconds_left


def _subject(session):
    # "check-in:<id>": what the codes have always signed, so a code shown before still reads the same.
    return f"check-in:{session.pk}"


def check_in_signature(*, session, window):
    """The code's signature; `session` with its class (``select_related("cohort")`` saves a query)."""
    return rotating_codes.code_signature(
        secret=session.cohort.check_in_secret, subject=_subject(session), window=window
    )


def check_in_url(session, now=None):
    """The absolute address behind the QR code on the facilitator's screen at `now` (SITE_URL: the code is
    scanned by phones that know nothing of the request that drew it)."""
    window = check_in_window(now)
    path = reverse("class_check_in", args=[session.pk, window, check_in_signature(session=session, window=window)])
    return absolute_url(path)


def check_in_verify(*, user, session_id, window, signature, now=None):
    """Whether `user` may check in with this code now; raises AttendanceError saying why not.

    Changes nothing: the confirmation page (a GET) asks this, the "Saya hadir" button records.
    """
    session = CohortMeeting.objects.select_related("cohort").filter(pk=session_id).first()
    invalid = AttendanceError(
        _("This check-in code is not valid. Scan the code on the facilitator's screen again."), code="invalid"
    )
    if session is None:
        raise invalid
    state = rotating_codes.code_state(
        secret=session.cohort.check_in_secret, subject=_subject(session), window=window, signature=signature, now=now
    )
    if state == "invalid":
        raise invalid
    if state == "expired":
        raise AttendanceError(
            _("This QR code has expired. Scan the code now shown on the facilitator's screen."), code="expired"
        )
    enrolment = (
        Enrolment.objects.filter(user=user, cohort_enrolment__cohort_id=session.cohort_id).first()
        if user.is_authenticated
        else None
    )
    if enrolment is None:
        raise AttendanceError(
            _("You are not a learner in this meeting's class. Ask its facilitator to add you."),
            code="not_in_class",
        )
    already = Attendance.objects.filter(session=session, enrolment=enrolment).exists()
    return CheckIn(session=session, enrolment=enrolment, already_checked_in=already)


@transaction.atomic
def check_in(*, user, session_id, window, signature, now=None):
    """Record that `user` is at the meeting, from the QR code they scanned; once, whatever the scans.

    A second check-in (a second scan, a double tap, a reload) returns ``already_checked_in`` and
    changes nothing. Refusals raise AttendanceError and save nothing.
    """
    verified = check_in_verify(user=user, session_id=session_id, window=window, signature=signature, now=now)
    if verified.already_checked_in:
        return verified
    try:
        with transaction.atomic():
            Attendance.objects.create(
                session=verified.session, enrolment=verified.enrolment, method=Attendance.Method.QR, recorded_by=user
            )
    except IntegrityError:
        # The same resident's other tap got in first: the unique constraint let one row in.
        return CheckIn(session=verified.session, enrolment=verified.enrolment, already_checked_in=True)
    enrolment_complete_if_done(enrolment=verified.enrolment)
    return verified
