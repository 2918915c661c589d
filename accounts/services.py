"""Writes for the accounts app: residents sign up and keep their profile up to date.

Each service checks every rule (accounts.validators) before it saves anything and runs
in one transaction, so a refusal leaves nothing half-saved. Refusals are ValidationErrors
keyed by the form field they concern, so a view can show each one next to its field.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from accounts.models import ConsentRecord, LearnerProfile
from accounts.validators import (
    guardian_consent_required,
    normalise_email,
    normalise_phone,
    validate_contact_free,
    validate_contact_given,
)
from core.text import clean_single_line
from regions.models import Region

USERNAME_BASE_LENGTH = 30


def consent_record(*, user, kind, action=ConsentRecord.Action.GIVEN, at=None, recorded_by=None):
    """Keep one consent given or withdrawn, to the current privacy notice (the learner profile holds
    only the latest; privacy.services changes it later: renewal, withdrawal)."""
    return ConsentRecord.objects.create(
        user=user,
        kind=kind,
        action=action,
        notice_version=settings.PRIVACY_NOTICE_VERSION,
        at=at or timezone.now(),
        recorded_by=recorded_by,
    )


@transaction.atomic
def resident_sign_up(
    *,
    full_name,
    password,
    kelurahan,
    email="",
    phone="",
    gender="",
    birth_year=None,
    consent_given=False,
    guardian_name="",
    guardian_consent_given=False,
    now=None,
):
    """Create a resident's account and learner profile together, or neither.

    The resident never sees the generated username: they log in with their e-mail or
    phone. Consent is stamped with the time and the privacy notice's version; a guardian's
    name and consent are kept only for residents under 18 by birth year.
    """
    now = now or timezone.now()
    errors = {}
    full_name = _clean_name(full_name, errors)
    email, phone = _clean_contact(email, phone, errors)
    if not consent_given:
        errors["consent"] = [_("To sign up, agree to the privacy notice.")]
    user = get_user_model()(
        username=username_for(full_name),
        first_name=full_name,
        email=email,
        phone=phone,
    )
    _collect(errors, password_validation.validate_password, password, user, field="password")
    profile = LearnerProfile(
        kelurahan=kelurahan,
        gender=gender or "",
        birth_year=birth_year,
        consent_given_at=now,
        privacy_notice_version=settings.PRIVACY_NOTICE_VERSION,
        guardian_name=clean_single_line(guardian_name or ""),
        guardian_consent_at=now if guardian_consent_given else None,
    )
    if not guardian_consent_required(birth_year, timezone.localdate(now)):
        # Minimal data: an adult's guardian is none of our business.
        profile.guardian_name, profile.guardian_consent_at = "", None
    _collect(errors, profile.full_clean, exclude=["user"])
    if not errors:  # the account's own checks repeat the contact ones: run them last
        user.set_password(password)
        _collect(errors, user.full_clean, exclude=["password"])
    if errors:
        raise ValidationError(errors)
    _save_with_contact(user, email=email, phone=phone)
    profile.user = user
    profile.save()
    consent_record(user=user, kind=ConsentRecord.Kind.PRIVACY_NOTICE, at=now)
    if profile.gender or profile.birth_year:
        consent_record(user=user, kind=ConsentRecord.Kind.OPTIONAL_DATA, at=now)
    return user


@transaction.atomic
def resident_profile_update(*, user, full_name, email, phone, kelurahan):
    """Change a resident's name, contact details and kelurahan, with the sign-up's rules."""
    profile = LearnerProfile.objects.select_for_update().get(user=user)
    errors = {}
    full_name = _clean_name(full_name, errors)
    email, phone = _clean_contact(email, phone, errors, user=user)
    user.first_name, user.last_name = full_name, ""  # the whole name lives in first_name
    user.email, user.phone = email, phone
    profile.kelurahan = kelurahan
    _collect(errors, profile.full_clean, exclude=["user"])
    if not errors:
        _collect(errors, user.full_clean, exclude=["password"])
    if errors:
        user.refresh_from_db()
        raise ValidationError(errors)
    _save_with_contact(user, email=email, phone=phone, update_fields=["first_name", "last_name", "email", "phone"])
    profile.save(update_fields=["kelurahan"])
    return profile


@transaction.atomic
def resident_profile_for_demo(user, *, kelurahan_code, phone=None, now=None):
    """Give a demo resident the profile a real sign-up would: kelurahan, consent, phone.

    A second call changes nothing. Demo accounts carry a first and a last name; residents
    keep their whole name in ``first_name``, so the two are joined here once.
    """
    existing = LearnerProfile.objects.filter(user=user).first()
    if existing is not None:
        return existing
    if user.last_name:
        user.first_name, user.last_name = f"{user.first_name} {user.last_name}".strip(), ""
    if phone and not user.phone:
        user.phone = normalise_phone(phone)
    user.full_clean(exclude=["password"])
    user.save()
    profile = LearnerProfile(
        user=user,
        kelurahan=Region.objects.get(code=kelurahan_code),
        consent_given_at=now or timezone.now(),
        privacy_notice_version=settings.PRIVACY_NOTICE_VERSION,
    )
    profile.full_clean()
    profile.save()
    return profile


def username_for(full_name):
    """A fresh username from the name and a number (``siti-rahmawati-4821``); nobody types it."""
    base = slugify(full_name)[:USERNAME_BASE_LENGTH].strip("-") or "warga"
    accounts = get_user_model()._default_manager
    for _attempt in range(20):
        candidate = f"{base}-{secrets.randbelow(9000) + 1000}"
        if not accounts.filter(username=candidate).exists():
            return candidate
    return f"{base}-{secrets.token_hex(6)}"


def _clean_name(full_name, errors):
    name = " ".join(clean_single_line(full_name or "").split())
    if not name:
        errors["full_name"] = [_("Enter your full name.")]
    return name


def _clean_contact(email, phone, errors, user=None):
    """Normalised e-mail and phone (None when missing), after every contact rule."""
    email = normalise_email(email) or None
    try:
        phone = normalise_phone(phone) if (phone or "").strip() else None
    except ValidationError as error:
        errors.setdefault("phone", []).extend(error.error_list)
        return email, None
    _collect(errors, validate_contact_given, email, phone)
    _collect(errors, validate_contact_free, email=email, phone=phone, user=user)
    return email, phone


def _collect(errors, check, *args, field=None, **kwargs):
    """Run one check, adding what it refuses to ``errors`` (a dict of field: list of errors)."""
    try:
        check(*args, **kwargs)
    except ValidationError as error:
        if field is not None:
            error = ValidationError({field: error.error_list})
        for key, messages in error.update_error_dict({}).items():
            errors.setdefault(key, []).extend(messages)


def _save_with_contact(user, *, email, phone, **save_kwargs):
    """Save, turning a race lost to another sign-up with the same e-mail or phone into the usual refusal."""
    try:
        with transaction.atomic():
            user.save(**save_kwargs)
    except IntegrityError:
        validate_contact_free(email=email, phone=phone, user=user)
        raise
