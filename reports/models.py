"""Large exports of the completion records, built by a Celery job (reports.services, reports.tasks)."""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _


def export_storage():
    # Exports hold personal data: they live with the certificates, apart from the public media files,
    # and are only served to the person who asked for them (reports.completion_records_views).
    return storages["certificates"]


class ReportExport(models.Model):
    """A spreadsheet of completion records too large to build while the person waits.

    It keeps the report's filters and search as they were asked for (the query string), and is built
    for the person who asked, with their scope at the time it runs.
    """

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.CASCADE, related_name="+"
    )
    query_string = models.TextField(_("filters"), blank=True)
    language = models.CharField(_("language"), max_length=10)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    total_rows = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    rows_done = models.PositiveIntegerField(_("rows written"), default=0)
    file = models.FileField(_("file"), storage=export_storage, upload_to="exports/", max_length=200, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed at"), null=True, blank=True)
    failure_reason = models.TextField(_("why it failed"), blank=True)

    class Meta:
        verbose_name = _("report export")
        verbose_name_plural = _("report exports")

    def __str__(self):
        return f"{self.requested_by} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_running(self):
        return self.finished_at is None and self.failed_at is None

    @property
    def file_name(self):
        return f"catatan-kelulusan-{self.pk}.xlsx"
