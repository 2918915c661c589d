"""The demo site on a 360 px phone: readable, navigable, accessible, and usable without JavaScript."""

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import serious_violations

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC_PATHS = [
    "/",
    "/kursus/",
    "/kursus/hak-dan-kewajiban-warga/",
    "/forum/",
    "/penganggaran/",
    "/tentang/",
    "/data/",
]


def test_public_pages_fit_a_phone_and_have_no_serious_accessibility_problems(demo_site, live_server, phone):
    module_path = None
    for path in PUBLIC_PATHS:
        phone.goto(live_server.url + path)
        expect(phone.locator("h1").first, path).to_be_visible()
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360, f"{path} scrolls sideways"
        assert phone.locator("html").get_attribute("lang") == "id", path
        assert serious_violations(phone) == [], path
        if path.startswith("/kursus/hak"):
            module_path = phone.locator(".module-list a").first.get_attribute("href")
    phone.goto(live_server.url + module_path)
    expect(phone.get_by_text("Modul 1 dari 4")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert serious_violations(phone) == []


def test_a_resident_finds_a_lesson_from_the_home_page_by_following_links(demo_site, live_server, phone):
    phone.goto(live_server.url + "/")
    phone.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Kursus").click()
    phone.get_by_role("link", name="Lingkungan", exact=False).first.click()
    phone.get_by_role("link", name="Pengelolaan Lingkungan dan Sampah").click()
    phone.locator(".module-list a").first.click()
    expect(phone.get_by_text("Modul 1 dari 4")).to_be_visible()
    phone.get_by_role("link", name="→", exact=False).click()
    expect(phone.get_by_text("Modul 2 dari 4")).to_be_visible()


def test_language_switch_works_without_javascript(demo_site, live_server, phone_without_javascript):
    page = phone_without_javascript
    page.goto(live_server.url + "/kursus/?topik=lingkungan")
    expect(page.get_by_role("link", name="Semua topik")).to_be_visible()
    page.get_by_role("navigation", name="Bahasa").get_by_role("link", name="English").click()
    assert page.url == live_server.url + "/kursus/?topik=lingkungan"
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.get_by_role("link", name="All topics")).to_be_visible()
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Bahasa Indonesia").click()
    assert page.locator("html").get_attribute("lang") == "id"
