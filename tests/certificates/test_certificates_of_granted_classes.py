"""A certificate from a class that another organisation ran, with the course owner's grant, names both:
on the PDF, on the verification page and in its Open Badges JSON. One from the owner's own class, or
without a class, names one organisation as before."""

import io

import pypdf
import pytest
from django.urls import reverse
from django.utils import translation

from certificates.models import CertificateVersion
from certificates.services import certificate_issue
from classes.models import CohortEnrolment
from tests.certificates import admin_fixtures
from tests.certificates.admin_fixtures import completed_enrolment
from tests.classes.conftest import make_cohort

pytestmark = pytest.mark.django_db

world = admin_fixtures.world

OWNER, RUNNER = "Yayasan Lingkungan Lestari", "Perkumpulan Warga Cerdas"


@pytest.fixture
def granted(world):
    """Cerdas ran a class of Lestari's course (make_cohort gives it Lestari's grant); Budi completed it."""
    cohort = make_cohort(
        course=world["own_course"],
        organisation=world["cerdas"],
        facilitators=[world["users"]["other facilitator"]],
        name="Kelas Sampah Cerdas",
    )
    certificate = certificate_issue(enrolment_id=completed_enrolment(cohort, "Budi Santoso").pk)
    return {**world, "certificate": certificate, "version": certificate.versions.get()}


def pdf_text(version):
    with version.pdf.open("rb") as file:
        return " ".join(pypdf.PdfReader(io.BytesIO(file.read())).pages[0].extract_text().split())


def test_the_certificate_records_the_owner_and_the_organisation_that_ran_the_class(granted):
    version = granted["version"]

    assert (version.organisation_name, version.runner_name) == (OWNER, RUNNER)


def test_the_pdf_names_the_courses_owner_and_the_organisation_that_ran_the_class(granted):
    text = pdf_text(granted["version"])

    with translation.override("id"):
        line = translation.gettext("A course of %(owner)s, in a class run by %(runner)s.")
    assert " ".join((line % {"owner": OWNER, "runner": RUNNER}).split()) in text


def test_a_certificate_of_the_owners_own_class_names_it_once(world):
    certificate = certificate_issue(enrolment_id=completed_enrolment(world["own"], "Sari Dewi").pk)
    version = certificate.versions.get()

    assert version.runner_name == version.organisation_name == OWNER
    assert pdf_text(version).count(OWNER) == 1


def test_the_verification_page_names_both_organisations(client, granted):
    page = client.get(reverse("certificates:verify", args=[granted["certificate"].code])).text

    assert OWNER in page and RUNNER in page
    # Each under its own heading: the course's owner, then who ran the class.
    assert page.index(OWNER) < page.index(RUNNER)


def test_the_verification_page_of_a_self_run_class_shows_one_organisation(client, world):
    certificate = certificate_issue(enrolment_id=completed_enrolment(world["own"], "Sari Dewi").pk)

    page = client.get(reverse("certificates:verify", args=[certificate.code])).text

    assert "Penyelenggara" in page  # "Run by", as before
    assert RUNNER not in page


def test_the_open_badges_json_names_the_owner_as_creator_and_the_runner_as_source(client, granted):
    data = client.get(reverse("certificates:credential", args=[granted["certificate"].code])).json()

    subject = data["credentialSubject"]
    assert subject["achievement"]["creator"]["name"] == OWNER
    assert subject["achievement"]["creator"]["type"] == ["Profile"]
    assert subject["source"]["name"] == RUNNER
    assert subject["source"]["id"].startswith("urn:uuid:")
    assert OWNER in data["description"] and RUNNER in data["description"]


def test_the_open_badges_json_of_a_self_run_class_has_no_source(client, world):
    certificate = certificate_issue(enrolment_id=completed_enrolment(world["own"], "Sari Dewi").pk)

    data = client.get(reverse("certificates:credential", args=[certificate.code])).json()

    assert "source" not in data["credentialSubject"]
    assert data["credentialSubject"]["achievement"]["creator"]["name"] == OWNER


def test_the_migration_gives_old_certificates_their_classs_organisation_or_the_owner(migrate_to, world):
    in_cerdas_class = certificate_issue(
        enrolment_id=completed_enrolment(
            make_cohort(course=world["own_course"], organisation=world["cerdas"], name="Kelas Lama"), "Budi Santoso"
        ).pk
    )
    without_class = certificate_issue(enrolment_id=_classless_completion(world).pk)
    in_own_class = certificate_issue(enrolment_id=completed_enrolment(world["own"], "Sari Kelas Sendiri").pk)
    # The owner renamed since: its own class's certificates still name it once, as printed.
    type(world["lestari"]).objects.filter(pk=world["lestari"].pk).update(name="Yayasan Lestari Baru")

    # The database as it was before the field existed (the classes' move undone with it, which puts each
    # enrolment's class back in its column), then the migration that fills it in.
    migrate_to([("certificates", "0003_certificate_holder_name_withheld_at")])
    migrate_to([("certificates", "0004_certificateversion_runner_name")])

    versions = {
        version.certificate_id: version
        for version in CertificateVersion.objects.only("certificate_id", "runner_name", "organisation_name")
    }
    assert versions[in_cerdas_class.pk].runner_name == RUNNER
    assert versions[without_class.pk].runner_name == versions[without_class.pk].organisation_name == OWNER
    assert versions[in_own_class.pk].runner_name == versions[in_own_class.pk].organisation_name == OWNER


def _classless_completion(world):
    enrolment = completed_enrolment(world["own"], "Tanpa Kelas")
    CohortEnrolment.objects.filter(enrolment=enrolment).delete()
    return enrolment


# --- The admin: the owner sees the certificates of classes others ran -----------------------------------

ALLOW, DENY = "allow", "deny"
# role -> (sees the certificate, may re-issue it): the owner reads, the class's organisation acts.
GRANTED_CERTIFICATE = {
    "facilitator": (ALLOW, DENY),  # Lestari: the course's owner
    "other facilitator": (ALLOW, ALLOW),  # Cerdas: ran the class
    "government": (ALLOW, DENY),
    "reviewer": (DENY, DENY),
    "author": (DENY, DENY),
    "resident": (DENY, DENY),
}


@pytest.mark.parametrize("role", GRANTED_CERTIFICATE)
def test_certificate_of_a_granted_class_matrix(client, granted, role):
    certificate = granted["certificate"]
    client.force_login(granted["users"][role])
    sees, reissues = GRANTED_CERTIFICATE[role]

    inspect = client.get(reverse("issued_certificates:inspect", args=[certificate.pk]))
    listing = client.get(reverse("issued_certificates:index"))
    client.post(reverse("issued_certificates:reissue", args=[certificate.pk]))

    assert (inspect.status_code == 200) == (sees == ALLOW)
    assert (listing.status_code == 200 and certificate.display_code in listing.text) == (sees == ALLOW)
    assert (certificate.versions.count() == 2) == (reissues == ALLOW)
