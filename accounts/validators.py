"""The rules an account's details follow, each in one place.

Forms call them so that a resident sees every problem at once; the services call them
again before saving, because they are the only way into the database.
"""

import re

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ADULT_AGE = 18  # UU 27/2022 Pasal 25: a child's data needs a parent's or guardian's consent

# What people type between digits: spaces, dashes, dots, brackets.
PHONE_SEPARATORS = re.compile(r"[\s\-.()]")
# An Indonesian mobile number without its country code or trunk 0: 8xx, then 8 to 11 more digits.
MOBILE_NUMBER = re.compile(r"8\d{8,11}")


def normalise_phone(raw):
    """An Indonesian mobile number as +62…, from 0812…, 62812…, +62812… or 812…, with any spacing.

    Raises ValidationError naming what is expected when the text is not such a number.
    """
    text = PHONE_SEPARATORS.sub("", raw or "")
    if text.startswith("+62"):
        digits = text[3:]
    elif text.startswith("62"):
        digits = text[2:]
    else:
        digits = text
    if digits.startswith("0"):  # 0812…, or +62 0812… written with the trunk 0
        digits = digits[1:]
    if not MOBILE_NUMBER.fullmatch(digits):
        raise ValidationError(
            _("Enter an Indonesian mobile number, for example 0812 3456 7890."),
            code="invalid_phone",
        )
    return "+62" + digits


def phone_national(phone):
    """A stored mobile number (+62…) as residents write it, and as every export writes it: 0812 3456 7890.

    In groups (four, four, the rest): a spreadsheet opening a CSV keeps this as text, where it would turn
    081234567890 into the number 81234567890 and "+62…" into a formula. Empty for no number.
    """
    if not phone:
        return ""
    if not phone.startswith("+62"):  # not stored by normalise_phone: shown as it is
        return phone
    national = "0" + phone.removeprefix("+62")
    return " ".join(group for group in (national[:4], national[4:8], national[8:]) if group)


def normalise_email(raw):
    return (raw or "").strip().lower()


def normalise_identifier(raw):
    """What someone typed to log in (e-mail, phone or username) in the form it is stored in."""
    text = (raw or "").strip()
    if "@" in text:
        return normalise_email(text)
    try:
        return normalise_phone(text)
    except ValidationError:
        return text


def validate_birth_year_not_in_future(value):
    if value is not None and value > timezone.localdate().year:
        raise ValidationError(_("A birth year cannot be in the future."), code="future_birth_year")


def guardian_cut_off_year(today=None):
    """Residents born in this year or later are under 18 by their birth year."""
    today = today or timezone.localdate()
    return today.year - ADULT_AGE + 1


def guardian_consent_required(birth_year, today=None):
    """Under 18 by birth year (this year minus birth year), so a guardian must consent.

    Only the year is known: someone born 18 years ago counts as an adult for the whole year.
    """
    return birth_year is not None and birth_year >= guardian_cut_off_year(today)


def validate_contact_given(email, phone):
    if not email and not phone:
        raise ValidationError(
            {"email": _("Enter an email address or a mobile number: at least one, so you can log in.")},
            code="no_contact",
        )


def validate_contact_free(*, email, phone, user=None):
    """Each e-mail address and phone number belongs to one account only; name which one is taken.

    Someone signing up is told to log in instead; someone editing their own account (``user``, saved
    already) is logged in, so they are told only that another account has it.
    """
    accounts = get_user_model().objects.all()
    editing = user is not None and user.pk
    if editing:
        accounts = accounts.exclude(pk=user.pk)
    errors = {}
    if email and accounts.filter(email=email).exists():
        errors["email"] = ValidationError(
            _("Another account already uses this email address.")
            if editing
            else _("An account with this email address already exists. Log in, or reset your password."),
            code="email_taken",
        )
    if phone and accounts.filter(phone=phone).exists():
        errors["phone"] = ValidationError(
            _("Another account already uses this mobile number.")
            if editing
            else _("An account with this mobile number already exists. Log in, or ask your facilitator for help."),
            code="phone_taken",
        )
    if errors:
        raise ValidationError(errors)


def validate_guardian_consent(*, birth_year, guardian_name, guardian_consent_given, today=None):
    if not guardian_consent_required(birth_year, today):
        return
    year = guardian_cut_off_year(today)
    errors = {}
    if not (guardian_name or "").strip():
        errors["guardian_name"] = ValidationError(
            _("You were born in %(year)s or later: enter the name of your parent or guardian."),
            params={"year": year},
            code="guardian_name_missing",
        )
    if not guardian_consent_given:
        errors["guardian_consent"] = ValidationError(
            _("You were born in %(year)s or later: your parent or guardian must agree, and tick this box."),
            params={"year": year},
            code="guardian_consent_missing",
        )
    if errors:
        raise ValidationError(errors)
