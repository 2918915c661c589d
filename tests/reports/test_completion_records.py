"""The completion records report: its rows, filters, search, scope by role, and its exports."""

import csv
import io
import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from openpyxl import load_workbook

from reports.completion_records import COLUMNS
from reports.models import ReportExport
from tests.reports import records_fixtures

world = records_fixtures.world
records = records_fixtures.records
page_query_store = records_fixtures.page_query_store

pytestmark = pytest.mark.django_db

REPORT = "/admin/laporan/kelulusan/"
EVERYONE = {"Ani Wulandari", "Budi Santoso", "Citra Dewi", "Dedi Kurniawan"}


def _table(response):
    """The report's rows as the page shows them: a list of cell texts per row."""
    soup = BeautifulSoup(response.content, "html.parser")
    table = soup.find("table", class_="listing")
    if table is None:
        return []
    return [
        [cell.get_text(" ", strip=True) for cell in row.find_all("td")] for row in table.find("tbody").find_all("tr")
    ]


def sheet_as_text(sheet):
    """A sheet's rows as the CSV writes them (a read-only sheet leaves out a row's empty last cells)."""
    rows = [
        ["" if value is None else str(value).removesuffix(" 00:00:00") for value in row]
        for row in sheet.iter_rows(values_only=True)
    ]
    return [row + [""] * (len(COLUMNS) - len(row)) for row in rows]


def _names(client, params=""):
    response = client.get(f"{REPORT}?{params}")
    assert response.status_code == 200
    return {row[0] for row in _table(response)}


def _csv(client, params=""):
    response = client.get(f"{REPORT}?export=csv&{params}")
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


@pytest.fixture
def staff_client(client, records):
    client.force_login(records["users"]["government"])
    return client


def test_a_row_shows_what_a_clerk_checks(staff_client, records):
    rows = {row[0]: row for row in _table(staff_client.get(REPORT))}

    ani = rows["Ani Wulandari"]
    assert ani[1:3] == [str(records["enrolments"]["ani"].user_id), "a***@contoh.id"]  # account, masked contact
    assert ani[3:9] == [
        "Gunung Bahagia",
        "Balikpapan Selatan",
        "Pengelolaan Sampah",
        "Yayasan Lingkungan Lestari",
        "Kelas Gunung Bahagia",
        "5 Oktober 2026",
    ]
    assert ani[9:] == ["100 %", "", "75 %", "2 November 2026", "7KQ2-MX9D-4T", "Diterbitkan"]
    citra = rows["Citra Dewi"]
    assert citra[4] == "Balikpapan Kota"
    assert citra[6] == "Yayasan Lingkungan Lestari"  # no class: the course's organisation
    assert citra[9:12] == ["50 %", "70 %", ""]  # 1 of 2 modules; best scores 80 and 61; no class
    assert rows["Dedi Kurniawan"][-2:] == ["8HJ3-NP4R-5V", "Dicabut"]
    assert rows["Budi Santoso"][-2:] == ["", ""]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ("", EVERYONE),
        ("course={own_course}", {"Ani Wulandari", "Citra Dewi"}),
        ("topic=anggaran", {"Budi Santoso", "Dedi Kurniawan"}),
        ("organisation={lestari}", {"Ani Wulandari", "Citra Dewi"}),
        ("organisation={cerdas}", {"Budi Santoso", "Dedi Kurniawan"}),
        ("cohort={own}", {"Ani Wulandari"}),
        ("kecamatan=6471040", {"Citra Dewi"}),
        ("kecamatan=6471010", {"Ani Wulandari", "Budi Santoso", "Dedi Kurniawan"}),
        ("kelurahan=6471010005", {"Budi Santoso"}),
        ("status=completed", {"Ani Wulandari", "Dedi Kurniawan"}),
        ("status=active", {"Budi Santoso", "Citra Dewi"}),
        ("certificate=issued", {"Ani Wulandari"}),
        ("certificate=revoked", {"Dedi Kurniawan"}),
        ("certificate=none", {"Budi Santoso", "Citra Dewi"}),
        ("gender=perempuan", {"Ani Wulandari"}),
        ("gender=-", {"Citra Dewi"}),
        ("enrolled_from=2026-01-01&enrolled_to=2026-01-31", {"Budi Santoso"}),
        ("completed_from=2026-11-01&completed_to=2026-11-30", {"Ani Wulandari"}),
        # Combinations narrow each other down.
        ("organisation={lestari}&status=completed", {"Ani Wulandari"}),
        ("kecamatan=6471010&certificate=none", {"Budi Santoso"}),
        ("topic=anggaran&gender=laki-laki&status=completed", {"Dedi Kurniawan"}),
        ("course={own_course}&kelurahan=6471010006", {"Ani Wulandari"}),
        # Search: name, e-mail, certificate code as typed (any case, with dashes).
        ("q=citra", {"Citra Dewi"}),
        ("q=dedi@contoh", {"Dedi Kurniawan"}),
        ("q=7kq2-mx9d-4t", {"Ani Wulandari"}),
        ("q=santoso&status=completed", set()),
    ],
)
def test_filters_and_search_choose_the_rows(staff_client, records, params, expected):
    ids = {key: records[key].pk for key in ("own_course", "lestari", "cerdas", "own")}
    assert _names(staff_client, params.format(**ids)) == expected


def test_each_filtered_csv_export_holds_the_rows_of_the_page(staff_client, records):
    params = f"organisation={records['lestari'].pk}"
    exported = _csv(staff_client, params)
    assert exported[0] == [str(heading) for _name, heading in COLUMNS]
    assert {row[0] for row in exported[1:]} == {"Ani Wulandari", "Citra Dewi"}


def test_export_rows_equal_the_report_rows(staff_client, records):
    page = _table(staff_client.get(REPORT))
    exported = _csv(staff_client)[1:]
    workbook = load_workbook(io.BytesIO(staff_client.get(f"{REPORT}?export=xlsx").content), read_only=True)
    sheet_rows = sheet_as_text(workbook.active)

    assert len(page) == len(exported) == len(sheet_rows) - 1 == 4
    for shown, written, in_sheet in zip(page, exported, sheet_rows[1:], strict=True):
        # Same rows in the same order; the page writes dates and percentages for people.
        assert [shown[index] for index in (0, 1, 2, 3, 4, 5, 6, 7, 13, 14)] == [
            written[index] for index in (0, 1, 2, 3, 4, 5, 6, 7, 13, 14)
        ]
        assert [value.removesuffix(" %") for value in shown[9:12]] == written[9:12]
        assert written == in_sheet
    dates = {row[0]: (row[8], row[12]) for row in exported}
    assert dates["Ani Wulandari"] == ("2026-10-05", "2026-11-02")


FORMULA_NAME = '=HYPERLINK("http://jahat.example","klik")'


@pytest.fixture
def formula_name(records):
    """Citra's name, as someone typed it to run in a clerk's spreadsheet."""
    user = records["enrolments"]["citra"].user
    user.first_name = FORMULA_NAME
    user.save()


def test_a_name_that_a_spreadsheet_would_run_is_exported_as_text(staff_client, formula_name):
    # On PostgreSQL the database writes this CSV itself (COPY of the report's query).
    names = {row[0] for row in _csv(staff_client)[1:]}

    assert "'" + FORMULA_NAME in names
    assert FORMULA_NAME not in names
    assert "Ani Wulandari" in names


def test_the_xlsx_writes_a_name_that_a_spreadsheet_would_run_as_text(staff_client, formula_name):
    workbook = load_workbook(io.BytesIO(staff_client.get(f"{REPORT}?export=xlsx").content))
    cells = {row[0].value: row[0] for row in workbook.active.iter_rows(min_row=2)}

    assert cells["'" + FORMULA_NAME].data_type == "s"
    assert FORMULA_NAME not in cells


def test_the_xlsx_built_by_a_worker_writes_a_name_that_a_spreadsheet_would_run_as_text(
    staff_client, formula_name, settings, django_capture_on_commit_callbacks
):
    settings.REPORT_XLSX_INLINE_MAX_ROWS = 1  # the worker's task (in-process here) builds the file
    with django_capture_on_commit_callbacks(execute=True):
        assert staff_client.get(f"{REPORT}?export=xlsx").status_code == 302
    export = ReportExport.objects.get()
    assert export.finished_at is not None, export.failure_reason

    download = staff_client.get(f"/admin/laporan/ekspor/{export.pk}/unduh/")
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content)), read_only=True).active
    names = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}

    assert "'" + FORMULA_NAME in names
    assert FORMULA_NAME not in names


# --- Who sees what -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("government", EVERYONE),
        ("facilitator", {"Ani Wulandari", "Citra Dewi"}),  # Lestari: its class, and its course without a class
        ("other facilitator", {"Budi Santoso", "Dedi Kurniawan"}),
    ],
)
def test_each_role_sees_and_exports_only_its_learners(client, records, role, expected):
    client.force_login(records["users"][role])
    assert _names(client) == expected
    assert {row[0] for row in _csv(client)[1:]} == expected


@pytest.mark.parametrize("role", ["reviewer", "author", "resident"])
@pytest.mark.parametrize("params", ["", "?export=csv", "?export=xlsx"])
def test_who_reads_no_learners_is_refused_the_report_and_its_exports(client, records, role, params):
    client.force_login(records["users"][role])
    response = client.get(f"{REPORT}{params}")
    assert response.status_code == 302
    assert b"Ani" not in response.content


def test_anonymous_visitors_are_sent_to_log_in(client, records):
    response = client.get(f"{REPORT}?export=csv")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_a_facilitator_cannot_filter_their_way_into_another_organisations_learners(client, records):
    client.force_login(records["users"]["facilitator"])
    for params in (f"organisation={records['cerdas'].pk}", f"cohort={records['other'].pk}", "q=budi"):
        assert _names(client, params) <= {"Ani Wulandari", "Citra Dewi"}
        assert {row[0] for row in _csv(client, params)[1:]} <= {"Ani Wulandari", "Citra Dewi"}


def test_a_facilitators_filters_list_no_other_organisations_class(client, records):
    client.force_login(records["users"]["facilitator"])
    page = client.get(REPORT).content.decode()
    assert "Kelas Gunung Bahagia" in page
    assert "Kelas Sepinggan" not in page
    assert "Perkumpulan Warga Cerdas" not in page.split("<table")[0]  # not among the organisation choices


def test_the_menu_offers_the_report_only_to_those_who_may_read_it(client, records):
    client.force_login(records["users"]["facilitator"])
    assert REPORT in client.get("/admin/").content.decode()
    client.force_login(records["users"]["reviewer"])
    assert REPORT not in client.get("/admin/").content.decode()


# --- Queries ------------------------------------------------------------------------------------


def test_the_report_page_takes_the_same_queries_for_many_rows(staff_client, records, django_assert_num_queries):
    from tests.reports.test_completion_records_volume import add_enrolments

    staff_client.get(REPORT)  # warm: Wagtail's own per-process lookups
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        staff_client.get(REPORT)
    add_enrolments(records["own_course"], 40)
    with django_assert_num_queries(len(few)):
        response = staff_client.get(REPORT)
    assert len(_table(response)) == 44


def _sql_of(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return "\n".join(query["sql"] for query in queries)


def test_the_courses_modules_are_read_from_the_page_tree_once_then_remembered(staff_client, records):
    assert 'FROM "courses_modulepage"' in _sql_of(staff_client, REPORT)
    assert 'FROM "courses_modulepage"' not in _sql_of(staff_client, REPORT)
    assert 'FROM "courses_modulepage"' not in _sql_of(staff_client, f"{REPORT}hasil/?status=learning")


def test_a_module_published_after_the_report_was_read_counts_in_its_progress_at_once(staff_client, records):
    from tests import factories

    citra = {row[0]: row for row in _table(staff_client.get(REPORT))}["Citra Dewi"]
    assert citra[9] == "50 %"  # 1 of 2 modules
    factories.module_page(records["own_course"], title="Mendaur Ulang")  # published, as the editor does

    citra = {row[0]: row for row in _table(staff_client.get(REPORT))}["Citra Dewi"]
    assert citra[9] == "33 %"  # 1 of 3


def test_the_learner_record_is_one_click_away(staff_client, records):
    soup = BeautifulSoup(staff_client.get(REPORT).content, "html.parser")
    link = soup.find("a", string="Ani Wulandari")
    assert link["href"] == reverse("reports_learner_record", args=[records["enrolments"]["ani"].user_id])


def test_the_period_is_read_in_wita_whatever_the_admins_own_time_zone(staff_client, records):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(records["users"]["government"])
    profile.current_time_zone = "Asia/Jayapura"
    profile.save()
    assert _names(staff_client, "enrolled_from=2026-10-05&enrolled_to=2026-10-05") == {"Ani Wulandari"}
    assert _names(staff_client, "enrolled_from=2026-10-06&enrolled_to=2026-10-06") == set()


@pytest.mark.parametrize(
    "params", ["course={other_course}&cohort={own}", "enrolled_from=kemarin", "kecamatan=9999999"]
)
def test_a_filter_that_cannot_be_read_lists_and_exports_nothing(staff_client, records, params):
    # Lestari's class belongs to Cerdas's course: with Lestari's course chosen it is no valid class.
    params = params.format(other_course=records["other_course"].pk, own=records["own"].pk)
    assert _names(staff_client, params) == set()
    assert _csv(staff_client, params)[1:] == []


def test_a_page_number_past_any_listing_is_an_empty_page(staff_client, records):
    response = staff_client.get(f"{REPORT}?p=99999999999999999999")
    assert response.status_code == 200
    assert _table(response) == []


def test_results_for_a_course_bring_the_class_filter_with_that_courses_classes(staff_client, records, world):
    """What the filter drawer fetches when a filter changes: the class list must follow the course."""
    results = f"{REPORT}hasil/"
    course = world["own_course"]  # Ani's class, Lestari's "Kelas Gunung Bahagia", is of this course

    for_course = staff_client.get(f"{results}?course={course.pk}").content.decode()
    without_course = staff_client.get(f"{results}?status=completed").content.decode()

    # The form comes inside a <template> for the drawer: read its class list as text.
    class_select = re.search(r'<select name="cohort".*?</select>', for_course, re.S).group(0)
    assert re.findall(r"<option[^>]*>([^<]*)</option>", class_select)[1:] == ["Kelas Gunung Bahagia"]
    # Without a course the class list cannot change: the results come alone, without the form's cost.
    assert 'name="cohort"' not in without_course


# --- The page query compiled once (reports.completion_records_views._page_queries) ---------------


@pytest.fixture
def page_queries(page_query_store):
    """A count of the times the report's query is built, with an empty store of kept statements."""
    return page_query_store[1]


def test_the_page_query_is_built_once_for_every_page_of_the_same_rows(staff_client, records, page_queries):
    results = f"{REPORT}hasil/?status=completed"
    first = _names(staff_client, "status=completed")
    assert len(page_queries) == 1
    assert _names(staff_client, "status=completed") == first == {"Ani Wulandari", "Dedi Kurniawan"}
    assert {row[0] for row in _table(staff_client.get(results))} == first
    assert _table(staff_client.get(f"{results}&p=2")) == []  # another page: the same query, another offset
    assert len(page_queries) == 1
    assert _names(staff_client, "status=active") == {"Budi Santoso", "Citra Dewi"}
    assert len(page_queries) == 2


def test_a_remembered_page_query_reads_the_rows_as_they_are_now(staff_client, records, page_queries):
    from tests.reports.test_completion_records_volume import add_enrolments

    assert len(_names(staff_client)) == 4
    add_enrolments(records["own_course"], 3)
    assert len(_names(staff_client)) == 7
    assert len(page_queries) == 1


def test_a_remembered_page_query_never_lists_another_viewers_scope(client, records, page_queries):
    """The viewer's scope is part of the remembered query: each facilitator, after the other and after
    government staff asked for the very same page, sees only their own organisation's learners."""
    client.force_login(records["users"]["government"])
    assert _names(client, "status=completed") == {"Ani Wulandari", "Dedi Kurniawan"}
    client.force_login(records["users"]["facilitator"])
    assert _names(client, "status=completed") == {"Ani Wulandari"}
    client.force_login(records["users"]["other facilitator"])
    assert _names(client, "status=completed") == {"Dedi Kurniawan"}
    client.force_login(records["users"]["facilitator"])
    assert _names(client, "status=completed") == {"Ani Wulandari"}
    assert len(page_queries) == 3


def test_a_facilitator_who_leaves_the_organisation_sees_none_of_its_learners_from_a_remembered_query(
    client, records, page_queries
):
    from organisations.models import Membership

    facilitator = records["users"]["facilitator"]
    client.force_login(facilitator)
    assert _names(client, "status=completed") == {"Ani Wulandari"}
    # Still a facilitator elsewhere (the report stays open to them), no longer of Lestari.
    Membership.objects.filter(user=facilitator, organisation=records["lestari"]).update(organisation=records["cerdas"])
    assert _names(client, "status=completed") == {"Dedi Kurniawan"}


def test_a_remembered_page_query_writes_the_certificate_status_in_the_viewers_language(
    staff_client, records, page_queries
):
    from wagtail.users.models import UserProfile

    assert {row[0]: row for row in _table(staff_client.get(REPORT))}["Dedi Kurniawan"][-1] == "Dicabut"
    profile = UserProfile.get_for_user(records["users"]["government"])
    profile.preferred_language = "en"
    profile.save()
    assert {row[0]: row for row in _table(staff_client.get(REPORT))}["Dedi Kurniawan"][-1] == "Revoked"
    assert len(page_queries) == 2


def test_the_filter_lists_are_written_as_djangos_select_writes_them(rf, records):
    from django import forms

    from reports.completion_records_filters import CompletionRecordFilterSet, Select

    request = rf.get(REPORT)
    request.user = records["users"]["government"]
    form = CompletionRecordFilterSet({"status": "completed", "kecamatan": "6471010"}, request=request).form
    selects = [name for name, field in form.fields.items() if isinstance(field.widget, Select)]
    assert len(selects) == 9
    for name in selects:
        field = form.fields[name]
        django_select = forms.Select(attrs=field.widget.attrs, choices=field.widget.choices)
        value = form[name].value()
        attrs = {"id": f"id_{name}"}
        assert field.widget.render(name, value, attrs) == django_select.render(name, value, attrs)
    assert 'value="completed" selected' in form["status"].as_widget()


def test_the_rows_ask_the_url_resolver_once_per_page(staff_client, records, monkeypatch):
    from reports.templatetags import completion_records_tags

    calls = []
    real_reverse = completion_records_tags.reverse
    monkeypatch.setattr(completion_records_tags, "reverse", lambda *a, **kw: calls.append(a) or real_reverse(*a, **kw))
    soup = BeautifulSoup(staff_client.get(REPORT).content, "html.parser")
    rows = soup.find("table", class_="listing").find("tbody").find_all("tr")
    assert len(rows) > 1
    assert len(calls) == 1
    for name, key in [("Ani Wulandari", "ani"), ("Budi Santoso", "budi")]:
        link = soup.find("a", string=name)
        assert link["href"] == reverse("reports_learner_record", args=[records["enrolments"][key].user_id])


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_rows_write_dates_as_the_languages_date_format(language):
    import datetime

    from django.utils import translation
    from django.utils.formats import date_format

    from reports.templatetags.completion_records_tags import date_writer

    days = [datetime.date(2026, 1, 5), datetime.date(2026, 12, 31), datetime.date(2026, 1, 5), None]
    with translation.override(language):
        write = date_writer()
        assert [write(day) for day in days] == [date_format(day, "DATE_FORMAT") if day else "" for day in days]
