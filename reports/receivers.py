"""An export's file goes with its record, however the record goes (expired, or with its requester's account)."""


def export_file_delete(sender, instance, **kwargs):
    if instance.file:
        instance.file.delete(save=False)
