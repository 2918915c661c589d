from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """An Indonesian administrative region, identified by its BPS code.

    Province (2 digits) → regency/city (4) → kecamatan (7) → kelurahan/desa (10).
    """

    class Level(models.TextChoices):
        PROVINCE = "province", _("Province")
        REGENCY = "regency", _("Regency/city")
        DISTRICT = "district", _("Kecamatan")
        VILLAGE = "village", _("Kelurahan/desa")

    code = models.CharField(_("BPS code"), max_length=10, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "name"])]

    def __str__(self):
        return self.name
