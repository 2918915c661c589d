"""Reset codes given at a kelurahan office's counter: how a phone-only resident gets back in.

A resident who signed up with a phone number only cannot receive a reset link. At the counter, staff
check the person (a document with their name) and give a one-time code with the same rules as a class
facilitator's (accounts.invitations: one code generator, stored as a digest, two days, used once, any
earlier unused reset code stops working). Kelurahan staff help the residents of their kelurahan,
government staff everyone (participation.scope); facilitators keep their own tool on the class page
(classes.services.password_reset_code_for_learner). Each code given is written to Wagtail's audit log
on the resident's account: who gave it, when, and for which kelurahan.
"""

import contextlib

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.invitations import password_reset_code_create
from accounts.validators import normalise_phone
from organisations.selectors import holds_any_role, without_any_role
from participation.scope import in_kelurahan_scope, kelurahan_scope, may_act_in

COUNTER_RESET_ACTION = "sekolah_warga.counter_reset_code"
SEARCH_LIMIT = 20  # a counter looks for one person: more than this means the search needs more words


def may_use_counter(user):
    """Whether `user` may open the counter at all: someone who acts in participation somewhere."""
    scope = kelurahan_scope(user)
    return scope is None or bool(scope)


def counter_residents(*, user):
    """The residents `user` may help at the counter: with a profile in their kelurahan, not deleted,
    holding no role anywhere (organisations.selectors.without_any_role: their owners reset their own)."""
    residents = without_any_role(
        get_user_model().objects.filter(learner_profile__isnull=False, erased_at__isnull=True)
    ).select_related("learner_profile__kelurahan")
    return in_kelurahan_scope(residents, user, field="learner_profile__kelurahan")


def counter_resident_search(*, user, query):
    """Residents in `user`'s scope matching a phone number (in any common form) or a name or username."""
    query = (query or "").strip()
    if not query:
        return []
    condition = Q(first_name__icontains=query) | Q(username__iexact=query)
    with contextlib.suppress(ValidationError):  # not a phone number: a name
        condition |= Q(phone=normalise_phone(query))
    return list(counter_residents(user=user).filter(condition).order_by("first_name", "pk")[:SEARCH_LIMIT])


@transaction.atomic
def counter_reset_code_issue(*, resident, by):
    """A one-time reset code for `resident`, given by `by` at the counter after checking the person; logged.

    Raises PermissionDenied when `by` may not help this resident (another kelurahan, or no counter
    role) and ValidationError when the account cannot take a code (an e-mail address: its owner resets
    it by e-mail; a deleted account; an account holding any role: staff, a group, a partner's member).
    """
    profile = getattr(resident, "learner_profile", None)
    if not may_use_counter(by) or profile is None or not may_act_in(by, profile.kelurahan_id):
        raise PermissionDenied
    if resident.erased_at is not None or not resident.is_active:
        raise ValidationError(_("This account was deleted or switched off: it cannot get a code."))
    if holds_any_role(resident):
        raise ValidationError(_("This account belongs to staff or a partner: its owner resets the password."))
    code = password_reset_code_create(user=resident, created_by=by)
    log(resident, COUNTER_RESET_ACTION, user=by, data={"kelurahan": profile.kelurahan_id})
    return code
