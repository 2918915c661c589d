"""State changes of classes: residents join with a code; facilitators help their learners.

What facilitators do for a learner (more quiz attempts, a completion done on paper) is written
to Wagtail's audit log with who did it, and shown wherever completion is shown.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.invitations import invitation_codes_create, password_reset_code_create
from accounts.models import AccountInvitation
from classes.models import Cohort, CohortEnrolment
from classes.selectors import cohort_of
from core.text import clean_single_line
from courses.models import Enrolment
from courses.scope import may_run_course
from courses.services import LearningError, enrolment_complete, enrolment_complete_if_done
from organisations.selectors import holds_any_role

MAX_EXTRA_ATTEMPTS = 20


def normalise_code(raw):
    """What a resident typed or scanned, as stored: capitals, without spaces or dashes."""
    return "".join(character for character in (raw or "").upper() if character.isalnum())


@transaction.atomic
def cohort_join(*, user, code):
    """Enrol `user` in the class with this enrolment code; returns the enrolment.

    Joining again changes nothing. A full, closed or unknown class, or a learner already in
    another class of the same course, is refused with a LearningError saying so.
    """
    # The class row is locked while its seats are counted: two residents taking the last seat
    # at the same moment must not both get it.
    cohort = (
        Cohort.objects.select_for_update(of=("self",))
        .select_related("course", "organisation")
        .filter(enrolment_code=normalise_code(code))
        .first()
    )
    if cohort is None:
        raise LearningError(_("No class has this code. Check it with your facilitator."))
    enrolment = (
        Enrolment.objects.select_related("cohort_enrolment__cohort")
        .filter(user=user, course_id=cohort.course_id)
        .first()
    )
    current = cohort_of(enrolment) if enrolment is not None else None
    if current is not None and current.pk == cohort.pk:
        return enrolment
    if current is not None:
        raise LearningError(
            _("You are already in another class of this course: %(cohort)s.") % {"cohort": current.name}
        )
    if not cohort.course.live:
        raise LearningError(_("This class's course is not published."))
    if cohort.is_closed():
        raise LearningError(_("This class is closed: it no longer takes new learners."))
    if not may_run_course(organisation=cohort.organisation, course=cohort.course):
        raise LearningError(
            _("This class no longer takes new learners: its organisation may no longer run this course.")
        )
    if Enrolment.objects.filter(cohort_enrolment__cohort=cohort).count() >= cohort.capacity:
        raise LearningError(_("This class is full."))
    try:
        with transaction.atomic():
            if enrolment is None:
                enrolment = Enrolment.objects.create(
                    user=user, course_id=cohort.course_id, source=Enrolment.Source.CLASS_CODE
                )
            CohortEnrolment.objects.create(enrolment=enrolment, cohort=cohort)
    except IntegrityError:
        # The resident enrolled in the course, or joined one of its classes, in another tab at this
        # very moment: try once more.
        raise LearningError(_("Something changed at the same moment. Please try again.")) from None
    return enrolment


@transaction.atomic
def quiz_attempts_grant(*, enrolment, by, count=1):
    """Give a learner `count` more attempts at each quiz of the course."""
    if not 1 <= count <= MAX_EXTRA_ATTEMPTS:
        raise LearningError(_("Give between 1 and %(most)s more attempts.") % {"most": MAX_EXTRA_ATTEMPTS})
    Enrolment.objects.filter(pk=enrolment.pk).update(extra_quiz_attempts=F("extra_quiz_attempts") + count)
    enrolment.refresh_from_db(fields=["extra_quiz_attempts"])
    log(enrolment, "sekolah_warga.quiz_attempts_grant", user=by, data={"count": count})
    return enrolment


@transaction.atomic
def completion_record_on_paper(*, enrolment, by, note):
    """Record that a learner completed the course on paper in class ("dicatat fasilitator")."""
    note = " ".join(clean_single_line(note or "").split())
    if not note:
        raise LearningError(_("Say how the learner completed the course, for example the date of the paper test."))
    cohort = cohort_of(enrolment)
    if cohort is not None and not may_run_course(organisation=cohort.organisation, course=enrolment.course):
        # A completion on paper is the organisation's word, printed on a certificate in the owner's name.
        raise LearningError(
            _(
                "%(organisation)s may not record completions of this course: it holds no grant from the owner of "
                "the course, or the grant was withdrawn. The learner can still complete it online."
            )
            % {"organisation": cohort.organisation}
        )
    # Recorded, logged and announced as every completion is (courses.services.enrolment_complete).
    if not enrolment_complete(enrolment=enrolment, by=by, note=note):
        raise LearningError(_("This learner has already completed the course."))
    return enrolment


@transaction.atomic
def invitation_codes_renew(*, cohort, by):
    """New invitation codes for the class's phone-only learners who have no password yet.

    Codes are kept only as digests, so a lost sheet is replaced by new codes (the old ones stop
    working). Returns (user, code) pairs in name order, for the printed sheet.
    """
    learners = list(
        get_user_model()
        .objects.filter(
            enrolments__cohort_enrolment__cohort=cohort,
            email__isnull=True,
            password__startswith=UNUSABLE_PASSWORD_PREFIX,
            erased_at__isnull=True,  # a deleted account is no one's to activate
        )
        .order_by("first_name", "pk")
    )
    codes = invitation_codes_create(users=learners, kind=AccountInvitation.Kind.ACTIVATION, created_by=by)
    log(cohort, "sekolah_warga.invitation_codes_renew", user=by, data={"count": len(learners)})
    return [(user, codes[user.pk]) for user in learners]


@transaction.atomic
def password_reset_code_for_learner(*, enrolment, by):
    """A one-time code (and link) with which a phone-only learner sets a new password; logged.

    Refused (ValidationError) for learners with an e-mail address: they reset it themselves.
    """
    user = enrolment.user
    if user.erased_at is not None:
        raise ValidationError(_("This learner deleted their account."))
    if holds_any_role(user):
        # Staff and partners' own accounts are never reset by a facilitator, whether or not their staff
        # status is set (Wagtail's Users screen puts people in groups without it).
        raise ValidationError(_("This account belongs to staff or a partner: its owner resets the password."))
    code = password_reset_code_create(user=enrolment.user, created_by=by)
    log(enrolment, "sekolah_warga.password_reset_code", user=by)
    return code


def cohort_completions_refresh(*, cohort):
    """Record the completions a class's changed rules now allow (a lower attendance minimum, say)."""
    for enrolment in Enrolment.objects.filter(cohort_enrolment__cohort=cohort, completed_at__isnull=True).only(
        "pk", "course_id"
    ):
        enrolment_complete_if_done(enrolment=enrolment)
