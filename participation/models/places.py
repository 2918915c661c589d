"""What a forum meeting and a forum schedule share: the kinds of forum, and the venue's position (shown as an
OpenStreetMap link, never a map script)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class ForumKind(models.TextChoices):
    MONTHLY = "musyawarah", _("Monthly kelurahan forum")
    MUSRENBANG = "musrenbang", _("Musrenbang kelurahan")


def latitude_field(**options):
    return models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        **options,
    )


def longitude_field(**options):
    return models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        **options,
    )
