"""The issued certificates in the admin: who sees which, what the listing shows, filters, search, inspect."""

import hashlib
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate, CertificateVersion
from certificates.services import certificate_reissue, certificate_revoke
from tests.certificates import admin_fixtures
from tests.certificates.admin_fixtures import completed_enrolment

pytestmark = pytest.mark.django_db

# Fixtures shared by the admin tests (tests/certificates/conftest.py belongs to the issuing tests).
world = admin_fixtures.world
certified = admin_fixtures.certified

ALLOW, DENY = "allow", "deny"
INDEX = reverse("issued_certificates:index")


def inspect_url(certificate):
    return reverse("issued_certificates:inspect", args=[certificate.pk])


def statuses(page):
    """The status shown in each row of the listing (the filter's options are not rows)."""
    return re.findall(r'<span class="w-status[^"]*">([^<]+)</span>', page)


def outcome(response):
    """200 is allowed; a refusal is a 404, a 403 or Wagtail's redirect away from the admin: never an error."""
    assert response.status_code in (200, 302, 403, 404), response.status_code
    return ALLOW if response.status_code == 200 else DENY


DETAIL_VIEWS = {
    "inspect": lambda certificate: inspect_url(certificate),
    "history": lambda certificate: reverse("issued_certificates:history", args=[certificate.pk]),
    "revoke form": lambda certificate: reverse("issued_certificates:revoke", args=[certificate.pk]),
}
# role -> (the facilitator's organisation's certificate, the other organisation's)
READ = {
    "facilitator": (ALLOW, DENY),
    "other facilitator": (DENY, ALLOW),
    "government": (ALLOW, ALLOW),
    "reviewer": (DENY, DENY),
    "author": (DENY, DENY),
    "resident": (DENY, DENY),
    "anonymous": (DENY, DENY),
}
REVOKERS = {"government"}


@pytest.mark.parametrize("view", DETAIL_VIEWS)
@pytest.mark.parametrize("role", READ)
@pytest.mark.parametrize("whose", ["own", "other"])
def test_certificate_screens_matrix(client, certified, role, view, whose):
    if role != "anonymous":
        client.force_login(certified["users"][role])

    response = client.get(DETAIL_VIEWS[view](certified["certificates"][whose]))

    allowed = READ[role][0 if whose == "own" else 1]
    if view == "revoke form" and role not in REVOKERS:
        allowed = DENY
    assert outcome(response) == allowed, f"{role} {view} ({whose}): {response.status_code}"


@pytest.mark.parametrize("view", ["inspect", "history", "revoke", "reissue", "retry"])
def test_another_organisations_certificate_is_not_found_by_url(client, certified, view):
    client.force_login(certified["users"]["facilitator"])
    stranger = certified["certificates"]["other"]
    url = reverse(f"issued_certificates:{view}", args=[stranger.pk])

    response = client.post(url, {"reason": "Coba"}) if view in ("revoke", "reissue", "retry") else client.get(url)

    assert response.status_code == 404
    stranger.refresh_from_db()
    assert not stranger.is_revoked
    assert stranger.versions.count() == 1


def test_a_facilitator_lists_only_their_organisations_learners_certificates(client, certified):
    client.force_login(certified["users"]["facilitator"])

    page = client.get(INDEX).text

    assert certified["certificates"]["own"].display_code in page
    assert certified["certificates"]["other"].display_code not in page
    assert "Dewi Lestari" not in page


def test_government_staff_list_every_certificate_with_name_course_class_status_and_date(client, certified):
    client.force_login(certified["users"]["government"])

    page = client.get(INDEX).text

    own, other = certified["certificates"]["own"], certified["certificates"]["other"]
    assert own.display_code in page and other.display_code in page
    assert "Budi Santoso" in page and "Dewi Lestari" in page
    assert "Pengelolaan Sampah" in page  # the course of Lestari's class
    assert "Kelas Sepinggan" in page
    assert statuses(page) == ["Diterbitkan", "Diterbitkan"]
    today = timezone.localdate()
    assert f"{today.day} " in page and str(today.year) in page


@pytest.mark.parametrize("role", ["reviewer", "author"])
def test_people_who_see_no_learners_are_refused_the_listing(client, certified, role):
    client.force_login(certified["users"][role])

    assert outcome(client.get(INDEX)) == DENY


def test_the_failed_filter_shows_failed_certificates_with_their_reason(client, certified):
    enrolment = completed_enrolment(certified["own"], "Rina Gagal")
    failed = Certificate.objects.create(
        enrolment=enrolment, failed_at=timezone.now(), failure_reason="OSError: font tidak ditemukan"
    )
    client.force_login(certified["users"]["government"])

    page = client.get(INDEX, {"status": "failed"}).text

    assert failed.display_code in page
    assert statuses(page) == ["Gagal diterbitkan"]
    assert "OSError: font tidak ditemukan" in page
    assert certified["certificates"]["own"].display_code not in page


def test_the_revoked_filter_shows_only_revoked_certificates(client, certified):
    revoked = certificate_revoke(
        certificate=certified["certificates"]["own"], revoked_by=certified["users"]["government"], reason="Data palsu"
    )
    client.force_login(certified["users"]["government"])

    page = client.get(INDEX, {"status": "revoked"}).text

    assert revoked.display_code in page
    assert statuses(page) == ["Dicabut"]
    assert certified["certificates"]["other"].display_code not in page


def test_a_certificate_without_a_version_yet_is_being_made(client, certified):
    making = Certificate.objects.create(enrolment=completed_enrolment(certified["own"], "Sari Baru"))
    client.force_login(certified["users"]["facilitator"])

    page = client.get(INDEX, {"status": "making"}).text

    assert making.display_code in page
    assert "Sari Baru" in page
    assert statuses(page) == ["Sedang dibuat"]


def test_the_course_filter_keeps_one_courses_certificates(client, certified):
    client.force_login(certified["users"]["government"])

    page = client.get(INDEX, {"course": certified["other"].course.pk}).text

    assert certified["certificates"]["other"].display_code in page
    assert certified["certificates"]["own"].display_code not in page


def test_a_facilitators_course_filter_offers_only_courses_of_their_certificates(client, certified):
    client.force_login(certified["users"]["facilitator"])

    page = client.get(INDEX).text

    assert "Pengelolaan Sampah" in page
    assert "Anggaran Kelurahan" not in page  # the other organisation's class's course


@pytest.mark.parametrize("typed", ["exact", "lower case with dashes", "look-alike letters"])
def test_search_finds_a_certificate_by_its_code_however_it_was_typed(client, certified, typed):
    certificate = certified["certificates"]["own"]
    certificate.code = "7KQ21MX90T"
    certificate.save(update_fields=["code"])
    query = {"exact": "7KQ21MX90T", "lower case with dashes": "7kq2-1mx9-0t", "look-alike letters": "7KQ2 IMX9 OT"}[
        typed
    ]
    client.force_login(certified["users"]["government"])

    page = client.get(INDEX, {"q": query}).text

    assert "7KQ2-1MX9-0T" in page
    assert certified["certificates"]["other"].display_code not in page


def test_search_finds_a_certificate_by_the_name_on_it(client, certified):
    client.force_login(certified["users"]["government"])

    page = client.get(INDEX, {"q": "dewi"}).text

    assert certified["certificates"]["other"].display_code in page
    assert certified["certificates"]["own"].display_code not in page


def test_a_facilitators_search_never_reaches_another_organisations_certificate(client, certified):
    client.force_login(certified["users"]["facilitator"])

    page = client.get(INDEX, {"q": certified["certificates"]["other"].code}).text

    assert certified["certificates"]["other"].display_code not in page


def _certificates_without_files(cohort, count, start):
    """Certificates with a recorded version but no rendered PDF: the listing reads no file."""
    for number in range(start, start + count):
        certificate = Certificate.objects.create(enrolment=completed_enrolment(cohort, f"Peserta Nomor {number}"))
        CertificateVersion.objects.create(
            certificate=certificate,
            number=1,
            name=f"Peserta Nomor {number}",
            course_title=cohort.course.title,
            organisation_name=cohort.organisation.name,
            completed_on=timezone.localdate(),
            pdf=f"certificates/{certificate.code}-v1.pdf",
            sha256=hashlib.sha256(str(number).encode()).hexdigest(),
        )


@pytest.mark.parametrize("role", ["government", "facilitator"])
def test_the_listings_queries_do_not_grow_with_its_rows(client, world, role):
    client.force_login(world["users"][role])
    _certificates_without_files(world["own"], 3, start=1)
    with CaptureQueriesContext(connection) as three:
        assert client.get(INDEX).text.count("Peserta Nomor") == 3

    _certificates_without_files(world["own"], 7, start=4)
    with CaptureQueriesContext(connection) as ten:
        assert client.get(INDEX).text.count("Peserta Nomor") == 10

    assert len(ten) == len(three)


def test_the_inspect_page_shows_every_version_and_the_revocation(client, certified):
    certificate = certified["certificates"]["own"]
    certificate_reissue(certificate=certificate)
    certificate_revoke(certificate=certificate, revoked_by=certified["users"]["government"], reason="Nama dipalsukan")
    versions = list(certificate.versions.order_by("number"))
    client.force_login(certified["users"]["government"])

    page = client.get(inspect_url(certificate)).text

    for version in versions:
        assert version.sha256 in page
    assert "Versi saat ini" in page
    assert "Digantikan pada" in page
    assert "Dicabut oleh" in page
    assert "Nama dipalsukan" in page
    assert "Cabut sertifikat" not in page  # no second revocation offered


@pytest.mark.parametrize(("role", "shown"), [("government", True), ("facilitator", True), ("author", False)])
def test_the_certificates_menu_shows_issued_certificates_to_those_who_see_them(client, world, role, shown):
    client.force_login(world["users"][role])

    page = client.get(reverse("wagtailadmin_home")).text

    assert ("Sertifikat terbit" in page) == shown
