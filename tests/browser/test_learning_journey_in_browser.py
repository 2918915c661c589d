"""A new resident on a 360 px phone signs up and takes a demo course to 100 %, with and without JavaScript."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from courses.models import Enrolment, ModulePage, QuizAttempt
from tests.browser.accessibility import serious_violations

pytestmark = pytest.mark.django_db(transaction=True)

COURSE = "/kursus/anggaran-kelurahan-desa-dan-musrenbang/"


@pytest.fixture
def resident(demo_site):
    return get_user_model().objects.create_user("pembaca", password="kata-sandi-panjang-sekali")


def assert_fits_and_accessible(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url
    assert serious_violations(page) == [], page.url


def answer_correctly(page, module_title):
    """Tick the right answers, as a resident who read the lesson would: the key comes from the database."""
    attempt = QuizAttempt.objects.get(module__title=module_title, submitted_at__isnull=True)
    for question in attempt.questions:
        for choice in question["choices"]:
            if choice["is_correct"]:
                page.locator(f"input[name='q-{question['id']}'][value='{choice['id']}']").check()


def sign_up_from_the_course_page(page, live_server):
    """Anonymous: the course's "Ikuti kursus" leads to log in, then to sign up, then back to the course."""
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Kursus").click()
    page.get_by_role("link", name="Anggaran Kelurahan/Desa dan Musrenbang").click()
    page.get_by_role("link", name="Ikuti kursus").click()
    page.get_by_role("main").get_by_role("link", name="Daftar").click()
    page.get_by_label("Nama lengkap").fill("Rudi Hartono")
    page.get_by_label("Nomor ponsel").fill("0813 5000 1234")
    page.get_by_label("Kata sandi", exact=True).fill("kata-sandi-panjang-sekali")
    page.get_by_label("Ulangi kata sandi").fill("kata-sandi-panjang-sekali")
    page.get_by_label("Kelurahan", exact=True).select_option(label="Gunung Bahagia")
    page.get_by_label(re.compile("^Saya sudah membaca pemberitahuan privasi")).check()
    page.get_by_role("button", name="Daftar").click()
    assert page.url == live_server.url + COURSE


def take_the_course(page, live_server, check_accessibility, username):
    if page.url != live_server.url + COURSE:
        page.goto(live_server.url + COURSE)
    page.get_by_role("button", name="Ikuti kursus").click()
    modules = list(ModulePage.objects.live().filter(url_path__contains="anggaran-kelurahan").order_by("path"))
    for number, module in enumerate(modules, start=1):
        expect(page.get_by_text(f"Modul {number} dari {len(modules)}")).to_be_visible()
        if check_accessibility and number == 1:
            assert_fits_and_accessible(page)
        page.get_by_role("button", name="Tandai selesai").click()
        expect(page.get_by_text("Anda sudah menandai modul ini selesai dibaca.")).to_be_visible()
        page.get_by_role("button", name="Mulai kuis").click()
        if check_accessibility and number == 1:
            assert_fits_and_accessible(page)
        answer_correctly(page, module.title)
        page.get_by_role("button", name="Kirim jawaban").click()
        expect(page.get_by_text("Nilai: 100%")).to_be_visible()
        if check_accessibility and number == 1:
            assert_fits_and_accessible(page)
        if number < len(modules):
            page.get_by_role("link", name="Kembali ke modul").click()
            page.locator("a[rel=next]").click()
    page.goto(live_server.url + "/saya/")
    if check_accessibility:
        assert_fits_and_accessible(page)
    # A completed course says so rather than counting (courses.selectors.module_count, issue 22).
    expect(page.locator(".progress-label")).to_have_text(re.compile(r"^(Selesai|Complete)$"))
    assert Enrolment.objects.get(user__username=username).status == Enrolment.Status.COMPLETED


def test_a_new_resident_signs_up_and_completes_a_course_on_a_phone(browser, demo_site, live_server):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    sign_up_from_the_course_page(page, live_server)
    username = get_user_model().objects.get(phone="+6281350001234").username
    take_the_course(page, live_server, check_accessibility=True, username=username)
    context.close()


def test_the_whole_course_works_without_javascript(new_tab, resident, live_server):
    page = new_tab(resident, javascript=False)
    take_the_course(page, live_server, check_accessibility=False, username="pembaca")
