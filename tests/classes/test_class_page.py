"""What a class's admin page shows: its fields as staff read them, and never the check-in secret.

The secret signs the QR check-in codes of the class's meetings: whoever reads it can forge attendance.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from classes.models import Cohort
from tests.classes.conftest import add_meetings

pytestmark = pytest.mark.django_db


def fields_shown(html):
    """The class page's fields as {label: value}, read from its definition list."""
    definitions = BeautifulSoup(html, "html.parser").find("dl")
    return {
        term.get_text(strip=True): term.find_next_sibling("dd").get_text(" ", strip=True)
        for term in definitions.find_all("dt")
    }


@pytest.fixture
def cohort(world):
    cohort = world["own"]
    # 19:57 UTC on 2 December is 03:57 WITA on 3 December: the day differs.
    Cohort.objects.filter(pk=cohort.pk).update(
        created_at=datetime.datetime(2026, 12, 2, 19, 57, 1, 306113, tzinfo=datetime.UTC),
        enrolment_open=True,
        min_attendance_percent=None,
    )
    add_meetings(cohort, 1)
    cohort.refresh_from_db()
    return cohort


def admin_screens(cohort):
    meeting = cohort.sessions.get()
    return {
        "class page": reverse("cohorts:inspect", args=[cohort.pk]),
        "classes": reverse("cohorts:index"),
        "edit": reverse("cohorts:edit", args=[cohort.pk]),
        "delete": reverse("cohorts:delete", args=[cohort.pk]),
        "history": reverse("cohorts:history", args=[cohort.pk]),
        "usage": reverse("cohorts:usage", args=[cohort.pk]),
        "progress": reverse("cohorts:progress", args=[cohort.pk]),
        "attendance": reverse("cohorts:attendance", args=[cohort.pk, meeting.pk]),
        "QR check-in screen": reverse("cohorts:check_in_qr", args=[cohort.pk, meeting.pk]),
    }


@pytest.mark.parametrize("role", ["facilitator", "government"])
def test_no_class_screen_shows_the_check_in_secret(client, world, cohort, role):
    client.force_login(world["users"][role])

    for screen, url in admin_screens(cohort).items():
        response = client.get(url)
        if response.status_code != 200:  # government staff may not edit, delete or show the QR code
            continue
        assert cohort.check_in_secret not in response.text, screen
        assert "Check in secret" not in response.text, screen


@pytest.mark.parametrize("role", ["facilitator", "government"])
def test_the_class_page_shows_its_fields_as_staff_read_them(client, world, cohort, role):
    client.force_login(world["users"][role])

    fields = fields_shown(client.get(reverse("cohorts:inspect", args=[cohort.pk])).text)

    assert fields["Terbuka untuk pendaftaran"] == "ya"
    assert fields["Kehadiran minimal (%)"] == "—"
    assert fields["Dibuat pada"] == "3 Desember 2026, 03.57"  # WITA, not UTC
    assert fields["Fasilitator"] == world["users"]["facilitator"].get_full_name()
    assert not any(value in ("True", "False", "None") for value in fields.values())


def test_the_class_page_shows_the_enrolment_code_once_where_it_says_how_residents_join(client, world, cohort):
    client.force_login(world["users"]["facilitator"])

    page = BeautifulSoup(client.get(reverse("cohorts:inspect", args=[cohort.pk])).text, "html.parser")

    join_section = page.find("section", attrs={"aria-labelledby": "join-heading"})
    assert cohort.enrolment_code in join_section.get_text()
    shown_alone = [text for text in page.find_all(string=True) if text.strip() == cohort.enrolment_code]
    assert len(shown_alone) == 1  # not again in the list of fields below


def test_a_closed_class_without_facilitators_reads_no_and_a_dash(client, world, cohort):
    Cohort.objects.filter(pk=cohort.pk).update(enrolment_open=False, min_attendance_percent=80)
    cohort.facilitators.clear()
    client.force_login(world["users"]["government"])

    fields = fields_shown(client.get(reverse("cohorts:inspect", args=[cohort.pk])).text)

    assert fields["Terbuka untuk pendaftaran"] == "tidak"
    assert fields["Kehadiran minimal (%)"] == "80"
    assert fields["Fasilitator"] == "—"
