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
        # The index is declared in Meta: a foreign key's own index on a text column comes with a second
        # one for LIKE (varchar_pattern_ops), and nothing looks regions up by the start of a parent code.
        db_index=False,
    )

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]
        indexes = [
            models.Index(fields=["level", "name"]),  # a level's regions by name (kelurahan choices)
            models.Index(fields=["parent"]),  # children, and the check that a deleted region has none
        ]

    def __str__(self):
        return self.name


class KelurahanOffice(models.Model):
    """Where a kelurahan's office is and when it is open: the reset page sends phone-only residents there.

    A resident who signed up with a phone number only gets back in with a one-time code that staff at
    the counter give after checking who they are (participation.counter_reset). The office lives here,
    beside its kelurahan, because the public password-reset page (accounts) lists the offices and
    accounts may import only what is below it; government staff keep every office and kelurahan staff
    their own (participation.office_admin).
    """

    kelurahan = models.OneToOneField(
        Region,
        verbose_name=_("kelurahan"),
        on_delete=models.CASCADE,
        limit_choices_to={"level": Region.Level.VILLAGE},
        related_name="office",
    )
    name = models.CharField(_("name"), max_length=150, help_text=_("For example Kantor Kelurahan Gunung Bahagia."))
    address = models.TextField(_("address"))
    opening_hours = models.TextField(
        _("opening hours"),
        help_text=_("The days and hours residents can come, for example Senin–Jumat 08.00–15.00 WITA."),
    )
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    email = models.EmailField(_("email address"), blank=True)

    class Meta:
        verbose_name = _("kelurahan office")
        verbose_name_plural = _("kelurahan offices")
        ordering = ["kelurahan__name"]

    def __str__(self):
        return self.name
