"""Signing up in a real browser on a 360 px phone: without JavaScript, and accessible."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests import factories
from tests.browser.accessibility import serious_violations

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "kata-sandi-rahasia"


@pytest.fixture
def balikpapan(wagtail_root):
    factories.kelurahan("6471010006", "Gunung Bahagia", kecamatan="Balikpapan Selatan")
    factories.kelurahan("6471010007", "Sepinggan", kecamatan="Balikpapan Selatan")
    factories.kelurahan("6471020001", "Manggar", kecamatan="Balikpapan Timur")


def test_a_resident_signs_up_without_javascript_after_fixing_a_mistake(
    balikpapan, live_server, phone_without_javascript
):
    page = phone_without_javascript
    page.goto(live_server.url + "/akun/daftar/?next=/saya/profil/")
    page.get_by_label("Nama lengkap").fill("Siti Rahmawati")
    page.get_by_label("Nomor ponsel").fill("0812 3456 7890")
    page.get_by_label("Kata sandi", exact=True).fill(PASSWORD)
    page.get_by_label("Ulangi kata sandi").fill(PASSWORD)
    page.get_by_label("Kelurahan", exact=True).select_option(label="Sepinggan")
    page.get_by_role("button", name="Daftar").click()

    # Consent forgotten: the page says so, at the top and beside the box, and keeps what was typed.
    expect(page.get_by_role("alert").get_by_text("pemberitahuan privasi")).to_be_visible()
    assert page.get_by_label("Nama lengkap").input_value() == "Siti Rahmawati"
    page.get_by_label(re.compile("^Saya sudah membaca pemberitahuan privasi")).check()
    page.get_by_label("Kata sandi", exact=True).fill(PASSWORD)
    page.get_by_label("Ulangi kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Daftar").click()

    assert page.url == live_server.url + "/saya/profil/"
    expect(page.get_by_role("heading", name="Profil")).to_be_visible()
    assert page.get_by_label("Nama lengkap").input_value() == "Siti Rahmawati"
    expect(page.get_by_role("button", name="Keluar").first).to_be_visible()
    user = get_user_model().objects.get()
    assert (user.phone, user.learner_profile.kelurahan.name) == ("+6281234567890", "Sepinggan")


def test_account_pages_fit_a_phone_and_have_no_serious_accessibility_problems(balikpapan, live_server, phone):
    for path in ["/akun/daftar/", "/akun/masuk/", "/akun/sandi/"]:
        phone.goto(live_server.url + path)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360, f"{path} scrolls sideways"
        assert serious_violations(phone) == [], path

    # With every error showing, too.
    phone.goto(live_server.url + "/akun/daftar/")
    phone.get_by_role("button", name="Daftar").click()
    expect(phone.get_by_role("alert")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert serious_violations(phone) == []
