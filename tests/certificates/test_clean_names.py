"""A certificate prints a name as clean text: no bidirectional override or control character can
disguise it, whether the name was stored before names were cleaned or arrives by another path.
Issued versions are records of what was printed: the data migration leaves them, a re-issue cleans."""

import importlib
import io

import pypdf
import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from certificates import services
from certificates.models import Certificate, CertificateVersion
from organisations.models import Organisation

pytestmark = pytest.mark.django_db

User = get_user_model()


def current_version(certificate):
    return CertificateVersion.objects.get(certificate=certificate, superseded_at__isnull=True)


def pdf_text(version):
    with version.pdf.open("rb") as file:
        return " ".join(pypdf.PdfReader(io.BytesIO(file.read())).pages[0].extract_text().split())


def test_a_name_stored_before_cleaning_is_printed_clean(completed_enrolment):
    enrolment = completed_enrolment()
    # A name written before names were cleaned (around User.save(), which cleans now), and an
    # organisation's likewise.
    User.objects.filter(pk=enrolment.user_id).update(first_name="Budi\u202eSantoso", last_name="")
    Organisation.objects.update(name="Yayasan\u200b Lingkungan Lesta\u0301ri")

    certificate = services.certificate_issue(enrolment_id=enrolment.pk)

    version = current_version(certificate)
    assert (version.name, version.organisation_name) == ("BudiSantoso", "Yayasan Lingkungan Lest\u00e1ri")
    text = pdf_text(version)
    assert "BudiSantoso" in text
    assert "\u202e" not in text


def test_the_migration_leaves_issued_certificates_and_a_reissue_prints_the_clean_name(completed_enrolment):
    enrolment = completed_enrolment()
    User.objects.filter(pk=enrolment.user_id).update(first_name="Siti\u202e Rahmawati\x1b")
    certificate = services.certificate_issue(enrolment_id=enrolment.pk)
    # An old version, issued before names were cleaned, recorded the name as it was then.
    CertificateVersion.objects.filter(certificate=certificate).update(name="Siti\u202e Rahmawati\x1b")

    importlib.import_module("accounts.migrations.0006_clean_text").clean_text(apps, schema_editor=None)

    assert current_version(certificate).name == "Siti\u202e Rahmawati\x1b"  # what was printed stays on record
    assert User.objects.get(pk=enrolment.user_id).first_name == "Siti Rahmawati"

    services.certificate_reissue(certificate=Certificate.objects.get(pk=certificate.pk))

    version = current_version(certificate)
    assert (version.number, version.name) == (2, "Siti Rahmawati")
    assert "Siti Rahmawati" in pdf_text(version)
