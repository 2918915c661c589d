"""Residents verified in person: kelurahan staff saw their KTP, which shows a kelurahan where the staff act.

A budgeting call asks its voters to be verified by default (participation.budgeting_eligibility), because
a profile's kelurahan is self-declared and accounts are free. At the counter, staff find the resident
among those whose profile kelurahan is in their scope (participation.scope), tick that they saw the KTP and
that it shows the kelurahan they choose (one of theirs), and verify. Nothing of the KTP is kept: only the
kelurahan it showed, who verified and when (ResidentVerification). Staff of that kelurahan (and government
staff) may withdraw a verification, for example one made in error. Each verification and withdrawal is in
Wagtail's audit log, on the resident's account, with the kelurahan.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.resident_identity import resident_matches
from participation.models import ResidentVerification
from participation.scope import EVERYWHERE, acts_somewhere, in_kelurahan_scope, kelurahan_scope, may_act_in
from regions.models import Region

LOG_VERIFY = "sekolah_warga.resident_verify"
LOG_WITHDRAW = "sekolah_warga.resident_verification_withdraw"
SEARCH_LIMIT = 30


class VerificationError(Exception):
    """A verification or withdrawal refused, with a sentence for the staff member."""


def may_verify(user):
    """Whether ``user`` may open the verification screens: someone who acts in participation somewhere."""
    return acts_somewhere(user)


def verifiable_residents(*, user):
    """The residents ``user`` may verify: with a profile whose kelurahan is in their scope, not erased,
    active; with their verification (if any) in the same query."""
    residents = (
        get_user_model()
        .objects.filter(learner_profile__isnull=False, erased_at__isnull=True, is_active=True)
        .exclude(pk=user.pk)  # staff do not verify themselves
        .select_related("learner_profile__kelurahan", "residence_verification__kelurahan")
        .select_related("residence_verification__verified_by")
    )
    return in_kelurahan_scope(residents, user, field="learner_profile__kelurahan")


def verifiable_resident_search(*, user, query):
    """Residents in ``user``'s scope whose name, username or e-mail holds ``query``, or whose phone it is
    in any common form (accounts.resident_identity); at most SEARCH_LIMIT, by name."""
    query = (query or "").strip()
    if not query:
        return []
    condition = resident_matches(query, prefix="") | _username_matches(query)
    return list(verifiable_residents(user=user).filter(condition).order_by("first_name", "pk")[:SEARCH_LIMIT])


def _username_matches(query):
    return Q(username__icontains=query)


def kelurahan_choices(*, user):
    """The kelurahan a KTP may show for ``user`` to verify it: those where they act, by name."""
    villages = Region.objects.filter(level=Region.Level.VILLAGE).order_by("name")
    scope = kelurahan_scope(user)
    return villages if scope is EVERYWHERE else villages.filter(code__in=scope)


@transaction.atomic
def resident_verify(*, resident, kelurahan, by, ktp_seen):
    """Record that ``by`` saw ``resident``'s KTP, showing ``kelurahan`` (one where ``by`` acts).

    Raises PermissionDenied when ``by`` may not verify this resident (the resident's profile or the chosen
    kelurahan outside their scope) and VerificationError when the KTP was not ticked as seen or the
    resident is verified already (withdraw first to change it)."""
    profile = getattr(resident, "learner_profile", None)
    if profile is None or not may_act_in(by, profile.kelurahan_id) or not may_act_in(by, kelurahan.code):
        raise PermissionDenied
    if resident.pk == by.pk:
        # A vote is verified by someone else, as a voter does not sign their own voter card.
        raise VerificationError(_("You cannot verify yourself: another member of staff verifies you."))
    if kelurahan.level != Region.Level.VILLAGE:
        raise VerificationError(_("Choose the kelurahan the KTP shows."))
    if not ktp_seen:
        raise VerificationError(_("See the resident's KTP first, and tick that it shows this kelurahan."))
    # The resident's row, locked: two staff members verifying the same person at once wait for each other.
    get_user_model().objects.select_for_update().filter(pk=resident.pk).first()
    existing = ResidentVerification.objects.filter(user=resident).select_related("kelurahan").first()
    if existing is not None:
        raise VerificationError(
            _("%(name)s is already verified (%(kelurahan)s, %(date)s). Withdraw it first to change it.")
            % {
                "name": _display_name(resident),
                "kelurahan": existing.kelurahan.name,
                "date": date_format(timezone.localtime(existing.verified_at), "DATE_FORMAT"),
            }
        )
    try:
        with transaction.atomic():
            verification = ResidentVerification.objects.create(user=resident, kelurahan=kelurahan, verified_by=by)
    except IntegrityError:  # verified at the same moment by someone else
        raise VerificationError(_("%(name)s is already verified.") % {"name": _display_name(resident)}) from None
    log(resident, LOG_VERIFY, user=by, data={"kelurahan": kelurahan.code, "kelurahan_name": kelurahan.name})
    return verification


@transaction.atomic
def resident_verification_withdraw(*, resident, by):
    """Withdraw ``resident``'s verification. Raises PermissionDenied when it was made in a kelurahan where
    ``by`` does not act, VerificationError when there is none."""
    verification = (
        ResidentVerification.objects.select_for_update().filter(user=resident).select_related("kelurahan").first()
    )
    if verification is None:
        raise VerificationError(_("%(name)s is not verified.") % {"name": _display_name(resident)})
    if not may_act_in(by, verification.kelurahan_id):
        raise PermissionDenied
    data = {
        "kelurahan": verification.kelurahan_id,
        "kelurahan_name": verification.kelurahan.name,
        "verified_at": verification.verified_at.isoformat(),
    }
    verification.delete()
    log(resident, LOG_WITHDRAW, user=by, data=data)


def _display_name(user):
    return user.get_full_name() or user.get_username()
