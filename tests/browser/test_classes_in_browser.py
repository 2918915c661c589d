"""A class in a real browser: the facilitator prints invitation codes, a phone-only learner activates
their account on a phone and checks in at a meeting with the QR code; a resident joins with the code."""

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from classes.attendance import check_in_url
from classes.models import Attendance, Cohort
from classes.selectors import cohort_of
from courses.models import Enrolment
from tests.browser.test_learning_journey_in_browser import assert_fits_and_accessible

pytestmark = pytest.mark.django_db(transaction=True)

CODE = re.compile(r"^[0-9A-Z]{5}-[0-9A-Z]{5}$")


@pytest.fixture
def demo_class(demo_site):
    """Yayasan Lingkungan Lestari's in-person class in Gunung Bahagia, from the demo."""
    return Cohort.objects.get(organisation__slug="yayasan-lingkungan-lestari")


def test_a_phone_only_learner_activates_their_account_and_checks_in_with_the_qr_code(
    new_tab, demo_class, live_server, phone
):
    cohort = demo_class
    facilitator = new_tab("fasilitator-lestari", viewport={"width": 1280, "height": 900})
    facilitator.goto(f"{live_server.url}/admin/kelas/inspect/{cohort.pk}/")
    facilitator.get_by_role("button", name="Kode undangan baru untuk peserta yang belum punya kata sandi").click()
    row = facilitator.get_by_role("row").filter(has_text="Rahmat Hidayat")
    code = row.get_by_role("cell").nth(2).inner_text().strip()
    assert CODE.match(code), code

    # On the learner's phone: the code page, then a password and their own consent.
    phone.goto(live_server.url + "/akun/aktifkan/")
    assert_fits_and_accessible(phone)
    phone.get_by_label("Kode Anda").fill(code.lower().replace("-", " "))
    phone.get_by_role("button", name="Lanjut").click()
    assert_fits_and_accessible(phone)
    phone.get_by_label("Kata sandi", exact=True).fill("kata-sandi-panjang-sekali")
    phone.get_by_label("Ulangi kata sandi").fill("kata-sandi-panjang-sekali")
    phone.get_by_label(re.compile("pemberitahuan privasi")).check()
    phone.get_by_role("button", name="Simpan kata sandi dan masuk").click()
    assert phone.url == live_server.url + "/saya/"
    expect(phone.get_by_text("Kelas: Kelas Lingkungan Gunung Bahagia")).to_be_visible()

    # At the second meeting the facilitator's screen shows the QR code; the phone opens its link.
    meeting = cohort.sessions.order_by("starts_at")[1]
    facilitator.goto(f"{live_server.url}/admin/kelas/{cohort.pk}/pertemuan/{meeting.pk}/qr/")
    expect(facilitator.locator("figure.check-in-qr svg")).to_be_visible()
    phone.goto(check_in_url(meeting).replace("http://127.0.0.1:8000", live_server.url))
    assert_fits_and_accessible(phone)
    phone.get_by_role("button", name="Saya hadir").click()
    expect(phone.get_by_text("Kehadiran tercatat.")).to_be_visible()
    learner = Enrolment.objects.get(cohort_enrolment__cohort=cohort, user__first_name="Rahmat Hidayat")
    assert Attendance.objects.filter(session=meeting, enrolment=learner, method="qr").exists()


def test_a_resident_joins_a_class_with_the_code_typed_on_the_course_page_without_javascript(
    new_tab, demo_class, live_server
):
    cohort = demo_class
    page = new_tab("warga2", javascript=False)

    page.goto(live_server.url + cohort.course.url)
    page.get_by_label("Kode kelas dari fasilitator Anda").fill(cohort.enrolment_code.lower())
    page.get_by_role("button", name="Gabung ke kelas").click()
    expect(page.get_by_role("heading", name=cohort.name)).to_be_visible()
    page.get_by_role("button", name="Gabung ke kelas ini").click()

    # The class's name says "Kelas …" itself: the message does not add "kelas" before it.
    with translation.override("id"):
        joined = translation.gettext("You have joined %(cohort)s.") % {"cohort": cohort.name}
    expect(page.get_by_text(joined)).to_be_visible()
    assert cohort_of(Enrolment.objects.get(user__username="warga2", course=cohort.course)) == cohort
