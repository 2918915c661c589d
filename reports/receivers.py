"""An export's file goes with its record, however the record goes (expired, with its requester's account,
or with the account of a resident in it)."""

from django.db import transaction
from django.db.models import Q

from privacy import services as privacy_services
from privacy.models import RecordAccess
from reports.models import ReportExport


def export_file_delete(sender, instance, **kwargs):
    # Once the deletion commits: a deletion rolled back (an account erasure that failed) keeps its file.
    if instance.file:
        file = instance.file
        transaction.on_commit(lambda: file.storage.delete(file.name))


def export_access_log_forget(sender, instance, **kwargs):
    """The access log of the export stays, without the export (privacy.models.RecordAccess.export_id)."""
    privacy_services.export_forget(export_id=instance.pk)


def exports_of_erased_resident_delete(sender, user, **kwargs):
    """A resident's account is erased (privacy.signals.resident_erased): every export that held them
    (found through the access log, still there) goes, and every export not finished yet (it may be
    writing them now: reports.services checks its record is still there). In one query, so that an
    export finishing meanwhile is either seen unfinished or seen in the log."""
    held = RecordAccess.objects.filter(resident=user, export_id__isnull=False).values("export_id")
    for export in ReportExport.objects.filter(Q(pk__in=held) | Q(finished_at__isnull=True)):
        export.delete()  # its file goes with it, once the erasure commits (export_file_delete)
