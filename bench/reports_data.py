"""The reports benchmark's work inside Django: the million enrolments, a staff session, the export's SQL.

Run by bench/bench_reports.py in its own process, with ``DJANGO_SETTINGS_MODULE=bench.settings`` and the
benchmark's own database:

    python bench/reports_data.py prepare ENROLMENTS OUT.json

It migrates, collects the static files, makes the bulk data with ``manage.py seed_bulk --enrolments
ENROLMENTS`` unless the database already holds them (seeding a million takes minutes: a second run
reuses them), logs in the demo's government staff account (``pemkot``) as a session, and writes what
the CSV export sends to the database, for psql to send the same: the COPY statement as the report's view
builds it for that account (in the account's admin language, parameters bound), the settings of the
web worker's database session, and the SET LOCAL statements the export runs before its COPY
(reports.completion_records.planned_as_written).
"""

import json
import os
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent

STAFF_USERNAME = "pemkot"
EXPORT_PATH = "/admin/laporan/kelulusan/?export=csv"


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
    from reports.completion_records_filters import completion_records_filtered
    from reports.completion_records_views import CompletionRecordsReportView
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
    # The admin's own floor, for reference: a page of the same admin with nothing but a paragraph in
    # its frame (a finished export's page: two small queries of its own).
    floor, _created = ReportExport.objects.get_or_create(
        requested_by=staff,
        query_string="status=completed",
        defaults={"language": "id", "total_rows": 0, "finished_at": timezone.now()},
    )
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
        "export_path": EXPORT_PATH,
        "admin_floor_path": f"/admin/laporan/ekspor/{floor.pk}/",
        **export_sql(staff),
        "page_select": page_select,
    }


def export_sql(staff) -> dict:
    """What the CSV export sends to the database for `staff`, taken from the export's own code.

    The report's view builds its rows for a request of EXPORT_PATH, in the account's admin language and
    time zone as Wagtail's admin runs it (the certificate status is written in words of that language),
    and reports.exports.copy_statement() makes them the COPY statement that csv_chunks() sends; its
    parameters are bound as the export's cursor binds them. The settings: those of a database session
    of this Django (the web worker's are the same: same settings, same database) that the client set
    (client_encoding, TimeZone …), and the SET LOCAL statements the export runs in its transaction before
    the COPY, as reports.completion_records.planned_as_written() sends them.
    """
    from django.db import connection
    from django.http import HttpResponse
    from django.test import RequestFactory
    from wagtail.admin.localization import get_localized_response

    from reports.completion_records import export_rows, planned_as_written
    from reports.completion_records_views import CompletionRecordsReportView
    from reports.exports import copy_statement

    found = {}

    def view(request):
        report = CompletionRecordsReportView()
        report.setup(request)
        statement, params = copy_statement(export_rows(report.get_queryset()))
        with connection.cursor() as cursor:
            found["copy"] = cursor.cursor.mogrify(statement, params)
        return HttpResponse()

    request = RequestFactory().get(EXPORT_PATH)
    request.user = staff
    get_localized_response(view, request)

    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, setting FROM pg_settings WHERE source IN ('client', 'session') "
            "AND name <> 'application_name' ORDER BY name"
        )
        session = cursor.fetchall()
    sent = []

    def record(execute, sql, params, many, context):
        sent.append(sql if not params else context["cursor"].cursor.mogrify(sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record), planned_as_written():
        pass
    return {"copy": found["copy"], "session_settings": session, "export_sets": sent}


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
