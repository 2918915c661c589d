"""Staff find the right person: a phone number typed in any common form finds its resident in the completion
records and in the Learners list; the exports carry the account number and, in the completion records, a
contact with its middle hidden (accounts.resident_identity.MaskedContact), so that two residents of the same
name are two people; every CSV staff open in Excel starts with a UTF-8 byte-order mark."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from accounts.resident_identity import MaskedContact, resident_matches
from reports.completion_records import COLUMNS
from tests import factories
from tests.reports import records_fixtures

pytestmark = pytest.mark.django_db

world = records_fixtures.world
records = records_fixtures.records

REPORT = "/admin/laporan/kelulusan/"
BOM = "\ufeff".encode()
# Budi's phone, stored as +6281234500001 (tests/reports/records_fixtures.py), as people type it.
BUDI_PHONE_FORMS = ["0812-3450-0001", "0812 3450 0001", "+62 812 3450 0001", "6281234500001", "81234500001"]


def id_(message):
    with translation.override("id"):
        return translation.gettext(message)


def content_of(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_dicts(content):
    assert content.startswith(BOM)  # Excel reads the names as UTF-8
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.fixture
def staff_client(client, records):
    client.force_login(records["users"]["government"])
    return client


# --- Masking: one rule, in SQL -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("email", "phone", "masked"),
    [
        (None, "+6281234567890", "0812****7890"),
        ("siti@contoh.id", "+6281234567890", "0812****7890"),  # the phone first: most residents have one
        ("siti@contoh.id", None, "s***@contoh.id"),
        ("a@b.id", None, "a***@b.id"),
        (None, "081234567890", "0812****7890"),  # stored before the +62 rule: its own first and last four
        (None, None, ""),
    ],
)
def test_the_masked_contact_hides_the_middle_of_a_phone_or_the_name_of_an_email(email, phone, masked):
    user = factories.resident(username="siti")
    get_user_model().objects.filter(pk=user.pk).update(email=email, phone=phone)

    assert get_user_model().objects.annotate(masked=MaskedContact("")).get(pk=user.pk).masked == masked


@pytest.mark.parametrize("typed", BUDI_PHONE_FORMS)
def test_resident_matches_finds_a_phone_in_any_common_form(records, typed):
    found = get_user_model().objects.filter(resident_matches(typed, prefix=""))

    assert list(found.values_list("first_name", flat=True)) == ["Budi Santoso"]


def test_resident_matches_finds_the_last_digits_staff_read_off_a_number(records):
    budi = get_user_model().objects.get(first_name="Budi Santoso")
    last_digits = budi.phone[-4:]

    found = get_user_model().objects.filter(resident_matches(last_digits, prefix=""))

    assert budi in found


# --- The completion records ---------------------------------------------------------------------------------


def report_names(client, query):
    page = BeautifulSoup(client.get(REPORT, {"q": query}).content, "html.parser")
    table = page.find("table", class_="listing")
    return [] if table is None else [row.find("td").get_text(strip=True) for row in table.tbody.find_all("tr")]


@pytest.mark.parametrize("typed", BUDI_PHONE_FORMS)
def test_the_report_finds_a_resident_by_phone_in_any_common_form(staff_client, typed):
    assert report_names(staff_client, typed) == ["Budi Santoso"]


def test_the_report_still_finds_by_name_e_mail_and_certificate_code(staff_client):
    assert report_names(staff_client, "wulandari") == ["Ani Wulandari"]
    assert report_names(staff_client, "citra@contoh") == ["Citra Dewi"]
    assert report_names(staff_client, "7kq2-mx9d-4t") == ["Ani Wulandari"]
    assert report_names(staff_client, "0812 9999 9999") == []  # a phone nobody has


def test_a_facilitator_does_not_find_another_organisations_learner_by_phone(client, records):
    client.force_login(records["users"]["facilitator"])  # Lestari's; Budi learns with Cerdas

    assert report_names(client, "0812 3450 0001") == []
    content = content_of(client.get(REPORT, {"q": "0812 3450 0001", "export": "csv"}))
    assert csv_dicts(content) == []


def test_the_report_shows_the_account_number_and_masked_contact_beside_the_name(staff_client, records):
    page = BeautifulSoup(staff_client.get(REPORT, {"q": "0812 3450 0001"}).content, "html.parser")
    headings = [th.get_text(strip=True) for th in page.find("table", class_="listing").thead.find_all("th")]
    (row,) = page.find("table", class_="listing").tbody.find_all("tr")

    assert headings[:3] == [id_("Resident"), id_("Account no."), id_("Contact (masked)")]
    assert [td.get_text(strip=True) for td in row.find_all("td")][:3] == [
        "Budi Santoso",
        str(records["enrolments"]["budi"].user_id),
        "0812****0001",
    ]
    assert "+6281234500001" not in page.text and "0812 3450 0001" not in page.find("table").text


@pytest.fixture
def namesakes(records, world):
    """Two Siti Aminah of Gunung Bahagia in Lestari's class: one with a phone, one with an e-mail address."""
    kelurahan = records["kelurahan"]["gunung bahagia"]
    by_phone = factories.learner(full_name="Siti Aminah", phone="+6281377778888", kelurahan=kelurahan)
    by_email = factories.learner(full_name="Siti Aminah", email="siti.aminah@contoh.id", kelurahan=kelurahan)
    for user in (by_phone, by_email):
        factories.enrolment(user=user, course=world["own_course"], cohort=world["own"])
    return {"phone": by_phone, "email": by_email}


def test_the_csv_export_tells_two_residents_of_the_same_name_apart(staff_client, namesakes):
    rows = csv_dicts(content_of(staff_client.get(REPORT, {"q": "Siti Aminah", "export": "csv"})))

    identities = {(row[id_("Account no.")], row[id_("Contact (masked)")]) for row in rows}
    assert identities == {
        (str(namesakes["phone"].pk), "0813****8888"),
        (str(namesakes["email"].pk), "s***@contoh.id"),
    }
    assert list(rows[0]) == [str(heading) for _name, heading in COLUMNS]


def test_the_xlsx_export_tells_two_residents_of_the_same_name_apart(staff_client, namesakes):
    content = content_of(staff_client.get(REPORT, {"q": "Siti Aminah", "export": "xlsx"}))
    headings, *rows = load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)
    account, contact = headings.index(id_("Account no.")), headings.index(id_("Contact (masked)"))

    assert {(row[account], row[contact]) for row in rows} == {
        (namesakes["phone"].pk, "0813****8888"),
        (namesakes["email"].pk, "s***@contoh.id"),
    }


def test_a_masked_contact_that_a_spreadsheet_would_run_is_exported_as_text(staff_client, world):
    user = factories.learner(full_name="Rumus", email="=cmd@contoh.id")
    factories.enrolment(user=user, course=world["own_course"], cohort=world["own"])

    (row,) = csv_dicts(content_of(staff_client.get(REPORT, {"q": "Rumus", "export": "csv"})))

    assert row[id_("Contact (masked)")] == "'=***@contoh.id"


# --- The Learners list ---------------------------------------------------------------------------------------


def learner_names(client, query):
    response = client.get(reverse("learners:index"), {"q": query})
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    table = page.find("table", class_="listing")
    return [] if table is None else [row.find("td").get_text(strip=True) for row in table.tbody.find_all("tr")]


@pytest.mark.parametrize("typed", BUDI_PHONE_FORMS)
def test_the_learners_list_finds_a_resident_by_phone_in_any_common_form(staff_client, typed):
    assert learner_names(staff_client, typed) == ["Budi Santoso"]


def test_the_learners_list_still_finds_by_name_and_e_mail_and_not_outside_its_scope(client, records):
    client.force_login(records["users"]["facilitator"])  # Lestari's: Ani and Citra

    assert learner_names(client, "Wulandari") == ["Ani Wulandari"]
    assert learner_names(client, "citra@contoh.id") == ["Citra Dewi"]
    assert learner_names(client, "0812 3450 0001") == []  # Budi learns with Cerdas


def test_the_learners_export_carries_the_account_number(staff_client, namesakes):
    content = content_of(staff_client.get(reverse("learners:index"), {"q": "Siti Aminah", "export": "csv"}))

    rows = csv_dicts(content)

    assert {row[id_("Account no.")] for row in rows} == {str(namesakes["phone"].pk), str(namesakes["email"].pk)}
    content = content_of(staff_client.get(reverse("learners:index"), {"q": "Siti Aminah", "export": "xlsx"}))
    headings, *rows = load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)
    account = headings.index(id_("Account no."))
    assert {row[account] for row in rows} == {namesakes["phone"].pk, namesakes["email"].pk}


def test_a_learners_search_by_phone_exports_the_rows_found(staff_client):
    rows = csv_dicts(content_of(staff_client.get(reverse("learners:index"), {"q": "0812-3450-0001", "export": "csv"})))

    assert [row[id_("Learner")] for row in rows] == ["Budi Santoso"]


# --- Every CSV staff open in a spreadsheet starts with a byte-order mark ----------------------------------


def test_every_staff_csv_starts_with_a_utf8_byte_order_mark(staff_client, records, world):
    government = records["users"]["government"]
    facilitator = records["users"]["facilitator"]
    exits = {
        "completion records": (government, REPORT),
        "learners": (government, reverse("learners:index")),
        "suara warga": (government, reverse("suara_warga:index")),
        "wagtail's own reports": (get_user_model().objects.create_superuser("admin", "a@contoh.id", "x"), None),
        "class progress": (facilitator, reverse("cohorts:progress_csv", args=[world["own"].pk])),
        "roster template": (facilitator, reverse("cohorts:roster_template", args=[world["own"].pk])),
    }
    for name, (user, url) in exits.items():
        staff_client.force_login(user)
        if url is None:
            url = "/admin/reports/aging-pages/"
        params = {"export": "csv"} if "csv" not in url else {}
        content = content_of(staff_client.get(url, params))
        assert content.startswith(BOM), name
        assert not content.startswith(BOM + BOM), name


def test_a_name_with_indonesian_letters_survives_the_csv(staff_client, world):
    user = factories.learner(full_name="Nur\u2019aini Sé", email="nuraini@contoh.id")
    factories.enrolment(user=user, course=world["own_course"], cohort=world["own"])

    (row,) = csv_dicts(content_of(staff_client.get(REPORT, {"q": "nuraini", "export": "csv"})))

    assert row[id_("Resident")] == "Nur\u2019aini Sé"


def test_the_open_data_csvs_stay_plain_utf8_for_the_programs_that_read_them(client, records):
    # Public and machine-read (reports.open_data_views): a byte-order mark would become part of the first heading.
    for url in ("/data/ringkasan.csv", "/data/forum.csv"):
        assert not client.get(url).content.startswith(BOM)
