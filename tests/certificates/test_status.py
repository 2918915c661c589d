"""Where a certificate stands: one rule (certificates.models.certificate_status) and one label per status,
the same on every screen and in every export that shows it."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from certificates.models import Certificate, CertificateVersion, certificate_status
from certificates.selectors import certificate_states
from courses.models import Enrolment
from tests.certificates import admin_fixtures

pytestmark = pytest.mark.django_db

world = admin_fixtures.world

ISSUED, REVOKED, FAILED, MAKING = (
    Certificate.Status.ISSUED,
    Certificate.Status.REVOKED,
    Certificate.Status.FAILED,
    Certificate.Status.MAKING,
)
REPORT = "/admin/laporan/kelulusan/"


def certificate(enrolment, *, versions=(), failed=False, revoked=False, revoked_by=None):
    """A certificate with these versions ("current" or "superseded"), failed or revoked as asked (no PDF is made)."""
    made = Certificate.objects.create(
        enrolment=enrolment,
        failed_at=timezone.now() if failed else None,
        failure_reason="OSError: font tidak ditemukan" if failed else "",
        revoked_at=timezone.now() if revoked else None,
        revocation_reason="Data palsu." if revoked else "",
        revoked_by=revoked_by if revoked else None,
    )
    for number, kind in enumerate(versions, start=1):
        CertificateVersion.objects.create(
            certificate=made,
            number=number,
            name=enrolment.user.first_name,
            course_title=enrolment.course.title,
            organisation_name=enrolment.course.organisation.name,
            completed_on=datetime.date(2026, 11, 20),
            pdf=f"certificates/{made.code}-v{number}.pdf",
            sha256=f"{made.code}{number}".ljust(64, "0"),
            superseded_at=timezone.now() if kind == "superseded" else None,
        )
    return made


@pytest.mark.parametrize(
    ("timestamps", "expected"),
    [
        ({}, MAKING),
        ({"versions": ["superseded"]}, MAKING),  # no current version (yet): still being made
        ({"versions": ["current"]}, ISSUED),
        ({"versions": ["superseded", "current"]}, ISSUED),
        ({"failed": True}, FAILED),
        ({"failed": True, "versions": ["current"]}, ISSUED),  # a current version outweighs a failure
        ({"revoked": True}, REVOKED),
        ({"revoked": True, "versions": ["current"]}, REVOKED),  # revocation outweighs everything
        ({"revoked": True, "failed": True}, REVOKED),
    ],
    ids=lambda value: (
        ("-".join(f"{key}={val}" for key, val in value.items()) or "nothing") if isinstance(value, dict) else value
    ),
)
def test_the_status_follows_from_the_timestamps_by_one_rule_wherever_it_is_read(world, timestamps, expected):
    enrolment = admin_fixtures.completed_enrolment(world["own"], "Sari Dewi")
    made = certificate(enrolment, **timestamps)

    assert Certificate.objects.with_status().get(pk=made.pk).status == expected
    # From an enrolment (the reports), and on the resident's dashboard: the same rule.
    from_enrolment = Enrolment.objects.annotate(certificate_status=certificate_status("certificate")).get(
        pk=enrolment.pk
    )
    assert from_enrolment.certificate_status == expected
    assert certificate_states(enrolment_ids=[enrolment.pk])[enrolment.pk].status == expected


def test_each_status_has_one_label_in_each_language():
    with translation.override("id"):
        assert {status.value: str(status.label) for status in Certificate.Status} == {
            "making": "Sedang dibuat",
            "issued": "Diterbitkan",
            "failed": "Gagal diterbitkan",
            "revoked": "Dicabut",
        }
    with translation.override("en"):
        assert {status.value: str(status.label) for status in Certificate.Status} == {
            "making": "Being made",
            "issued": "Issued",
            "failed": "Issuing failed",
            "revoked": "Revoked",
        }


def _status_cells(html):
    return [span.get_text(strip=True) for span in BeautifulSoup(html, "html.parser").select("td span.w-status")]


def _status_in(element):
    """The text of the <dd> after the first <dt> "Status" in `element`."""
    status = next(dt for dt in element.find_all("dt") if dt.get_text(strip=True) == "Status")
    return status.find_next_sibling("dd").get_text(strip=True)


def _report_rows(html):
    table = BeautifulSoup(html, "html.parser").find("table", class_="listing")
    return [[cell.get_text(" ", strip=True) for cell in row.find_all("td")] for row in table.tbody.find_all("tr")]


@pytest.mark.parametrize(
    ("timestamps", "status", "label"),
    [
        ({}, MAKING, "Sedang dibuat"),
        ({"versions": ["current"]}, ISSUED, "Diterbitkan"),
        ({"failed": True}, FAILED, "Gagal diterbitkan"),
        ({"revoked": True, "versions": ["current"]}, REVOKED, "Dicabut"),
    ],
    ids=["making", "issued", "failed", "revoked"],
)
def test_every_screen_and_export_shows_the_same_label_for_the_same_certificate(
    client, world, timestamps, status, label
):
    enrolment = admin_fixtures.completed_enrolment(world["own"], "Sari Dewi")
    made = certificate(enrolment, revoked_by=world["users"]["government"], **timestamps)
    client.force_login(world["users"]["government"])

    # The admin's list of issued certificates, filtered by that status, and the certificate's own page.
    assert _status_cells(client.get(reverse("issued_certificates:index"), {"status": status}).text) == [label]
    inspect = client.get(reverse("issued_certificates:inspect", args=[made.pk])).text
    assert _status_in(BeautifulSoup(inspect, "html.parser")) == label

    # The completion records: the page (filtered by that status), its CSV (COPY on PostgreSQL) and its XLSX.
    assert [row[-1] for row in _report_rows(client.get(REPORT, {"certificate": status}).text)] == [label]
    exported = list(
        csv.reader(io.StringIO(b"".join(client.get(REPORT, {"export": "csv"}).streaming_content).decode("utf-8-sig")))
    )
    assert [row[-1] for row in exported[1:] if row[0] == "Sari Dewi"] == [label]
    sheet = load_workbook(io.BytesIO(client.get(REPORT, {"export": "xlsx"}).content), read_only=True).active
    assert [row[-1] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0] == "Sari Dewi"] == [label]

    # The learner record: its certificate section (the enrolment has a status of its own above it).
    record = BeautifulSoup(client.get(reverse("reports_learner_record", args=[enrolment.user.pk])).text, "html.parser")
    section = record.find("h3", string="Sertifikat").find_next("dl")
    assert _status_in(section).startswith(f"{label} (")
