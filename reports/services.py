"""Changes made by the reports: asking for a large export, building it, and clearing old ones."""

import datetime
import tempfile

from django.core.files import File
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone, translation

from accounts.signals import resident_records_exported
from reports.completion_records_filters import completion_records_filtered
from reports.exports import write_xlsx
from reports.models import ReportExport

# A second request for the same export while the first runs joins it (a double click, a reload).
RUNNING_EXPORT_WINDOW = datetime.timedelta(hours=1)


def report_export_request(*, user, query_string, language):
    """Record the export and hand it to a worker once the transaction commits; or, when the same person
    asked for the same rows less than an hour ago and that export is still running, give that one."""
    from reports.tasks import report_export_task

    running = ReportExport.objects.filter(
        requested_by=user,
        query_string=query_string,
        language=language,
        finished_at__isnull=True,
        failed_at__isnull=True,
        created_at__gte=timezone.now() - RUNNING_EXPORT_WINDOW,
    ).first()
    if running:
        return running
    export = ReportExport.objects.create(requested_by=user, query_string=query_string, language=language)
    transaction.on_commit(lambda: report_export_task.delay(export.pk))
    return export


def report_export_run(*, export_id):
    """Build the export's XLSX file; running it again (a retry, a lost worker) builds it again whole.

    The rows are those the person who asked may read when it runs, with the filters they chose.
    """
    export = ReportExport.objects.select_related("requested_by").filter(pk=export_id).first()
    if export is None or export.finished_at:  # deleted before it ran (see below), or done already
        return export
    with translation.override(export.language):
        queryset = completion_records_filtered(viewer=export.requested_by, params=QueryDict(export.query_string))
        total = queryset.count()
        ReportExport.objects.filter(pk=export.pk).update(total_rows=total, rows_done=0, failed_at=None)

        def progress(done):
            ReportExport.objects.filter(pk=export.pk).update(rows_done=done)

        with tempfile.TemporaryFile() as output:
            write_xlsx(queryset, output, progress=progress)
            output.seek(0)
            # A fixed name: a second run replaces the file of a first that died before finishing.
            export.file.save(export.file_name, File(output), save=False)
    with transaction.atomic():
        # Gone meanwhile (a resident's account erasure deletes unfinished exports, which may hold them):
        # so goes the file just written.
        if not list(ReportExport.objects.select_for_update().filter(pk=export.pk).values_list("pk", flat=True)):
            file = export.file
            transaction.on_commit(lambda: file.storage.delete(file.name))
            return None
        # Logged with its id: a run again after a lost worker logs again only what it wrote this time.
        resident_records_exported.send(
            sender=ReportExport, viewer=export.requested_by, rows=queryset, export_id=export.pk
        )
        ReportExport.objects.filter(pk=export.pk).update(file=export.file.name, finished_at=timezone.now())
    export.refresh_from_db()
    return export


def report_export_failed(*, export_id, reason):
    ReportExport.objects.filter(pk=export_id, finished_at__isnull=True).update(
        failed_at=timezone.now(), failure_reason=reason[:2000]
    )


def report_exports_expire(*, older_than):
    """Delete exports (and their files) asked for more than `older_than` ago: they hold personal data."""
    cutoff = timezone.now() - datetime.timedelta(seconds=older_than)
    expired = list(ReportExport.objects.filter(created_at__lt=cutoff))
    for export in expired:
        export.delete()  # its file goes with it (reports.receivers)
    return len(expired)
