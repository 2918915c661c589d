"""The reports benchmark's work inside Django: the million enrolments, a staff session, the export's SQL.

Run by bench/bench_reports.py in its own process, with ``DJANGO_SETTINGS_MODULE=bench.settings`` and the
benchmark's own database:

    python bench/reports_data.py prepare ENROLMENTS OUT.json

It migrates, collects the static files, makes the bulk data with ``manage.py seed_bulk --enrolments
ENROLMENTS`` unless the database already holds them (seeding a million takes minutes: a second run
reuses them), logs in the demo's government staff account (``pemkot``) as a session, and writes the
export's COPY query with its parameters bound, for ``psql \\copy``: the very query the CSV export streams.
"""

import json
import os
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent

STAFF_USERNAME = "pemkot"


def main(argv: list[str]) -> int:
    sys.path[:0] = [str(REPO_ROOT), str(BENCH_DIR)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    command, enrolments, out = argv
    if command != "prepare":
        raise SystemExit(__doc__)
    Path(out).write_text(json.dumps(prepare(int(enrolments))), encoding="utf-8")
    return 0


def prepare(enrolments: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.http import QueryDict
    from django.utils import timezone
    from learning_journey import session_cookies
    from run import migrate

    from courses.models import Enrolment
    from privacy.models import RecordAccess
    from regions.models import Region
    from reports.completion_records import completion_records, export_rows
    from reports.completion_records_filters import completion_records_filtered
    from reports.completion_records_views import CompletionRecordsReportView
    from reports.exports import copy_statement
    from reports.models import ReportExport

    migrate(disposable=True)
    call_command("collectstatic", interactive=False, verbosity=0)  # the production settings' manifest
    if Enrolment.objects.count() < enrolments:
        print(f"    seed_bulk --enrolments {enrolments} (minutes; kept for the next run) …", flush=True)
        call_command("seed_bulk", enrolments=enrolments, disposable_database=True)
    with connection.cursor() as cursor:
        # Each full export logs every resident in it (privacy.RecordAccess): start from an empty log,
        # so that runs do not slow each other down.
        cursor.execute(f"TRUNCATE {RecordAccess._meta.db_table}")
        cursor.execute("ANALYZE")
    staff = get_user_model().objects.get(username=STAFF_USERNAME)
    total = Enrolment.objects.count()

    # The filtered first page: the completed learners of one kecamatan, as a clerk would ask.
    kecamatan = (
        Region.objects.filter(level=Region.Level.DISTRICT, children__learner_profiles__isnull=False)
        .order_by("code")
        .first()
    )
    statement, params = copy_statement(export_rows(completion_records(viewer=staff)))
    with connection.cursor() as cursor:
        bound = cursor.cursor.mogrify(statement, params)
    # The admin's own floor, for reference: a page of the same admin with nothing but a paragraph in
    # its frame (a finished export's page: two small queries of its own).
    floor, _created = ReportExport.objects.get_or_create(
        requested_by=staff,
        query_string="status=completed",
        defaults={"language": "id", "total_rows": 0, "finished_at": timezone.now()},
    )
    select = bound.removeprefix("COPY (").removesuffix(") TO STDOUT WITH (FORMAT csv)")
    # The first filtered page's own query, as the report's view sends it (its rows and one more), for
    # timing the database's share of the page on its own.
    filters = f"kecamatan={kecamatan.code}&status=completed"
    page_size = CompletionRecordsReportView.paginate_by
    page_rows = completion_records_filtered(viewer=staff, params=QueryDict(filters))[: page_size + 1]
    with connection.cursor() as cursor:
        page_select = cursor.cursor.mogrify(*page_rows.query.sql_with_params())
    return {
        "enrolments": total,
        "cookies": session_cookies(staff),
        "report_path": f"/admin/laporan/kelulusan/?{filters}",
        "results_path": f"/admin/laporan/kelulusan/hasil/?{filters}",
        "export_path": "/admin/laporan/kelulusan/?export=csv",
        "admin_floor_path": f"/admin/laporan/ekspor/{floor.pk}/",
        "select": select,
        "page_select": page_select,
    }


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
