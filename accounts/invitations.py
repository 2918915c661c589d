"""One-time codes with which residents set a password on an account they did not make themselves.

A facilitator's class roster makes accounts without a password (classes.roster). Residents
with an e-mail address get an invitation by e-mail (accounts.tasks); phone-only residents get
their code on a sheet the facilitator prints and hands out. A phone-only learner who forgot
their password gets a reset code the same way. Either code opens /akun/aktifkan/<code>/,
where the resident chooses a password (and, for a new account, gives their own consent to the
privacy notice), and is logged in.

Codes are random, 10 characters of an alphabet without look-alikes, shown as ``XXXXX-XXXXX``.
Only their SHA-256 digest is stored. A plain hash is enough (no slow password hasher): the codes
are random and high-entropy, unlike passwords, and a digest lets one indexed query find a code.
"""

import hashlib
import re
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import AccountInvitation, ConsentRecord, LearnerProfile
from accounts.services import consent_record
from core.codes import LOOKALIKE_FREE_ALPHABET, human_code
from core.site_address import absolute_url

# The letters of class codes (core.codes), without look-alikes, so that a code copied by hand from
# paper reads back the same.
CODE_ALPHABET = LOOKALIKE_FREE_ALPHABET
# 10 characters of 25: about 46 bits. With 10 tries per address per 15 minutes (accounts.
# invitation_throttle), guessing any one of even a million live codes takes millennia.
CODE_LENGTH = 10
CODE_GROUP = 5  # shown as two groups of five: easier to read out and type
# What people type between the groups, or copy along with the code.
CODE_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_.]")

# A class meets weekly or monthly, and invitation e-mails lie unread for a while: an activation
# code must outlive the gap between two meetings, so the facilitator can still help at the next.
ACTIVATION_VALID_FOR = timedelta(days=30)
# A reset code replaces a working password, so it lives briefly: it is given in person, to a
# learner who wants to get back in now.
PASSWORD_RESET_VALID_FOR = timedelta(days=2)
VALID_FOR = {
    AccountInvitation.Kind.ACTIVATION: ACTIVATION_VALID_FOR,
    AccountInvitation.Kind.PASSWORD_RESET: PASSWORD_RESET_VALID_FOR,
}
# A new code that happens to equal a stored one (about 1 in 10^8 per code with a million stored)
# is drawn again; this many times is far beyond what chance needs.
CREATE_ATTEMPTS = 3

# One message for an unknown, altered, used or expired code: which one it was is nobody's business.
INVALID_CODE_MESSAGE = _("This code is not valid or has expired. Ask your facilitator for a new one.")


# --- The codes themselves ------------------------------------------------------------------


def code_new():
    return human_code(CODE_LENGTH, alphabet=CODE_ALPHABET)


def code_normalise(raw):
    """A code as typed (``abcde 23456``, ``ABCDE-23456``) in its stored form: upper case, no separators."""
    return CODE_SEPARATORS.sub("", raw or "").upper()


def code_is_well_formed(code):
    """Whether a normalised code has the length and letters of a code (true of any code we gave out)."""
    return len(code) == CODE_LENGTH and all(character in CODE_ALPHABET for character in code)


def code_display(code):
    """``XXXXX-XXXXX``: how a code is printed, e-mailed and put in links."""
    code = code_normalise(code)
    return "-".join(code[start : start + CODE_GROUP] for start in range(0, len(code), CODE_GROUP))


def code_digest(code):
    return hashlib.sha256(code_normalise(code).encode()).hexdigest()


def invitation_url(code=""):
    """The absolute address of a code's set-password page (what QR codes and e-mails carry).

    Without a code: the page where a code read off paper is typed in.
    """
    if not code:
        return absolute_url(reverse("accounts:activate"))
    return absolute_url(reverse("accounts:activate_with_code", kwargs={"code": code_display(code)}))


# --- Reads ---------------------------------------------------------------------------------


def invitation_by_code(code, *, now=None):
    """The invitation a code belongs to, with its account, if it can still be used; else None.

    Unusable: unknown (or mistyped), used, expired, for an account switched off, or an
    activation code for an account that has a password by now (set another way).
    """
    code = code_normalise(code)
    if not code_is_well_formed(code):
        return None
    invitation = AccountInvitation.objects.select_related("user").filter(code_digest=code_digest(code)).first()
    return invitation if invitation_is_usable(invitation, now=now) else None


def invitation_is_usable(invitation, *, now=None):
    if invitation is None or invitation.used_at is not None:
        return False
    if invitation.expires_at <= (now or timezone.now()) or not invitation.user.is_active:
        return False
    # Once the resident has a password, the first-password codes on paper or in old e-mails stop working.
    return not (invitation.kind == AccountInvitation.Kind.ACTIVATION and invitation.user.has_usable_password())


def invitation_needs_consent(invitation):
    """Whether the resident must agree to the privacy notice themselves when using this code.

    Always for a first password. A reset code also asks when the resident has not yet agreed
    themselves: a phone-only learner from a roster, given a reset code before ever activating.
    """
    if invitation.kind == AccountInvitation.Kind.ACTIVATION:
        return True
    return LearnerProfile.objects.filter(user_id=invitation.user_id, consent_recorded_by__isnull=False).exists()


# --- Writes --------------------------------------------------------------------------------


def invitation_codes_create(*, users, kind, created_by, valid_for=None, accounts_are_new=False):
    """A new code of ``kind`` for each of ``users``: ``{user id: "XXXXX-XXXXX"}``.

    The codes are shown once, by the caller: only their digests are kept. Any earlier unused
    code of the same kind for these accounts stops working. For any number of accounts (a
    10,000-row roster) this is one UPDATE and one bulk insert, never a query per account; accounts
    made in the same transaction (``accounts_are_new``) have no earlier code, and skip the UPDATE.
    """
    user_ids = list(dict.fromkeys(user.pk for user in users))
    if not user_ids:
        return {}
    kind = AccountInvitation.Kind(kind)
    now = timezone.now()
    expires_at = now + (valid_for or VALID_FOR[kind])
    for attempt in range(CREATE_ATTEMPTS):
        codes = {user_id: code_new() for user_id in user_ids}
        try:
            with transaction.atomic():
                if not accounts_are_new:
                    AccountInvitation.objects.filter(
                        user_id__in=user_ids, kind=kind, used_at__isnull=True, expires_at__gt=now
                    ).update(expires_at=now)
                AccountInvitation.objects.bulk_create(
                    [
                        AccountInvitation(
                            user_id=user_id,
                            kind=kind,
                            code_digest=code_digest(code),
                            created_by_id=created_by.pk if created_by is not None else None,
                            created_at=now,
                            expires_at=expires_at,
                        )
                        for user_id, code in codes.items()
                    ]
                )
        except IntegrityError:
            if attempt == CREATE_ATTEMPTS - 1:
                raise
        else:
            return {user_id: code_display(code) for user_id, code in codes.items()}


def password_reset_code_create(*, user, created_by):
    """A one-time code with which a phone-only learner sets a new password; returns the code.

    Refused for an account with an e-mail address: its owner resets the password themselves,
    from the log-in page, and the link goes to their mailbox, not through anyone's hands.
    """
    if user.email:
        raise ValidationError(
            _(
                "This learner has an email address: they can set a new password themselves, "
                "with “Forgot your password?” on the log-in page."
            ),
            code="has_email",
        )
    codes = invitation_codes_create(users=[user], kind=AccountInvitation.Kind.PASSWORD_RESET, created_by=created_by)
    return codes[user.pk]


@transaction.atomic
def invitation_redeem(*, code, password, password_confirm=None, consent_given=False):
    """Set the password of the account a code belongs to, once; returns the account.

    Refusals are ValidationErrors keyed by field: ``code`` (one message whatever is wrong with
    the code), ``password``, ``password_confirm`` and ``consent``. A first password also needs the
    resident's own consent to the privacy notice, which replaces the one the facilitator recorded
    from the class's paper form. The code is claimed with a conditional UPDATE under a row lock,
    so two tabs, a double click or two people with one code set a password once.
    """
    now = timezone.now()
    code = code_normalise(code)
    invitation = None
    if code_is_well_formed(code):
        invitation = (
            AccountInvitation.objects.select_for_update()
            .select_related("user")
            .filter(code_digest=code_digest(code))
            .first()
        )
    if not invitation_is_usable(invitation, now=now):
        raise ValidationError({"code": ValidationError(INVALID_CODE_MESSAGE, code="invalid_code")})
    user = invitation.user
    needs_consent = invitation_needs_consent(invitation)

    errors = {}
    if password_confirm is not None and password != password_confirm:
        errors["password_confirm"] = [
            ValidationError(_("The two passwords are not the same. Type them again."), code="password_mismatch")
        ]
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        errors["password"] = error.error_list
    if needs_consent and not consent_given:
        errors["consent"] = [
            ValidationError(_("To activate your account, agree to the privacy notice."), code="consent_missing")
        ]
    if errors:
        raise ValidationError(errors)

    claimed = AccountInvitation.objects.filter(pk=invitation.pk, used_at__isnull=True).update(used_at=now)
    if not claimed:  # another request used it first (a backend without row locks)
        raise ValidationError({"code": ValidationError(INVALID_CODE_MESSAGE, code="invalid_code")})
    user.set_password(password)
    user.save(update_fields=["password"])
    # Any other code still out for this account (an older sheet, a reset code) stops working.
    AccountInvitation.objects.filter(user=user, used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
    if needs_consent:
        # The resident's own consent now: who recorded it on paper is no longer the record.
        LearnerProfile.objects.filter(user=user).update(
            consent_given_at=now,
            privacy_notice_version=settings.PRIVACY_NOTICE_VERSION,
            consent_recorded_by=None,
        )
        consent_record(user=user, kind=ConsentRecord.Kind.PRIVACY_NOTICE, at=now)
    return user
