import os

from django.core.cache import caches
from django.core.management.base import BaseCommand, CommandError

from lms.backups import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore an archive made by `manage.py backup`: the database named by DATABASE_URL (PostgreSQL) and the "
        "contents of MEDIA_ROOT and PRIVATE_MEDIA_ROOT become exactly the archive's, then the caches are emptied. "
        "When the database has tables or those folders hold files, everything in them is replaced: say so "
        "with RESTORE_CONFIRM=yes in the environment. Stop the web and worker processes first."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The archive, e.g. backups/sekolah-warga-20261127T013000Z.tar.gz")

    def handle(self, *args, file, **options):
        try:
            result = backup_restore(path=file, overwrite=os.environ.get("RESTORE_CONFIRM") == "yes")
        except BackupError as error:
            raise CommandError(str(error)) from None
        files = ", ".join(f"{count} file(s) in {folder}/" for folder, count in result.files.items())
        self.stdout.write(self.style.SUCCESS(f"Restored {file} into the database {result.database} ({files})."))
        # Cached pages, routes and sessions describe the database as it was before the restore.
        try:
            for cache in caches.all():
                cache.clear()
        except Exception as error:  # noqa: BLE001 - the restore itself succeeded
            self.stderr.write(f"The caches could not be emptied ({error}): empty them (CACHE_URL) by hand.")
        self.stdout.write(
            "Next: `manage.py migrate` if this code is newer than the backup, then start the web and worker processes."
        )
