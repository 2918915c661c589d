"""Who may propose and who may vote in a budgeting call, and if not, why: the one place of these rules.

The call's page says it at once, and the proposal and ballot views refuse with the same reason.

- **Proposing**: signed in; living in the call's area (the kelurahan of the resident's profile, or the one
  kelurahan staff verified); the call's course completed, if it names one; during the proposal period.
- **Voting**: signed in; living in the area; 17 or over; verified in person when the call asks for it (the
  default); during the voting period. A verified resident's kelurahan is the one their KTP showed, and a
  KTP is issued from 17, so verification settles both. Otherwise the age comes from the birth year the
  resident gave: 17 or over in the year voting closes. Without a birth year, a resident may vote only
  where the call asks for verification (and was verified). The course is not asked of voters: a vote
  must not depend on a training.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from participation.budgeting_phases import Phase, call_phase
from participation.budgeting_pools import budget_pool
from participation.models import ResidentVerification
from participation.selectors import budgeting_call_prerequisite_met

VOTING_AGE = 17
UNKNOWN = object()  # a verification not read yet


class Refusal:
    NOT_LOGGED_IN = "not-logged-in"
    NO_PROFILE = "no-profile"
    OUTSIDE_AREA = "outside-area"
    COURSE_NOT_COMPLETED = "course-not-completed"
    NOT_VERIFIED = "not-verified"
    TOO_YOUNG = "too-young"
    AGE_UNKNOWN = "age-unknown"
    PHASE_CLOSED = "phase-closed"


@dataclass(frozen=True)
class Permission:
    """Whether the visitor may act, and if not, why (a code for tests and templates, a sentence for them)."""

    allowed: bool
    refusal: str = ""
    reason: str = ""

    def __bool__(self):
        return self.allowed


ALLOWED = Permission(allowed=True)


def _refused(refusal, reason):
    return Permission(allowed=False, refusal=refusal, reason=reason)


def resident_verification(user):
    """The resident's in-person verification, with its kelurahan, or None.

    The profile is left to its own query (``user.learner_profile``): joined in here, through the user row read
    a second time, it made the voting peak's busiest request slower than two plain queries do (bench/)."""
    if not user.is_authenticated:
        return None
    try:
        return ResidentVerification.objects.select_related("kelurahan").get(user=user)
    except ResidentVerification.DoesNotExist:
        return None


def resident_kelurahan(user, verification=None):
    """The kelurahan the resident lives in for the call's rules: the verified one, else their profile's."""
    if verification is not None:
        return verification.kelurahan
    profile = getattr(user, "learner_profile", None) if user.is_authenticated else None
    return profile.kelurahan if profile is not None else None


def in_call_area(call, kelurahan):
    """Whether ``kelurahan`` (a Region of level village) lies in the call's area (a kecamatan or a kelurahan)."""
    if kelurahan is None:
        return False
    return call.area_id in (kelurahan.code, kelurahan.parent_id)


def voter_budget(call, kelurahan):
    """The budget a knapsack ballot must fit: that of the pool the voter's kelurahan votes in
    (participation.budgeting_pools)."""
    return budget_pool(call, kelurahan).budget


def _where_and_who(call, user):
    """The first refusal that does not depend on the phase, for proposing and voting alike."""
    if not user.is_authenticated:
        return _refused(Refusal.NOT_LOGGED_IN, _("Log in first: only residents with an account take part online."))
    if getattr(user, "learner_profile", None) is None:
        return _refused(
            Refusal.NO_PROFILE, _("Complete your profile first: your kelurahan decides where you take part.")
        )
    return None


def proposal_permission(call, user, today=None):
    """Whether ``user`` may send a proposal to ``call`` on ``today`` (by default, today in WITA)."""
    refusal = _where_and_who(call, user)
    if refusal is not None:
        return refusal
    if not in_call_area(call, resident_kelurahan(user, resident_verification(user))):
        return _refused(
            Refusal.OUTSIDE_AREA,
            _("Only residents of %(area)s may propose in this call.") % {"area": call.area.name},
        )
    if not budgeting_call_prerequisite_met(call=call, user=user):
        return _refused(Refusal.COURSE_NOT_COMPLETED, _("Complete the call's course first: then you may propose."))
    if call_phase(call, today) != Phase.PROPOSALS:
        return _refused(Refusal.PHASE_CLOSED, _("Proposals are taken only during the proposal period."))
    return ALLOWED


def vote_permission(call, user, today=None, *, verification=UNKNOWN):
    """Whether ``user`` may cast or change a ballot in ``call`` on ``today`` (by default, today in WITA).
    ``verification``: the resident's ResidentVerification or None, when the caller has read it already."""
    refusal = _where_and_who(call, user)
    if refusal is not None:
        return refusal
    if verification is UNKNOWN:
        verification = resident_verification(user)
    if not in_call_area(call, resident_kelurahan(user, verification)):
        return _refused(
            Refusal.OUTSIDE_AREA,
            _("Only residents of %(area)s may vote in this call.") % {"area": call.area.name},
        )
    if call.require_verified and verification is None:
        return _refused(
            Refusal.NOT_VERIFIED,
            _("This call asks voters to be verified: show your KTP at your kelurahan office once, then vote here."),
        )
    if verification is None:
        birth_year = user.learner_profile.birth_year
        if birth_year is None:
            return _refused(
                Refusal.AGE_UNKNOWN,
                _(
                    "Voters must be 17 or over: add your birth year to your profile, "
                    "or be verified at your kelurahan office."
                ),
            )
        if call.voting_close.year - birth_year < VOTING_AGE:
            return _refused(Refusal.TOO_YOUNG, _("Voters must be 17 or over."))
    if call_phase(call, today) != Phase.VOTING:
        return _refused(Refusal.PHASE_CLOSED, _("Ballots are taken only during the voting period."))
    return ALLOWED
