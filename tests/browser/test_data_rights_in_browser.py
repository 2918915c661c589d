"""A resident takes their data and leaves, in a real browser on a phone: the ZIP downloads, the
account is deleted with the password, and it cannot log in again."""

import json
import zipfile

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.browser.conftest import PHONE

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=PHONE, accept_downloads=True)
    page = context.new_page()
    page.violations = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and page.violations.append(message.text),
    )
    yield page
    context.close()


def test_a_resident_downloads_their_data_then_deletes_their_account(demo_site, live_server, page, log_in):
    resident = get_user_model().objects.get(username="warga2")  # has a completed course and its certificate
    name = resident.get_full_name()
    log_in(page, "warga2")

    page.goto(live_server.url + "/saya/profil/")
    page.get_by_role("link", name="Data saya: unduh, tarik persetujuan, atau hapus akun").click()
    expect(page.get_by_role("heading", name="Data saya", exact=True)).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh data saya (ZIP)").click()
    archive = zipfile.ZipFile(download.value.path())
    data = json.loads(archive.read("data.json"))
    assert data["profile"]["name"] == name
    assert data["certificates"] and archive.read(data["certificates"][0]["file"]).startswith(b"%PDF-")

    page.get_by_role("link", name="Hapus akun saya", exact=True).click()
    page.get_by_label("Kata sandi Anda").fill("bukan-sandinya")
    page.get_by_role("button", name="Hapus akun saya untuk selamanya").click()
    expect(page.get_by_role("alert")).to_contain_text("Ini bukan kata sandi Anda")
    page.get_by_label("Kata sandi Anda").fill("demo12345")
    page.get_by_role("button", name="Hapus akun saya untuk selamanya").click()

    expect(page.get_by_text("Akun Anda telah dihapus")).to_be_visible()
    resident.refresh_from_db()
    assert resident.erased_at is not None and resident.get_full_name() == "akun dihapus"
    page.goto(live_server.url + "/saya/")
    assert "/akun/masuk/" in page.url  # logged out, for good
    assert page.violations == []
