"""End to end with a real Celery worker on the broker: a large XLSX export is built while its page waits."""

import io

from openpyxl import load_workbook

from reports.models import ReportExport
from tests.celery_worker import WORKER_ON_THE_DATABASE, worker_caught_up, worker_on_the_database
from tests.reports import records_fixtures

world = records_fixtures.world
records = records_fixtures.records

pytestmark = WORKER_ON_THE_DATABASE


def test_a_worker_builds_the_large_export_and_its_page_offers_the_file(
    wagtail_root, client, records, settings, tmp_path
):
    settings.REPORT_XLSX_INLINE_MAX_ROWS = 2
    client.force_login(records["users"]["government"])
    with worker_on_the_database(tmp_path) as queue:
        response = client.get("/admin/laporan/kelulusan/?export=xlsx&kecamatan=6471010")
        assert response.status_code == 302
        assert worker_caught_up(queue)  # the export's task has run

    export = ReportExport.objects.get()
    assert export.finished_at is not None, export.failure_reason
    assert (export.total_rows, export.rows_done) == (3, 3)
    page = client.get(response["Location"]).content.decode()
    assert f"/admin/laporan/ekspor/{export.pk}/unduh/" in page
    download = client.get(f"/admin/laporan/ekspor/{export.pk}/unduh/")
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content)), read_only=True).active
    names = sorted(row[0] for row in sheet.iter_rows(min_row=2, values_only=True))
    assert names == ["Ani Wulandari", "Budi Santoso", "Dedi Kurniawan"]  # Citra lives in Balikpapan Kota
