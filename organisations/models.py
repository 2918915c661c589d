from django.db import models
from django.utils.translation import gettext_lazy as _


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

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name
