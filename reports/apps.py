from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Reading across the other apps for government staff and the public: completion records, their
    exports, the learner record, the admin dashboard and the open data. Nobody imports this app."""

    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from django.db.models.signals import post_delete

        from privacy.signals import resident_erased
        from reports.models import ReportExport
        from reports.receivers import (
            export_access_log_forget,
            export_file_delete,
            exports_of_erased_resident_delete,
        )

        post_delete.connect(export_file_delete, sender=ReportExport, dispatch_uid="reports-export-file-delete")
        post_delete.connect(
            export_access_log_forget, sender=ReportExport, dispatch_uid="reports-export-access-log-forget"
        )
        resident_erased.connect(exports_of_erased_resident_delete, dispatch_uid="reports-exports-of-erased-resident")
