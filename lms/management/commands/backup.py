from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lms.backups import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the PostgreSQL database (pg_dump --format=custom) and the files in MEDIA_ROOT and "
        "PRIVATE_MEDIA_ROOT into one archive, sekolah-warga-<UTC time>.tar.gz, in BACKUP_DIR (default: backups/). "
        "The archive holds personal data: it is readable by its owner only. See lms/backups.py."
    )

    def add_arguments(self, parser):
        parser.add_argument("--directory", help="Where to write the archive (default: the BACKUP_DIR setting).")

    def handle(self, *args, directory=None, **options):
        try:
            path = backup_create(directory=directory or settings.BACKUP_DIR)
        except BackupError as error:
            raise CommandError(str(error)) from None
        size_mb = path.stat().st_size / 1024 / 1024
        self.stdout.write(self.style.SUCCESS(f"Backup written: {path} ({size_mb:,.1f} MB)."))
