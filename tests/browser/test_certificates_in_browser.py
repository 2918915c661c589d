"""A graduate downloads their certificate on a phone; anyone follows its QR code or types its code."""

import re
from urllib.parse import urlsplit

import pypdfium2
import zxingcpp
from playwright.sync_api import expect

from certificates.models import Certificate
from tests.browser.conftest import PHONE
from tests.browser.test_learning_journey_in_browser import assert_fits_and_accessible


def test_a_graduate_downloads_the_certificate_and_its_qr_code_opens_the_valid_verification_page(
    new_tab, demo_site, live_server, phone
):
    certificate = Certificate.objects.get(enrolment__user__username="warga2")
    graduate = new_tab("warga2", viewport=PHONE)
    graduate.goto(live_server.url + "/saya/")
    with graduate.expect_download() as download:
        graduate.get_by_role("link", name="Unduh sertifikat (PDF)").click()
    with open(download.value.path(), "rb") as file:
        pdf = file.read()
    assert pdf.startswith(b"%PDF")
    assert download.value.suggested_filename == f"sertifikat-{certificate.display_code}.pdf"

    page_image = pypdfium2.PdfDocument(pdf)[0].render(scale=3).to_pil()
    (qr_url,) = [barcode.text for barcode in zxingcpp.read_barcodes(page_image)]
    phone.goto(live_server.url + urlsplit(qr_url).path)  # the site's public address, served here by the test server
    expect(phone.get_by_text("Sertifikat ini sah")).to_be_visible()
    expect(phone.get_by_text("Budi Santoso").first).to_be_visible()
    assert_fits_and_accessible(phone)


def test_anyone_types_the_code_in_any_case_with_dashes_and_reaches_the_certificate(demo_site, live_server, phone):
    certificate = Certificate.objects.get(enrolment__user__username="warga2")
    phone.goto(live_server.url + "/sertifikat/verifikasi/")
    assert_fits_and_accessible(phone)
    phone.get_by_label(re.compile("Kode sertifikat")).fill(certificate.display_code.lower())
    phone.get_by_role("button", name=re.compile("Periksa")).first.click()
    expect(phone.get_by_text("Sertifikat ini sah")).to_be_visible()
    assert phone.url.endswith(f"/sertifikat/verifikasi/{certificate.code}/")
