"""Forms for signing up, logging in, resetting a password, using an invitation code and editing a profile.

They check what a resident typed and show every problem at once, next to its field; the
services (accounts.services) check the same rules again before anything is saved.
"""

from itertools import groupby
from operator import attrgetter

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.account import NameEmailForm as WagtailNameEmailForm
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.admin.forms.auth import PasswordChangeForm as WagtailPasswordChangeForm

from accounts import invitations, selectors
from accounts.lockout import password_confirm
from accounts.models import LearnerProfile
from accounts.validators import (
    normalise_email,
    normalise_phone,
    phone_national,
    validate_birth_year_not_in_future,
    validate_contact_free,
    validate_contact_given,
    validate_guardian_consent,
)
from core.forms import SingleLineCharField, without_optional_marker


class KelurahanChoices(ModelChoiceIterator):
    """The kelurahan as one <optgroup> per kecamatan: kecamatan first, then kelurahan, without JavaScript."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for kecamatan, villages in groupby(self.queryset, key=attrgetter("parent")):
            yield (
                _("Kecamatan %(name)s") % {"name": kecamatan.name},
                [self.choice(village) for village in villages],
            )


class KelurahanField(forms.ModelChoiceField):
    iterator = KelurahanChoices

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Kelurahan"))
        kwargs.setdefault("empty_label", _("Choose your kelurahan"))
        kwargs.setdefault("help_text", _("Where you live. The list is ordered by kecamatan."))
        kwargs.setdefault("error_messages", {"invalid_choice": _("Choose your kelurahan from the list.")})
        super().__init__(queryset=selectors.kelurahan_for_sign_up(), **kwargs)


def full_name_field():
    return SingleLineCharField(
        label=_("Full name"),
        max_length=150,
        help_text=_("As it should appear on your certificates."),
        widget=forms.TextInput(attrs={"autocomplete": "name", "autocapitalize": "words"}),
        error_messages={"required": _("Enter your full name.")},
    )


def email_field():
    # One of e-mail and phone is needed, as their fieldset says (accounts/includes/contact_fields.html),
    # so neither is marked "(optional)".
    return without_optional_marker(
        forms.EmailField(
            label=_("Email address"),
            required=False,
            widget=forms.EmailInput(attrs={"autocomplete": "email", "autocapitalize": "none", "spellcheck": "false"}),
            error_messages={"invalid": _("Enter an email address like nama@contoh.id.")},
        )
    )


def phone_field():
    return without_optional_marker(
        SingleLineCharField(
            label=_("Mobile number"),
            required=False,
            max_length=30,
            help_text=_("For example 0812 3456 7890."),
            widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
        )
    )


def new_password_field():
    return forms.CharField(
        label=_("Password"),
        strip=False,
        help_text=_("At least 8 characters. Not only numbers, and not an easy word like your name."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Choose a password.")},
    )


def password_confirm_field():
    return forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Type the same password again.")},
    )


def current_password_field(**kwargs):
    """The account's own password, asked again before a change that could hand the account over."""
    kwargs.setdefault("label", _("Your current password"))
    return forms.CharField(
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Type your current password.")},
        **kwargs,
    )


def current_password_check(form, *, missing):
    """Ask `form`'s "password" field for the current password; `missing` says why it is needed.

    A wrong one counts in the log-in lock-out (accounts.lockout.password_confirm).
    """
    password = form.cleaned_data.get("password")
    if not password:
        form.add_error("password", missing)
    elif not password_confirm(request=form.request, password=password):
        form.add_error("password", _("This is not your current password. Nothing was saved."))


class ServiceErrorsMixin:
    def add_service_errors(self, error):
        """Show a service's refusal next to the field it names (at the top when the form has no such field)."""
        for field, messages in error.update_error_dict({}).items():
            self.add_error(field if field in self.fields else None, messages)


class ContactMixin:
    """E-mail and phone: normalised, at least one of them, and neither used by another account."""

    account = None  # the account being edited, if any

    def clean_email(self):
        return normalise_email(self.cleaned_data.get("email"))

    def clean_phone(self):
        phone = self.cleaned_data.get("phone", "").strip()
        return normalise_phone(phone) if phone else ""

    def clean_contact(self):
        email, phone = self.cleaned_data.get("email"), self.cleaned_data.get("phone")
        if "email" in self.errors or "phone" in self.errors:
            return
        try:
            validate_contact_given(email, phone)
            validate_contact_free(email=email, phone=phone, user=self.account)
        except ValidationError as error:
            self.add_error(None, error)


class SignUpForm(ServiceErrorsMixin, ContactMixin, forms.Form):
    full_name = full_name_field()
    email = email_field()
    phone = phone_field()
    password = new_password_field()
    password_confirm = password_confirm_field()
    kelurahan = KelurahanField(error_messages={"required": _("Choose your kelurahan.")})
    gender = forms.ChoiceField(
        label=_("Gender"),
        required=False,
        choices=[("", _("Prefer not to say")), *LearnerProfile.Gender.choices],
    )
    birth_year = forms.IntegerField(
        label=_("Birth year"),
        required=False,
        help_text=_("For example 1985."),
        validators=[MinValueValidator(1900), validate_birth_year_not_in_future],
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "bday-year", "maxlength": "4", "size": "4"}
        ),
        error_messages={"invalid": _("Enter the year as four digits, for example 1985.")},
    )
    guardian_name = SingleLineCharField(
        label=_("Parent's or guardian's name"),
        required=False,
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    guardian_consent = forms.BooleanField(
        label=_("My parent or guardian has read the privacy notice and agrees to my signing up."),
        required=False,
    )
    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that Sekolah Warga keeps and uses my data as it describes."),
        error_messages={"required": _("To sign up, agree to the privacy notice.")},
    )

    def clean(self):
        cleaned = super().clean()
        self.clean_contact()
        password, again = cleaned.get("password"), cleaned.get("password_confirm")
        if password and again and password != again:
            self.add_error("password_confirm", _("The two passwords are not the same. Type them again."))
        elif password:
            person = get_user_model()(
                first_name=cleaned.get("full_name", ""), email=cleaned.get("email"), phone=cleaned.get("phone")
            )
            try:
                password_validation.validate_password(password, person)
            except ValidationError as error:
                self.add_error("password", error)
        if "birth_year" not in self.errors:
            try:
                validate_guardian_consent(
                    birth_year=cleaned.get("birth_year"),
                    guardian_name=cleaned.get("guardian_name"),
                    guardian_consent_given=cleaned.get("guardian_consent"),
                )
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned

    def service_arguments(self):
        data = self.cleaned_data
        return {
            "full_name": data["full_name"],
            "password": data["password"],
            "kelurahan": data["kelurahan"],
            "email": data["email"],
            "phone": data["phone"],
            "gender": data["gender"],
            "birth_year": data["birth_year"],
            "consent_given": data["consent"],
            "guardian_name": data["guardian_name"],
            "guardian_consent_given": data["guardian_consent"],
        }


class ProfileForm(ServiceErrorsMixin, ContactMixin, forms.Form):
    """The resident's own details. A new e-mail or phone needs the current password.

    The e-mail and phone are what the account logs in with and where a password reset goes:
    whoever could change them from a stolen session could then take the account over. A wrong
    password counts in the log-in lock-out (accounts.lockout.password_confirm).
    """

    full_name = full_name_field()
    email = email_field()
    phone = phone_field()
    kelurahan = KelurahanField(error_messages={"required": _("Choose your kelurahan.")})
    password = without_optional_marker(
        current_password_field(
            required=False,
            help_text=_("Needed only when you change your email address or mobile number."),
        )
    )

    def __init__(self, *args, request, profile, **kwargs):
        self.request = request
        user = self.account = request.user
        kwargs.setdefault(
            "initial",
            {
                "full_name": user.get_full_name(),
                "email": user.email or "",
                # As residents write it and as the hint says (0812 3456 7890), not as stored (+62…).
                "phone": phone_national(user.phone),
                "kelurahan": profile.kelurahan_id,
            },
        )
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        self.clean_contact()
        if self.contact_changes():
            self.clean_current_password()
        return cleaned

    def contact_changes(self):
        """Whether the e-mail or phone typed differs from the account's (a field in error was surely changed)."""
        return any(
            field in self.errors or (self.cleaned_data.get(field) or "") != (getattr(self.account, field) or "")
            for field in ("email", "phone")
        )

    def clean_current_password(self):
        current_password_check(
            self, missing=_("To change your email address or mobile number, type your current password.")
        )


class LoginForm(auth_forms.AuthenticationForm):
    """Django's log-in form, asking for whatever the resident signed up with."""

    username = auth_forms.UsernameField(
        label=_("Email, mobile number or username"),
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}
        ),
        error_messages={"required": _("Enter your email address or mobile number.")},
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password.")},
    )
    error_messages = {
        "invalid_login": _("The email, mobile number or password is not right. Check them and try again."),
        "inactive": _("This account is switched off. Ask your facilitator or the kelurahan staff for help."),
    }


class AdminLoginForm(WagtailLoginForm):
    """Wagtail's admin log-in form (settings.WAGTAILADMIN_USER_LOGIN_FORM), with a translated password label.

    Wagtail's form declares its password field without a label, so Django spells out the field's
    name, "Password", in English whatever the admin's language.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")


class AdminNameEmailForm(WagtailNameEmailForm):
    """The admin account page's name and e-mail (accounts.views.AdminAccountView): a new e-mail needs the password.

    A password reset goes to that address, so from a stolen session it would hand the account over.
    """

    password = current_password_field(required=False, help_text=_("Needed only when you change your email address."))

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean(self):
        cleaned = super().clean()
        if "email" in self.fields and self.email_changes():
            current_password_check(self, missing=_("To change your email address, type your current password."))
        return cleaned

    def email_changes(self):
        # Compared with the database: Wagtail's page validates these forms again to show their
        # errors, and by then the first round has written the new address into request.user.
        stored = get_user_model()._default_manager.filter(pk=self.instance.pk).values_list("email", flat=True)
        return "email" in self.errors or (self.cleaned_data.get("email") or "") != (stored.first() or "")


class AdminPasswordChangeForm(WagtailPasswordChangeForm):
    """The admin account page's password change: a wrong old password counts in the log-in lock-out."""

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_old_password(self):
        old_password = self.cleaned_data.get("old_password")
        if not old_password:
            raise ValidationError(_("Type your current password."), code="required")
        if not password_confirm(request=self.request, password=old_password):
            raise ValidationError(self.error_messages["password_incorrect"], code="password_incorrect")
        return old_password


class PasswordResetForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autocapitalize": "none", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter the email address of your account."),
            "invalid": _("Enter an email address like nama@contoh.id."),
        },
    )

    def get_users(self, email):
        """The active account with this address, also when it has no password yet.

        Django's form skips accounts without a usable password. Ours include residents a
        facilitator enrolled from a class roster, who may have lost their invitation e-mail:
        the reset link in their own mailbox is how they set their first password.
        """
        email = normalise_email(email)
        return get_user_model()._default_manager.filter(email=email, is_active=True)


class SetPasswordForm(auth_forms.SetPasswordForm):
    """Django's form for the new password, with our labels."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password1"].help_text = SignUpForm.base_fields["password"].help_text
        self.fields["new_password2"].label = _("New password again")


class InvitationCodeForm(forms.Form):
    """/akun/aktifkan/: the code from the facilitator's sheet or the invitation e-mail, as typed."""

    kode = SingleLineCharField(
        label=_("Your code"),
        max_length=40,
        help_text=_("10 letters and numbers, as on your paper or in your email, for example 34679-ACDEF."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
        error_messages={"required": _("Type the code your facilitator gave you.")},
    )

    def clean_kode(self):
        code = invitations.code_normalise(self.cleaned_data["kode"])
        if not invitations.code_is_well_formed(code):
            raise ValidationError(
                _("A code has 10 letters and numbers, for example 34679-ACDEF. Check it and type it again."),
                code="malformed_code",
            )
        return code


class InvitationPasswordForm(ServiceErrorsMixin, forms.Form):
    """/akun/aktifkan/<code>/: the resident's password, and their own consent when the code asks for it."""

    password = new_password_field()
    password_confirm = password_confirm_field()
    consent = forms.BooleanField(
        label=SignUpForm.base_fields["consent"].label,
        error_messages={"required": _("To activate your account, agree to the privacy notice.")},
    )

    def __init__(self, *args, user, needs_consent, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not needs_consent:
            del self.fields["consent"]

    def clean(self):
        cleaned = super().clean()
        password, again = cleaned.get("password"), cleaned.get("password_confirm")
        if password and again and password != again:
            self.add_error("password_confirm", _("The two passwords are not the same. Type them again."))
        elif password:
            try:
                password_validation.validate_password(password, self.user)
            except ValidationError as error:
                self.add_error("password", error)
        return cleaned

    def service_arguments(self):
        data = self.cleaned_data
        return {
            "password": data["password"],
            "password_confirm": data["password_confirm"],
            "consent_given": data.get("consent", False),
        }
