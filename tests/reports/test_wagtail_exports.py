"""Wagtail's own reports write their spreadsheets by the site's rule too (core.wagtail_exports):
a page title that a spreadsheet would run as a formula is written as text."""

import csv
import io

import pytest
from openpyxl import load_workbook

from tests import factories

pytestmark = pytest.mark.django_db

FORMULA_TITLE = '=HYPERLINK("http://contoh.id","klik")'
AGING_PAGES = "/admin/reports/aging-pages/"


@pytest.fixture
def admin_client(client, home_page, django_user_model):
    factories.standard_page(home_page, title=FORMULA_TITLE, slug="rumus")
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@contoh.id", "kata-sandi-rahasia"))
    return client


def test_the_aging_pages_csv_writes_a_formula_like_title_as_text(admin_client):
    response = admin_client.get(AGING_PAGES, {"export": "csv"})
    titles = [row[0] for row in csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))]

    assert "'" + FORMULA_TITLE in titles
    assert FORMULA_TITLE not in titles
    assert "Beranda" in titles  # other titles as they are


def test_the_aging_pages_xlsx_writes_a_formula_like_title_as_text(admin_client):
    response = admin_client.get(AGING_PAGES, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    titles = [row[0].value for row in sheet.iter_rows(min_row=2)]

    assert "'" + FORMULA_TITLE in titles
    assert FORMULA_TITLE not in titles
