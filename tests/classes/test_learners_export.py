"""The learners list, on screen and as a spreadsheet: dates in WITA, as the completion-records CSV writes
them, yes or no in words rather than Python's True and False, and people by name."""

import csv
import datetime
import io

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

# 19:57 UTC on 2 December is 03:57 WITA on 3 December: the day differs.
ENROLLED_AT = datetime.datetime(2026, 12, 2, 19, 57, 1, 306113, tzinfo=datetime.UTC)
COMPLETED_AT = datetime.datetime(2026, 12, 9, 17, 30, 0, tzinfo=datetime.UTC)  # 01:30 WITA on 10 December


@pytest.fixture
def facilitator(world):
    """Lestari's facilitator, with a learner still learning and one whose paper completion they recorded."""
    cohort = world["own"]
    factories.enrolment(
        user=factories.learner(full_name="Sulastri", email="sulastri@contoh.id"),
        course=cohort.course,
        cohort=cohort,
        enrolled_at=ENROLLED_AT,
    )
    factories.enrolment(
        user=factories.learner(full_name="Bambang", email="bambang@contoh.id"),
        course=cohort.course,
        cohort=cohort,
        enrolled_at=ENROLLED_AT,
        completed_at=COMPLETED_AT,
        completion_recorded_by=world["users"]["facilitator"],
    )
    return world["users"]["facilitator"]


def export(client, export_format):
    response = client.get(reverse("learners:index"), {"export": export_format})
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_csv_writes_dates_in_wita_and_yes_or_no(client, facilitator):
    client.force_login(facilitator)

    rows = {row["Peserta"]: row for row in csv.DictReader(io.StringIO(export(client, "csv").decode("utf-8-sig")))}

    assert rows["Sulastri"]["Terdaftar pada"] == "2026-12-03 03:57"
    assert rows["Sulastri"]["Selesai pada"] == ""
    assert rows["Sulastri"]["Kelulusan dicatat fasilitator"] == "tidak"
    assert rows["Bambang"]["Selesai pada"] == "2026-12-10 01:30"
    assert rows["Bambang"]["Kelulusan dicatat fasilitator"] == "ya"


def test_the_xlsx_holds_wita_times_and_yes_or_no(client, facilitator):
    client.force_login(facilitator)

    sheet = openpyxl.load_workbook(io.BytesIO(export(client, "xlsx"))).active
    headings, *values = [list(row) for row in sheet.iter_rows(values_only=True)]
    rows = {row[0]: dict(zip(headings, row, strict=True)) for row in values}

    assert rows["Sulastri"]["Terdaftar pada"] == datetime.datetime(2026, 12, 3, 3, 57, 1)
    assert rows["Sulastri"]["Kelulusan dicatat fasilitator"] == "tidak"
    assert rows["Bambang"]["Selesai pada"] == datetime.datetime(2026, 12, 10, 1, 30)
    assert rows["Bambang"]["Kelulusan dicatat fasilitator"] == "ya"


def test_the_list_names_the_facilitator_who_recorded_a_completion(client, facilitator):
    client.force_login(facilitator)

    page = BeautifulSoup(client.get(reverse("learners:index")).text, "html.parser")
    cells = {
        row.find("td").get_text(strip=True): [cell.get_text(strip=True) for cell in row.find_all("td")]
        for row in page.select("tbody tr")
    }

    assert facilitator.get_full_name() in cells["Bambang"]
    assert facilitator.username not in cells["Bambang"]  # not their log-in name
    assert facilitator.get_full_name() not in cells["Sulastri"]


FORMULA_NAME = '=HYPERLINK("http://contoh.id","klik")'


@pytest.fixture
def formula_learner(world):
    """A learner of Lestari's class whose name, as typed, a spreadsheet would run as a formula."""
    cohort = world["own"]
    user = factories.learner(full_name=FORMULA_NAME, phone="+6281234567890")
    return factories.enrolment(user=user, course=cohort.course, cohort=cohort)


def test_the_csv_writes_a_name_that_a_spreadsheet_would_run_as_text_and_the_phone_as_residents_write_it(
    client, facilitator, formula_learner
):
    client.force_login(facilitator)

    rows = {row["Peserta"]: row for row in csv.DictReader(io.StringIO(export(client, "csv").decode("utf-8-sig")))}

    assert FORMULA_NAME not in rows
    assert rows["'" + FORMULA_NAME]["Telepon"] == "0812 3456 7890"
    assert rows["Sulastri"]["Telepon"] == ""  # no phone: an empty cell
    assert rows["Sulastri"]["E-mail"] == "sulastri@contoh.id"


def test_the_xlsx_writes_a_name_that_a_spreadsheet_would_run_as_text_and_the_phone_as_residents_write_it(
    client, facilitator, formula_learner
):
    client.force_login(facilitator)

    sheet = openpyxl.load_workbook(io.BytesIO(export(client, "xlsx"))).active
    headings = [cell.value for cell in sheet[1]]
    rows = {row[0].value: dict(zip(headings, row, strict=True)) for row in sheet.iter_rows(min_row=2)}

    assert FORMULA_NAME not in rows
    formula_row = rows["'" + FORMULA_NAME]
    assert formula_row["Peserta"].data_type == "s"  # text, not a formula
    assert formula_row["Telepon"].value == "0812 3456 7890"
