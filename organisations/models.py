from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The government's own groups (organisations.services makes them): they oversee every organisation.
REVIEWERS_GROUP = "Peninjau konten"
GOVERNMENT_STAFF_GROUP = "Pemkot"


class Organisation(models.Model):
    """Who owns courses and runs classes: an NGO, a government unit or a community group."""

    class Kind(models.TextChoices):
        NGO = "ngo", _("NGO")
        GOVERNMENT = "government", _("Government unit")
        COMMUNITY = "community", _("Community group")

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    # The groups through which its members get their permissions (organisations.services).
    authors_group = models.OneToOneField(
        "auth.Group", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    facilitators_group = models.OneToOneField(
        "auth.Group", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    # Its authors' images and documents: other organisations' authors neither see nor change them.
    collection = models.OneToOneField(
        "wagtailcore.Collection", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A user working for an organisation, as an author of its courses, a facilitator of its classes, or both."""

    class Role(models.TextChoices):
        AUTHOR = "author", _("Author")
        FACILITATOR = "facilitator", _("Facilitator")
        BOTH = "both", _("Author and facilitator")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_organisation")
        ]

    def __str__(self):
        return f"{self.user} · {self.organisation} ({self.get_role_display()})"

    @property
    def is_author(self):
        return self.role in AUTHOR_ROLES

    @property
    def is_facilitator(self):
        return self.role in FACILITATOR_ROLES


AUTHOR_ROLES = (Membership.Role.AUTHOR, Membership.Role.BOTH)
FACILITATOR_ROLES = (Membership.Role.FACILITATOR, Membership.Role.BOTH)
