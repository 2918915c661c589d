from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from demo.bulk import BulkDataError, bulk_data_replace


class Command(BaseCommand):
    help = (
        "Benchmark data: make the bulk data hold exactly N enrolments, on top of the demo site (built first "
        "if the database is empty). The previous bulk data (accounts named bulk-…, classes named 'Kelas bulk …') "
        "is removed first; twelve bulk courses of four modules are added once and kept. About N/3 residents "
        "with 1-5 enrolments each over the 15 courses, in Balikpapan's 34 kelurahan; one class per 200 "
        "enrolments with 4 meetings, 60% of enrolments in a class, attendance at 0-4 meetings; enrolled over "
        "the last 24 months, 40% completed, module progress and best quiz scores; a certificate with one "
        "version per completed enrolment, 1% revoked. No certificate PDFs are rendered: every version names "
        "the placeholder certificates/bulk.pdf. PostgreSQL: binary COPY in one transaction (foreign keys "
        "dropped and re-added, checked in one pass), then VACUUM ANALYZE; about two minutes for 1,000,000. "
        "SQLite: plain INSERTs, for small N only. Same --seed, same day: the same rows. See demo/bulk.py."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enrolments", type=int, required=True, help="How many bulk enrolments to hold (0 removes them)."
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed: the same seed gives the same data.")
        parser.add_argument(
            "--disposable-database",
            action="store_true",
            help="Required: confirms the database holds nothing but demo and benchmark data. The load locks "
            "the tables it fills (accounts included) for minutes and publishes twelve made-up courses.",
        )

    def handle(self, *args, enrolments, seed=1, disposable_database=False, **options):
        if not disposable_database:
            raise CommandError(
                "seed_bulk fills a database with a million made-up residents and locks its tables while it "
                "does: run it only on a database made for benchmarks, and say so with --disposable-database."
            )
        if not settings.DEMO_CONTENT_ALLOWED:
            raise CommandError(
                "seed_bulk is refused under these settings: it builds the demo site, whose accounts have a "
                "published password, and fills the database with made-up residents."
            )
        if enrolments < 0:
            raise CommandError("--enrolments must be 0 or more.")
        call_command("seed_demo", "--if-empty", stdout=self.stdout, stderr=self.stderr)
        try:
            result = bulk_data_replace(enrolments=enrolments, seed=seed, report=self.stdout.write)
        except BulkDataError as error:
            raise CommandError(str(error)) from None
        for table, count in sorted(result.counts.items()):
            self.stdout.write(f"  {table}: {count:,}")
        self.stdout.write(
            self.style.SUCCESS(f"Bulk data: {enrolments:,} enrolments, written in {result.seconds:.1f} s.")
        )
