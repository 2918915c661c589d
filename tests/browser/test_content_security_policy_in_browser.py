"""The Content-Security-Policy breaks nothing: Chromium reports no violation on the public site, in
a lesson and its quiz, on the editing bar staff see on public pages, and in the Wagtail admin."""

import pytest
from playwright.sync_api import expect

from classes.models import Cohort
from courses.models import ModulePage

pytestmark = pytest.mark.django_db(transaction=True)

COURSE = "/kursus/hak-dan-kewajiban-warga/"
PUBLIC_PATHS = [
    "/",
    "/kursus/",
    COURSE,
    "/forum/",
    "/penganggaran/",
    "/sertifikat/verifikasi/",
    "/data/",
    "/akun/daftar/",
    "/akun/masuk/",
]


@pytest.fixture
def watched(browser):
    """A browser tab that records every Content-Security-Policy violation Chromium reports."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.violations = []

    def record(message):
        if "Content Security Policy" in message.text:
            page.violations.append(f"{page.url}: {message.text}")

    page.on("console", record)
    yield page
    context.close()


def visit(page, url):
    page.goto(url)
    page.wait_for_load_state("networkidle")


def test_public_pages_run_without_a_policy_violation(demo_site, live_server, watched):
    for path in PUBLIC_PATHS:
        visit(watched, live_server.url + path)
        expect(watched.locator("h1").first).to_be_visible()

    assert watched.violations == []


def test_a_lesson_and_its_quiz_run_without_a_policy_violation(demo_site, live_server, watched, log_in):
    log_in(watched, "warga1")  # enrolled in this course by seed_demo
    module = ModulePage.objects.live().filter(url_path__contains="/hak-dan-kewajiban-warga/").order_by("path").first()
    visit(watched, live_server.url + module.url)
    watched.get_by_role("button", name="Mulai kuis").click()
    expect(watched.get_by_role("button", name="Kirim jawaban")).to_be_visible()
    watched.wait_for_load_state("networkidle")

    assert watched.violations == []


def test_the_wagtail_admin_and_the_editing_bar_run_without_a_policy_violation(demo_site, live_server, watched, log_in):
    visit(watched, live_server.url + "/admin/login/")
    log_in(watched, "admin")
    module = ModulePage.objects.live().order_by("path").first()
    for path in ["/admin/", f"/admin/pages/{module.pk}/edit/", "/admin/documents/", "/admin/images/"]:
        visit(watched, live_server.url + path)
    # Our own admin screens: a class, its printable invitation codes (the print button is a static
    # file's script, not an onclick attribute) and the check-in QR code.
    cohort = Cohort.objects.get(organisation__slug="yayasan-lingkungan-lestari")
    visit(watched, f"{live_server.url}/admin/kelas/inspect/{cohort.pk}/")
    watched.get_by_role("button", name="Kode undangan baru untuk peserta yang belum punya kata sandi").click()
    watched.evaluate("window.print = () => { window.printed = true; }")
    watched.get_by_role("button", name="Cetak").click()
    assert watched.evaluate("window.printed") is True
    visit(watched, f"{live_server.url}/admin/kelas/{cohort.pk}/pertemuan/{cohort.sessions.first().pk}/qr/")
    # On the public site staff see Wagtail's editing bar, under the public site's strict policy.
    visit(watched, live_server.url + module.url)
    expect(watched.locator("wagtail-userbar")).to_be_attached()

    assert watched.violations == []
