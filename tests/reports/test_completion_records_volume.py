"""The completion records at size: streamed CSV in flat memory, the large XLSX job, the capped count."""

import csv
import io
import itertools
import tracemalloc

import pytest
from django.contrib.auth import get_user_model
from django.http import StreamingHttpResponse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import LearnerProfile
from courses.models import Enrolment
from reports import services
from reports.models import ReportExport
from tests import factories
from tests.reports import records_fixtures
from tests.reports.test_completion_records import sheet_as_text

world = records_fixtures.world
records = records_fixtures.records

pytestmark = pytest.mark.django_db

REPORT = "/admin/laporan/kelulusan/"
_numbers = itertools.count(1)


def add_enrolments(course, count, *, name_length=20):
    """`count` residents enrolled in `course`, written in bulk."""
    User = get_user_model()
    kelurahan = factories.kelurahan()
    first = next(_numbers)
    for _ in range(count - 1):
        next(_numbers)
    users = User.objects.bulk_create(
        User(username=f"massal-{first + n}", first_name=f"Warga {first + n}".ljust(name_length, "a"))
        for n in range(count)
    )
    LearnerProfile.objects.bulk_create(
        LearnerProfile(user=user, kelurahan=kelurahan, consent_given_at=timezone.now(), privacy_notice_version="1")
        for user in users
    )
    Enrolment.objects.bulk_create(Enrolment(user=user, course=course) for user in users)


def _peak_while_reading(response):
    tracemalloc.start()
    try:
        rows = sum(chunk.count(b"\n") for chunk in response.streaming_content)
        return rows, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_the_csv_streams_and_its_memory_does_not_grow_with_rows(client, records, monkeypatch):
    # Small batches, so that both exports read many (SQLite's path reads the rows in batches).
    monkeypatch.setattr("reports.exports.ORM_BATCH_ROWS", 200)
    client.force_login(records["users"]["government"])
    add_enrolments(records["own_course"], 1_000, name_length=140)
    response = client.get(f"{REPORT}?export=csv")
    assert isinstance(response, StreamingHttpResponse)
    small_rows, small_peak = _peak_while_reading(response)

    add_enrolments(records["own_course"], 6_000, name_length=140)
    large_rows, large_peak = _peak_while_reading(client.get(f"{REPORT}?export=csv"))

    assert (small_rows, large_rows) == (1_005, 7_005)  # heading and the four records' rows included
    # 6,000 more rows of about 200 bytes each: held in memory they would add more than 1.2 MB.
    assert large_peak - small_peak < 400_000, (small_peak, large_peak)


def test_the_csv_sends_its_heading_before_reading_any_row(client, records, django_assert_num_queries):
    client.force_login(records["users"]["government"])
    response = client.get(f"{REPORT}?export=csv")
    with django_assert_num_queries(0):
        first = next(iter(response.streaming_content))
    response.close()  # a download broken off: the server closes the response (and logs the export)
    assert first.decode("utf-8-sig").startswith("Warga,") or first.decode("utf-8-sig").startswith("Resident,")


def test_pages_go_on_without_counting_every_row(client, records, django_assert_max_num_queries):
    client.force_login(records["users"]["government"])
    add_enrolments(records["own_course"], 60)  # 64 rows: a full page of 50, then 14
    first = client.get(REPORT).content.decode()
    assert "Pendaftaran 1–50" in first or "Enrolments 1–50" in first
    assert "?p=2" in first
    second = client.get(f"{REPORT}?p=2").content.decode()
    assert "51–64" in second
    assert "?p=3" not in second
    assert not [sql for sql in _queries_of(client, REPORT) if sql.startswith("SELECT COUNT")]


def _queries_of(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return [query["sql"] for query in queries.captured_queries]


# --- A large XLSX is built by a worker ---------------------------------------------------------


@pytest.fixture
def small_inline_limit(settings):
    settings.REPORT_XLSX_INLINE_MAX_ROWS = 3


def test_a_large_xlsx_is_built_by_a_job_with_its_progress_and_a_download(
    client, records, small_inline_limit, django_capture_on_commit_callbacks
):
    facilitator = records["users"]["facilitator"]
    client.force_login(facilitator)
    add_enrolments(records["own_course"], 5)  # class-less learners of Lestari's course: Lestari's
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(f"{REPORT}?export=xlsx&status=active")
    export = ReportExport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/laporan/ekspor/{export.pk}/"
    assert export.query_string == "status=active"

    page = client.get(response["Location"]).content.decode()
    assert "6 dari 6" in page or "6 of 6" in page  # Citra and the five new learners; Ani has completed
    download = client.get(f"/admin/laporan/ekspor/{export.pk}/unduh/")
    assert download.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content)), read_only=True).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(names) == 6 and "Citra Dewi" in names and "Budi Santoso" not in names


def test_the_job_writes_the_rows_the_csv_export_holds(client, records, small_inline_limit):
    user = records["users"]["government"]
    client.force_login(user)
    export = services.report_export_request(user=user, query_string="", language="id")
    services.report_export_run(export_id=export.pk)
    export.refresh_from_db()
    with export.file.open("rb") as file:
        sheet = load_workbook(io.BytesIO(file.read()), read_only=True).active
        in_sheet = sheet_as_text(sheet)
    exported = list(
        csv.reader(io.StringIO(b"".join(client.get(f"{REPORT}?export=csv").streaming_content).decode("utf-8-sig")))
    )
    assert in_sheet == exported
    assert (export.total_rows, export.rows_done) == (4, 4)


def test_an_export_is_only_for_the_person_who_asked(client, records, small_inline_limit):
    export = services.report_export_request(user=records["users"]["facilitator"], query_string="", language="id")
    services.report_export_run(export_id=export.pk)
    for role in ("government", "other facilitator", "reviewer"):
        client.force_login(records["users"][role])
        assert client.get(f"/admin/laporan/ekspor/{export.pk}/").status_code in (302, 404)
        assert client.get(f"/admin/laporan/ekspor/{export.pk}/unduh/").status_code in (302, 404)


def test_a_failed_export_says_why(client, records):
    user = records["users"]["government"]
    export = services.report_export_request(user=user, query_string="", language="id")
    services.report_export_failed(export_id=export.pk, reason="OSError: disk penuh")
    client.force_login(user)
    page = client.get(f"/admin/laporan/ekspor/{export.pk}/").content.decode()
    assert "disk penuh" in page
    assert 'http-equiv="refresh"' not in page
    assert client.get(f"/admin/laporan/ekspor/{export.pk}/unduh/").status_code == 404


def test_old_exports_are_deleted_with_their_files(records, django_capture_on_commit_callbacks):
    export = services.report_export_request(user=records["users"]["government"], query_string="", language="id")
    services.report_export_run(export_id=export.pk)
    export.refresh_from_db()
    storage, name = export.file.storage, export.file.name
    assert storage.exists(name)
    assert services.report_exports_expire(older_than=3600) == 0
    ReportExport.objects.filter(pk=export.pk).update(created_at=timezone.now() - timezone.timedelta(hours=2))
    with django_capture_on_commit_callbacks(execute=True):  # files go once the deletion commits
        assert services.report_exports_expire(older_than=3600) == 1
    assert not storage.exists(name)
    assert not ReportExport.objects.exists()


def test_a_name_with_a_control_character_does_not_break_the_xlsx(client, records):
    user = records["enrolments"]["citra"].user
    # A name stored before names were cleaned on save (accounts 0006 cleans them, but a row may slip in
    # by SQL): the export must still open.
    type(user).objects.filter(pk=user.pk).update(first_name="Citra\x0bDewi")
    client.force_login(records["users"]["government"])
    response = client.get(f"{REPORT}?export=xlsx")
    assert response.status_code == 200
    names = [
        row[0]
        for row in load_workbook(io.BytesIO(response.content), read_only=True).active.iter_rows(
            min_row=2, values_only=True
        )
    ]
    assert "CitraDewi" in names


def test_a_formula_behind_a_control_character_is_not_a_formula_in_the_xlsx(client, records):
    user = records["enrolments"]["citra"].user
    # Stored by SQL, as a row from before names were cleaned: the control character hides the "=" from
    # the query's rule, and the XLSX writer drops it.
    type(user).objects.filter(pk=user.pk).update(first_name='\x0b=HYPERLINK("http://contoh.id","klik")')
    client.force_login(records["users"]["government"])

    response = client.get(f"{REPORT}?export=xlsx")

    cells = [row[0] for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=2)]
    cell = next(cell for cell in cells if "HYPERLINK" in str(cell.value))
    assert cell.value == '\'=HYPERLINK("http://contoh.id","klik")'
    assert cell.data_type == "s"


def test_asking_again_for_a_running_export_gives_the_same_one(records):
    user = records["users"]["government"]
    first = services.report_export_request(user=user, query_string="status=active", language="id")
    assert services.report_export_request(user=user, query_string="status=active", language="id") == first
    assert services.report_export_request(user=user, query_string="", language="id") != first


def test_an_exports_file_goes_with_its_requesters_account(records, django_capture_on_commit_callbacks):
    user = records["users"]["government"]
    export = services.report_export_request(user=user, query_string="", language="id")
    export = services.report_export_run(export_id=export.pk)
    storage, name = export.file.storage, export.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):  # files go once the deletion commits
        user.delete()
    assert not storage.exists(name)
