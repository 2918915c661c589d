"""What the residents' data rights need kept here: who opened their records.

Their consents over time are kept with their accounts (accounts.models.ConsentRecord).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RecordAccess(models.Model):
    """Staff or a facilitator read a resident's record: opened their learner record, or exported
    rows that include them. The resident sees these in their data download (UU 27/2022)."""

    class Action(models.TextChoices):
        LEARNER_RECORD = "learner-record", _("Opened the learner record")
        EXPORT = "export", _("Exported the completion records")

    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("resident"), on_delete=models.CASCADE, related_name="+"
    )
    # SET_NULL: a staff account deleted later must not take the residents' log with it.
    accessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessed_at = models.DateTimeField(_("when"), db_index=True)
    action = models.CharField(_("what"), max_length=20, choices=Action.choices)
    # A worker-built export (reports.ReportExport), so that its file goes when a resident in it deletes
    # their account: reports finds it here when the erasure is announced (privacy.signals). An id, not a
    # foreign key: privacy is below reports. Reports clears it when the export goes (reports.receivers).
    export_id = models.BigIntegerField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("record access")
        verbose_name_plural = _("record accesses")
        indexes = [models.Index(fields=["resident", "accessed_at"], name="record_access_by_resident")]

    def __str__(self):
        return f"{self.resident_id} · {self.get_action_display()} · {self.accessed_at:%Y-%m-%d %H:%M}"
