"""Kelurahan staff: people of a kelurahan office (or a kecamatan's) who act in participation there only.

Government staff give the role (participation.kelurahan_staff). An assignment names one kelurahan or one
kecamatan (then every kelurahan in it); a withdrawn assignment is kept, with who withdrew it and when,
so the record says who could act where at any time. What a person may reach follows from the
assignments still in force: participation.scope.kelurahan_scope is the one place that reads them.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The group whose permissions kelurahan staff work with (participation.kelurahan_staff makes it).
KELURAHAN_STAFF_GROUP = "Staf kelurahan"


class KelurahanStaffAssignment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.CASCADE,
        related_name="kelurahan_assignments",
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("kelurahan or kecamatan"),
        on_delete=models.PROTECT,
        limit_choices_to={"level__in": ["village", "district"]},
        related_name="+",
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("kelurahan staff assignment")
        verbose_name_plural = _("kelurahan staff")
        ordering = ["-granted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "region"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_assignment_in_force_per_user_and_region",
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.region}"
