"""An export's file goes with its record, however the record goes (expired, or with its requester's account)."""

from django.db import transaction


def export_file_delete(sender, instance, **kwargs):
    # Once the deletion commits: a deletion rolled back (an account erasure that failed) keeps its file.
    if instance.file:
        file = instance.file
        transaction.on_commit(lambda: file.storage.delete(file.name))
