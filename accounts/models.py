from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.utils import get_user_display_name
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from accounts.validators import validate_birth_year_not_in_future, validate_guardian_consent
from core.text import clean_single_line


class User(AbstractUser):
    """An account: a resident, an NGO partner or a member of government staff.

    Many residents have a phone number and no e-mail address, so either may be missing,
    but each one that is given belongs to one account only. Both are stored normalised
    (e-mail in lower case, phone as +62…) so that uniqueness means what people expect.
    Residents' full names are kept whole in ``first_name``: many Indonesians have a
    single name, and splitting a name into first and last would be wrong for them.
    """

    email = models.EmailField(_("email address"), blank=True, null=True, unique=True)
    phone = models.CharField(_("phone number"), max_length=20, blank=True, null=True, unique=True)
    # Set when the resident deleted their account (privacy.services.erase_resident): the row stays
    # so that anonymous counts still add up, with nothing left in it that says who they were.
    erased_at = models.DateTimeField(_("account deleted at"), null=True, blank=True, editable=False)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    def save(self, *args, **kwargs):
        # The name is printed on certificates: whichever way it arrives (our forms, Wagtail's user
        # forms, a service, a shell), it is stored without bidirectional overrides or controls.
        self.first_name = clean_single_line(self.first_name or "")
        self.last_name = clean_single_line(self.last_name or "")
        # Forms give "" for an empty field; NULL keeps many contact-less accounts unique.
        self.email = self.email.strip().lower() if self.email else None
        self.phone = self.phone or None
        super().save(*args, **kwargs)


class LearnerProfile(models.Model):
    """What a resident tells us when signing up, and nothing more (UU 27/2022: minimal data).

    The kelurahan places the resident in classes and in the per-kelurahan figures; gender
    and birth year are optional and only feed the disaggregated figures programmes report.
    Consent is recorded with the version of the privacy notice it was given to. Residents
    under 18 also need a parent's or guardian's consent (UU 27/2022 Pasal 25). No NIK.
    """

    class Gender(models.TextChoices):
        FEMALE = "perempuan", _("Female")
        MALE = "laki-laki", _("Male")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="learner_profile",
    )
    kelurahan = models.ForeignKey(
        "regions.Region",
        verbose_name=_("kelurahan"),
        on_delete=models.PROTECT,
        limit_choices_to={"level": "village"},
        related_name="learner_profiles",
    )
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), validate_birth_year_not_in_future],
    )
    consent_given_at = models.DateTimeField(_("consent given at"))
    privacy_notice_version = models.CharField(_("privacy notice version"), max_length=20)
    # Set when a facilitator enrolled the resident from a class roster: consent was given on the
    # class's paper form, and the resident confirms it themselves when activating the account.
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("consent recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    guardian_name = models.CharField(_("parent's or guardian's name"), max_length=150, blank=True)
    guardian_consent_at = models.DateTimeField(_("parent's or guardian's consent given at"), null=True, blank=True)

    class Meta:
        verbose_name = _("learner profile")
        verbose_name_plural = _("learner profiles")

    def __str__(self):
        return get_user_display_name(self.user)

    def clean(self):
        # A blank birth year asks for nothing: the resident chose not to say.
        validate_guardian_consent(
            birth_year=self.birth_year,
            guardian_name=self.guardian_name,
            guardian_consent_given=self.guardian_consent_at is not None,
        )


class AccountInvitation(models.Model):
    """A one-time code with which a resident sets a password on an account made for them.

    Facilitators enrol residents from a class roster; those new accounts have no password
    until the resident chooses one with an invitation (by e-mail, or a code on a printed sheet),
    and a phone-only learner who forgot their password gets a reset code from the facilitator.
    Only the code's SHA-256 digest is stored: the code is shown once, on the sheet or in the
    e-mail, and nobody can read it back from the database. See accounts.invitations.
    """

    class Kind(models.TextChoices):
        ACTIVATION = "activation", _("First password")
        PASSWORD_RESET = "password-reset", _("Password reset")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    code_digest = models.CharField(_("code digest"), max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("account invitation")
        verbose_name_plural = _("account invitations")
        indexes = [models.Index(fields=["user", "kind"], name="accounts_invitation_user_kind")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.user}"


class ConsentRecord(models.Model):
    """One consent given or withdrawn, kept as it happened (the learner profile holds only the latest).

    Kinds: the privacy notice, agreed to at sign-up, at activation and again for each new version;
    and the optional data (gender, birth year), whose withdrawal erases them (privacy.services).
    """

    class Kind(models.TextChoices):
        PRIVACY_NOTICE = "privacy-notice", _("Privacy notice")
        OPTIONAL_DATA = "optional-data", _("Optional data (gender, birth year)")

    class Action(models.TextChoices):
        GIVEN = "given", _("Given")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("resident"), on_delete=models.CASCADE, related_name="consents"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices, default=Action.GIVEN)
    notice_version = models.CharField(_("privacy notice version"), max_length=20)
    at = models.DateTimeField(_("at"))
    # A facilitator who recorded a consent given on a class's paper form.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["user", "at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.get_action_display()} · {self.at:%Y-%m-%d}"


@register_setting(icon="lock")
class PrivacyNoticeSettings(BaseSiteSetting):
    """Which page is the privacy notice residents read before they agree to it (Settings → Privacy notice).

    Chosen per site in the admin, so the notice can move or be replaced without a release. Read it
    with accounts.selectors.privacy_notice_url. The version residents agree to stays a setting
    (PRIVACY_NOTICE_VERSION): changing the page's text is not by itself a new version to agree to.
    """

    privacy_notice_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The page that tells residents what Sekolah Warga keeps about them, why, and their rights. Sign-up, "
            "account activation, the profile and the data pages link to it; with no page chosen they show no link."
        ),
    )

    select_related = ["privacy_notice_page"]
    panels = [FieldPanel("privacy_notice_page")]

    class Meta:
        verbose_name = _("privacy notice")
        verbose_name_plural = _("privacy notices")
