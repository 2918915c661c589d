"""Anyone checks a certificate: by its code, its PDF file or its Open Badges JSON, and sees only the public facts."""

import datetime
import os
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.html import strip_tags

from certificates import verification_throttle
from certificates.models import Certificate, CertificateVersion
from certificates.services import certificate_issue, certificate_reissue, certificate_revoke
from tests import factories

pytestmark = pytest.mark.django_db

WITA = ZoneInfo(settings.TIME_ZONE)
REVOCATION_REASON = "Nilai kuis dipalsukan oleh peserta"


@pytest.fixture
def graduate():
    """A resident with every kind of personal data the verification must keep to itself."""
    return factories.learner(
        full_name="Ni Luh Ayu Setiawati",
        email="ayu.setiawati@contoh.id",
        phone="081234567890",
        kelurahan=factories.kelurahan("6471050003", "Klandasan Ilir", kecamatan="Balikpapan Kota"),
    )


@pytest.fixture
def certificate(completed_enrolment, graduate):
    enrolment = completed_enrolment(
        resident=graduate, completed_at=datetime.datetime(2026, 11, 27, 10, 30, tzinfo=WITA)
    )
    return certificate_issue(enrolment_id=enrolment.pk)


def verify_url(code):
    return reverse("certificates:verify", kwargs={"code": code})


def credential_url(code):
    return reverse("certificates:credential", kwargs={"code": code})


def lookup_url():
    return reverse("certificates:lookup")


def current_version(certificate):
    return CertificateVersion.objects.get(certificate=certificate, superseded_at__isnull=True)


def pdf_upload(content, name="sertifikat.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def file_of(version):
    with version.pdf.open("rb") as file:
        return file.read()


def revoke(certificate, when=datetime.datetime(2026, 12, 3, 9, 0, tzinfo=WITA)):
    """Revoke through the service, then move the revocation to a known time for the assertions."""
    staff = factories.resident(username="pemkot")
    certificate_revoke(certificate=certificate, revoked_by=staff, reason=REVOCATION_REASON)
    Certificate.objects.filter(pk=certificate.pk).update(revoked_at=when)


# --- the certificate's page


def test_valid_certificate_page_shows_name_course_organisation_date_and_code(client, certificate):
    response = client.get(verify_url(certificate.code))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Sertifikat ini sah: diterbitkan oleh Sekolah Warga." in html
    assert "Ni Luh Ayu Setiawati" in html
    assert "Hak dan Kewajiban Warga" in html
    assert "Yayasan Lingkungan Lestari" in html
    assert "27 November 2026" in html
    assert certificate.display_code in html


def test_valid_certificate_page_never_shows_the_residents_email_phone_or_kelurahan(client, certificate):
    html = client.get(verify_url(certificate.code)).content.decode()

    assert "ayu.setiawati@contoh.id" not in html
    assert "081234567890" not in html
    assert "Klandasan Ilir" not in html
    assert "Balikpapan Kota" not in html
    assert ".pdf" not in html  # no address of a version's file


def test_verification_page_is_not_cached_and_not_indexed(client, certificate):
    response = client.get(verify_url(certificate.code))

    assert "no-cache" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


def test_verification_page_reads_the_certificate_in_two_queries(client, certificate, django_assert_num_queries):
    client.get(verify_url(certificate.code))  # warm the menu's and the site's caches

    with django_assert_num_queries(2):  # the certificate, then its current version
        response = client.get(verify_url(certificate.code))
    assert response.status_code == 200


def test_revoked_certificate_page_shows_the_revocation_date_but_never_the_reason(client, certificate):
    revoke(certificate)

    response = client.get(verify_url(certificate.code))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Dicabut: sertifikat ini tidak berlaku lagi." in html
    assert "dicabut pada 3 Desember 2026" in html
    assert "Sertifikat ini sah" not in html
    assert REVOCATION_REASON not in html
    assert "pemkot" not in html


def test_certificate_without_a_file_yet_is_being_issued_not_missing(client, completed_enrolment):
    certificate = Certificate.objects.create(enrolment=completed_enrolment())

    response = client.get(verify_url(certificate.code))

    assert response.status_code == 200
    assert "Sertifikat ini sedang diterbitkan." in response.content.decode()
    assert "tidak ditemukan" not in response.content.decode()


def test_unknown_code_is_not_found_with_the_lookup_form(client, certificate):
    unknown = "7KQ2MX9D4T" if certificate.code != "7KQ2MX9D4T" else "7KQ2MX9D4V"

    response = client.get(verify_url(unknown))

    assert response.status_code == 404
    html = response.content.decode()
    assert "Sertifikat tidak ditemukan" in html
    assert f"Tidak ada sertifikat dengan kode {unknown[:4]}-{unknown[4:8]}-{unknown[8:]}." in html
    assert 'name="kode"' in html


def test_malformed_code_in_the_address_is_not_found_and_says_what_is_wrong(client, db):
    response = client.get(verify_url("ABC"))

    assert response.status_code == 404
    assert "Kode sertifikat terdiri dari 10 huruf dan angka; Anda mengetik 3." in response.content.decode()


def test_code_with_dashes_or_small_letters_redirects_permanently_to_the_canonical_address(client, certificate):
    code = certificate.code
    typed = f"{code[:4]}-{code[4:8]}-{code[8:]}".lower()

    response = client.get(verify_url(typed))

    assert response.status_code == 301
    assert response["Location"] == verify_url(code)


def test_credential_address_with_dashes_redirects_to_the_canonical_one(client, certificate):
    response = client.get(credential_url(certificate.display_code.lower()))

    assert response.status_code == 301
    assert response["Location"] == credential_url(certificate.code)


# --- the lookup form


def test_lookup_page_offers_the_code_form_and_the_file_form(client, db):
    response = client.get(lookup_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "Periksa keaslian sertifikat" in html
    assert '<label for="id_kode">Kode sertifikat</label>' in html
    assert '<label for="id_berkas">Berkas PDF sertifikat</label>' in html
    assert 'enctype="multipart/form-data"' in html
    assert "csrfmiddlewaretoken" in html


def test_lookup_accepts_a_code_with_dashes_spaces_and_small_letters(client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(code="7KQ2MX9D10")

    response = client.get(lookup_url(), {"kode": " 7kq2-mx9d io "})  # I and O typed for 1 and 0

    assert response.status_code == 302
    assert response["Location"] == verify_url("7KQ2MX9D10")
    assert "Ni Luh Ayu Setiawati" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(("typed", "message"), [
    pytest.param(
        "7KQ2-MX9D",
        "Kode sertifikat terdiri dari 10 huruf dan angka; Anda mengetik 8.",
        id="lookup_with_a_short_code_says_how_long_a_code_is",
    ),
    pytest.param(
        "7KQ2-MX9D-4U", "karakter ini tidak pernah dipakai: U.", id="lookup_with_characters_codes_never_use_names_them"
    ),
    pytest.param("", "Ketik kode yang tercetak di sertifikat.", id="lookup_with_an_empty_code_asks_for_one"),
])  # fmt: skip
def test_a_code_typed_wrong_is_refused_saying_what_is_wrong(client, db, typed, message):
    response = client.get(lookup_url(), {"kode": typed})

    assert response.status_code == 200
    assert message in response.content.decode()


def test_a_wrong_code_is_named_next_to_its_field_and_in_the_summary_that_links_to_it(client, db):
    response = client.get(lookup_url(), {"kode": "7KQ2-MX9D"})

    soup = BeautifulSoup(response.content, "html.parser")
    message = "Kode sertifikat terdiri dari 10 huruf dan angka; Anda mengetik 8."
    field = soup.find("input", id="id_kode").find_parent(class_="field")
    assert "field-has-error" in field["class"]
    assert field.find(class_="errorlist", id="id_kode_error").get_text(strip=True) == message
    control = field.find("input", id="id_kode")
    assert control["aria-invalid"] == "true"
    assert control["aria-describedby"].split() == ["id_kode_helptext", "id_kode_error"]
    assert field.find(id="id_kode_helptext").get_text(strip=True).startswith("Tercetak di sertifikat")
    summary = soup.find(role="alert")
    assert summary.find("a", href="#id_kode").get_text(strip=True) == f"Kode sertifikat: {message}"


def test_a_file_refused_is_named_next_to_the_file_field(client, db):
    response = client.post(lookup_url(), {"berkas": pdf_upload(b"Bukan sertifikat", name="sertifikat.pdf")})

    soup = BeautifulSoup(response.content, "html.parser")
    field = soup.find("input", id="id_berkas").find_parent(class_="field")
    message = "Ini bukan berkas PDF. Pilih berkas PDF sertifikat."
    assert field.find(class_="errorlist", id="id_berkas_error").get_text(strip=True) == message
    assert soup.find(role="alert").find("a", href="#id_berkas")
    assert soup.find("input", id="id_kode").get("aria-invalid") is None


# --- checking a PDF file


def test_uploading_the_current_file_says_it_is_genuine_with_the_public_facts(client, certificate):
    response = client.post(lookup_url(), {"berkas": pdf_upload(file_of(current_version(certificate)))})

    assert response.status_code == 200
    html = response.content.decode()
    assert f"Asli: ini berkas terbaru sertifikat {certificate.display_code}." in strip_tags(html)
    assert "Ni Luh Ayu Setiawati" in html
    assert "27 November 2026" in html
    assert f'href="{verify_url(certificate.code)}"' in html
    assert "ayu.setiawati@contoh.id" not in html


def test_uploading_an_earlier_file_after_a_reissue_says_when_it_was_superseded(client, certificate):
    old_file = file_of(current_version(certificate))
    certificate_reissue(certificate=certificate)
    CertificateVersion.objects.filter(certificate=certificate, number=1).update(
        superseded_at=datetime.datetime(2026, 12, 1, 8, 0, tzinfo=WITA)
    )

    response = client.post(lookup_url(), {"berkas": pdf_upload(old_file)})

    html = response.content.decode()
    assert f"Ini berkas lama sertifikat {certificate.display_code}, sudah diganti pada 1 Desember 2026." in strip_tags(
        html
    )
    assert f'href="{verify_url(certificate.code)}"' in html
    assert "Asli:" not in html


def test_uploading_a_file_of_a_revoked_certificate_says_it_was_revoked(client, certificate):
    revoke(certificate)

    response = client.post(lookup_url(), {"berkas": pdf_upload(file_of(current_version(certificate)))})

    html = response.content.decode()
    assert f"Berkas ini milik sertifikat {certificate.display_code}, yang dicabut pada 3 Desember 2026." in strip_tags(
        html
    )
    assert REVOCATION_REASON not in html


def test_uploading_a_pdf_never_issued_says_so(client, certificate):
    response = client.post(lookup_url(), {"berkas": pdf_upload(b"%PDF-1.7\n" + os.urandom(2000))})

    html = response.content.decode()
    assert "Sekolah Warga tidak pernah menerbitkan berkas ini dalam bentuk seperti ini." in html
    assert "Ni Luh Ayu Setiawati" not in html


def test_uploading_a_changed_copy_of_the_current_file_is_never_issued(client, certificate):
    changed = file_of(current_version(certificate)) + b"\n% diubah\n"

    response = client.post(lookup_url(), {"berkas": pdf_upload(changed)})

    assert "tidak pernah menerbitkan berkas ini" in response.content.decode()


@pytest.mark.parametrize(("content", "message"), [
    pytest.param(
        b"Bukan sertifikat",
        "Ini bukan berkas PDF. Pilih berkas PDF sertifikat.",
        id="uploading_a_file_that_is_not_a_pdf_is_refused",
    ),
    pytest.param(b"", "Berkas ini kosong. Pilih berkas PDF sertifikat.", id="uploading_an_empty_file_is_refused"),
    pytest.param(
        b"%PDF-1.7\n" + b"0" * (5 * 1024 * 1024),
        "berkas PDF sertifikat paling besar 5 MB.",
        id="uploading_a_file_over_five_megabytes_is_refused",
    ),
    pytest.param(None, "Pilih berkas PDF sertifikat.", id="posting_without_a_file_asks_for_one"),
])  # fmt: skip
def test_a_file_that_cannot_be_checked_is_refused_saying_why(client, db, content, message):
    response = client.post(lookup_url(), {} if content is None else {"berkas": pdf_upload(content)})

    assert message in response.content.decode()


def test_the_file_check_is_protected_against_cross_site_posts(db):
    response = Client(enforce_csrf_checks=True).post(lookup_url(), {"berkas": pdf_upload(b"%PDF-1.7\n")})

    assert response.status_code == 403


def test_checking_a_file_stores_nothing(client, certificate):
    versions = list(CertificateVersion.objects.values_list("pk", "sha256"))
    stored = sorted(os.listdir(os.path.join(settings.PRIVATE_MEDIA_ROOT, "certificates")))

    client.post(lookup_url(), {"berkas": pdf_upload(b"%PDF-1.7\n" + os.urandom(2000))})

    assert list(CertificateVersion.objects.values_list("pk", "sha256")) == versions
    assert sorted(os.listdir(os.path.join(settings.PRIVATE_MEDIA_ROOT, "certificates"))) == stored


# --- the rate limit


def test_lookups_past_the_limit_get_a_429_page_saying_when_to_try_again(client, certificate):
    for _number in range(verification_throttle.LOOKUP_LIMIT):
        assert client.get(verify_url(certificate.code)).status_code == 200

    response = client.get(verify_url(certificate.code))

    assert response.status_code == 429
    html = response.content.decode()
    assert "Terlalu banyak pemeriksaan" in html
    assert "Coba lagi setelah pukul" in html
    assert "Ni Luh Ayu Setiawati" not in html
    assert 0 < int(response["Retry-After"]) <= verification_throttle.WINDOW.total_seconds()


def test_uploads_and_json_count_towards_the_same_limit(client, certificate):
    for _number in range(verification_throttle.LOOKUP_LIMIT // 2):
        client.get(credential_url(certificate.code))
        client.post(lookup_url(), {"berkas": pdf_upload(b"%PDF-1.7\n")})

    assert client.post(lookup_url(), {"berkas": pdf_upload(b"%PDF-1.7\n")}).status_code == 429
    json_response = client.get(credential_url(certificate.code))
    assert json_response.status_code == 429
    assert json_response.json() == {"error": "Terlalu banyak pemeriksaan dari jaringan ini. Coba lagi nanti."}


def test_the_limit_is_per_client_address(client, certificate):
    for _number in range(verification_throttle.LOOKUP_LIMIT + 1):
        client.get(verify_url(certificate.code), REMOTE_ADDR="10.0.0.1")

    assert client.get(verify_url(certificate.code), REMOTE_ADDR="10.0.0.2").status_code == 200


def test_typing_malformed_codes_does_not_count_towards_the_limit(client, certificate):
    for _number in range(verification_throttle.LOOKUP_LIMIT + 5):
        client.get(lookup_url(), {"kode": "SALAH"})

    assert client.get(verify_url(certificate.code)).status_code == 200


# --- the Open Badges 3.0 credential


def test_credential_has_every_field_open_badges_3_requires(client, certificate):
    response = client.get(credential_url(certificate.code))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    data = response.json()
    assert data["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert data["id"] == settings.SITE_URL + credential_url(certificate.code)
    assert data["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert isinstance(data["name"], str) and "Hak dan Kewajiban Warga" in data["name"]
    issuer = data["issuer"]
    assert issuer["id"].startswith(settings.SITE_URL)
    assert issuer["type"] == ["Profile"]
    assert issuer["name"] == settings.WAGTAIL_SITE_NAME
    valid_from = datetime.datetime.fromisoformat(data["validFrom"])
    assert data["validFrom"].endswith("Z")
    assert valid_from == current_version(certificate).issued_at.replace(microsecond=0)
    assert "validUntil" not in data
    subject = data["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    assert subject["identifier"] == [
        {"type": "IdentityObject", "identityType": "name", "hashed": False, "identityHash": "Ni Luh Ayu Setiawati"}
    ]
    achievement = subject["achievement"]
    assert isinstance(achievement["id"], str) and achievement["id"].startswith("urn:uuid:")
    assert achievement["type"] == ["Achievement"]
    assert achievement["name"] == "Hak dan Kewajiban Warga"
    assert isinstance(achievement["description"], str) and achievement["description"]
    assert isinstance(achievement["criteria"]["narrative"], str) and achievement["criteria"]["narrative"]


def test_credential_describes_the_certificate_in_indonesian(client, certificate):
    data = client.get(credential_url(certificate.code)).json()

    assert data["description"] == (
        "Ni Luh Ayu Setiawati telah menyelesaikan kursus Hak dan Kewajiban Warga yang diselenggarakan oleh "
        "Yayasan Lingkungan Lestari pada 27 November 2026."
    )


def test_credential_carries_no_email_phone_or_kelurahan(client, certificate):
    body = client.get(credential_url(certificate.code)).content.decode()

    assert "ayu.setiawati@contoh.id" not in body
    assert "081234567890" not in body
    assert "Klandasan Ilir" not in body


def test_two_certificates_of_one_course_share_its_achievement_id(client, certificate, completed_enrolment):
    other = certificate_issue(enrolment_id=completed_enrolment().pk)

    first = client.get(credential_url(certificate.code)).json()["credentialSubject"]["achievement"]["id"]
    second = client.get(credential_url(other.code)).json()["credentialSubject"]["achievement"]["id"]

    assert first == second


def test_revoked_credential_is_valid_only_until_its_revocation_and_keeps_the_reason_to_itself(client, certificate):
    revoke(certificate)

    response = client.get(credential_url(certificate.code))

    assert response.status_code == 200
    data = response.json()
    assert data["validUntil"] == "2026-12-03T01:00:00Z"  # 09.00 WITA
    assert "dicabut pada 3 Desember 2026" in data["description"]
    assert REVOCATION_REASON not in response.content.decode()


def test_credential_of_an_unknown_code_is_a_404_json_error(client, db):
    response = client.get(credential_url("7KQ2MX9D4T"))

    assert response.status_code == 404
    assert response.json() == {"error": "Tidak ada sertifikat dengan kode ini."}


def test_credential_of_a_certificate_being_issued_is_not_there_yet(client, completed_enrolment):
    certificate = Certificate.objects.create(enrolment=completed_enrolment())

    response = client.get(credential_url(certificate.code))

    assert response.status_code == 404
    assert "sedang diterbitkan" in response.json()["error"]
