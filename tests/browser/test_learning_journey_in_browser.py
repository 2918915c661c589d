"""A resident on a 360 px phone takes a demo course to 100 %, with and without JavaScript."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from courses.models import Enrolment, ModulePage, QuizAttempt

pytestmark = pytest.mark.django_db(transaction=True)

COURSE = "/kursus/anggaran-kelurahan-desa-dan-musrenbang/"


@pytest.fixture
def resident_cookie(wagtail_root, live_server):
    call_command("seed_demo")
    user = get_user_model().objects.create_user("pembaca", password="kata-sandi-panjang-sekali")
    client = Client()
    client.force_login(user)
    host = live_server.url.split("//")[1].split(":")[0]
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "domain": host, "path": "/"}


def logged_in(browser, cookie, javascript=True):
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=javascript)
    context.add_cookies([cookie])
    return context.new_page()


def assert_fits_and_accessible(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url
    violations = [
        f"{v['id']}: {v['help']}"
        for v in Axe().run(page).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert violations == [], page.url


def answer_correctly(page, module_title):
    """Tick the right answers, as a resident who read the lesson would: the key comes from the database."""
    attempt = QuizAttempt.objects.get(module__title=module_title, submitted_at__isnull=True)
    for question in attempt.questions:
        for choice in question["choices"]:
            if choice["is_correct"]:
                page.locator(f"input[name='q-{question['id']}'][value='{choice['id']}']").check()


def take_the_course(page, live_server, check_accessibility):
    page.goto(live_server.url + COURSE)
    page.get_by_role("button", name="Ikuti kursus").click()
    modules = list(ModulePage.objects.live().filter(url_path__contains="anggaran-kelurahan").order_by("path"))
    for number, module in enumerate(modules, start=1):
        assert page.get_by_text(f"Modul {number} dari {len(modules)}").is_visible()
        if check_accessibility and number == 1:
            assert_fits_and_accessible(page)
        page.get_by_role("button", name="Tandai selesai").click()
        assert page.get_by_text("Anda sudah menandai modul ini selesai dibaca.").is_visible()
        page.get_by_role("button", name="Mulai kuis").click()
        if check_accessibility and number == 1:
            assert_fits_and_accessible(page)
        answer_correctly(page, module.title)
        page.get_by_role("button", name="Kirim jawaban").click()
        assert page.get_by_text("Nilai: 100%").is_visible()
        if check_accessibility and number == 1:
            assert_fits_and_accessible(page)
        if number < len(modules):
            page.get_by_role("link", name="Kembali ke modul").click()
            page.locator("a[rel=next]").click()
    page.goto(live_server.url + "/saya/")
    if check_accessibility:
        assert_fits_and_accessible(page)
    assert page.get_by_text(f"{len(modules)} dari {len(modules)} modul selesai (100%)").is_visible()
    assert Enrolment.objects.get(user__username="pembaca").status == Enrolment.Status.COMPLETED


def test_a_resident_completes_a_course_on_a_phone(browser, resident_cookie, live_server):
    take_the_course(logged_in(browser, resident_cookie), live_server, check_accessibility=True)


def test_the_whole_course_works_without_javascript(browser, resident_cookie, live_server):
    take_the_course(logged_in(browser, resident_cookie, javascript=False), live_server, check_accessibility=False)
