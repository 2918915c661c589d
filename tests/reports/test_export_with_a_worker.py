"""End to end with a real Celery worker on the broker: a large XLSX export is built while its page waits."""

import io
import os

import pytest
from celery import Celery
from django.db import connection
from openpyxl import load_workbook

from lms.celery import app
from reports.models import ReportExport
from tests.celery_worker import BROKER_URL, RESULT_BACKEND, celery_worker
from tests.reports import records_fixtures

world = records_fixtures.world
records = records_fixtures.records

pytestmark = [
    pytest.mark.broker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not BROKER_URL, reason="CELERY_BROKER_URL is not set: no broker to run a worker against"),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: a worker process shares it"),
]


def test_a_worker_builds_the_large_export_and_its_page_offers_the_file(
    wagtail_root, client, records, settings, tmp_path
):
    settings.REPORT_XLSX_INLINE_MAX_ROWS = 2
    client.force_login(records["users"]["government"])
    queue = f"test-{os.getpid()}-{tmp_path.name}"
    database = connection.settings_dict
    database_url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    with celery_worker(queue, DATABASE_URL=database_url, PRIVATE_MEDIA_ROOT=str(settings.PRIVATE_MEDIA_ROOT)):
        saved = {name: app.conf[name] for name in ("task_always_eager", "task_default_queue")}
        app.conf.update(task_always_eager=False, task_default_queue=queue)
        try:
            response = client.get("/admin/laporan/kelulusan/?export=xlsx&kecamatan=6471010")
        finally:
            app.conf.update(saved)
        assert response.status_code == 302
        # A ping behind the export, answered once the worker has taken its queue up to it.
        # (Not the current app: tasks first used afterwards would bind to it and miss the test's queue.)
        ping_client = Celery(broker=BROKER_URL, backend=RESULT_BACKEND, set_as_current=False)
        assert ping_client.send_task("lms.ping", queue=queue).get(timeout=90)

    export = ReportExport.objects.get()
    assert export.finished_at is not None, export.failure_reason
    assert (export.total_rows, export.rows_done) == (3, 3)
    page = client.get(response["Location"]).content.decode()
    assert f"/admin/laporan/ekspor/{export.pk}/unduh/" in page
    download = client.get(f"/admin/laporan/ekspor/{export.pk}/unduh/")
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content)), read_only=True).active
    names = sorted(row[0] for row in sheet.iter_rows(min_row=2, values_only=True))
    assert names == ["Ani Wulandari", "Budi Santoso", "Dedi Kurniawan"]  # Citra lives in Balikpapan Kota
