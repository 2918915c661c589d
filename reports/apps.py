from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Reading across the other apps for government staff and the public: completion records, their
    exports, the learner record, the admin dashboard and the open data. Nobody imports this app."""

    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from django.db.models.signals import post_delete

        from reports.models import ReportExport
        from reports.receivers import export_file_delete

        post_delete.connect(export_file_delete, sender=ReportExport, dispatch_uid="reports-export-file-delete")
