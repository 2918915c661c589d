"""Suara Warga on a 360 px phone: someone without an account sends feedback with a photo, follows it by its
code, and reads the government's reply once it is published, without their name anywhere."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from PIL import Image
from playwright.sync_api import expect

from participation.feedback import feedback_publish, feedback_status_set
from participation.models import Feedback, FeedbackCategory
from tests.browser.test_learning_journey_in_browser import assert_fits_and_accessible

pytestmark = pytest.mark.django_db(transaction=True)

GUNUNG_BAHAGIA = "6471010006"
TEXT = "Lampu jalan di depan Masjid Al-Ikhlas, Jl. Mawar RT 05, mati sejak Senin. Rumah saya nomor 5."
REPLY = "Petugas Dinas Perhubungan mengganti lampu pada Kamis malam."


def in_indonesian(text):
    with translation.override("id"):
        return translation.gettext(text)


def test_someone_without_an_account_sends_feedback_follows_it_by_code_and_reads_the_published_reply(
    demo_site, live_server, phone, tmp_path
):
    photo = tmp_path / "lampu.jpg"
    Image.new("RGB", (3000, 4000), "gray").save(photo, "JPEG")
    category = FeedbackCategory.objects.get(name="Penerangan jalan")

    phone.goto(live_server.url + "/suara-warga/")
    assert_fits_and_accessible(phone)
    phone.get_by_role("link", name=in_indonesian("Send feedback")).first.click()

    assert phone.url == live_server.url + "/suara-warga/kirim/"
    phone.locator("select[name=category]").select_option(str(category.pk))
    phone.locator("select[name=kelurahan]").select_option(GUNUNG_BAHAGIA)
    phone.locator("textarea[name=text]").fill(TEXT)
    phone.locator("input[name=photo]").set_input_files(photo)
    phone.locator("input[name=name]").fill("Budi Santoso")
    phone.locator("input[name=phone]").fill("0812 3456 7890")
    assert_fits_and_accessible(phone)
    phone.locator("form[enctype='multipart/form-data'] button[type=submit]").click()

    # The tracking page, with the code in large letters.
    code = phone.locator(".tracking-code-value").inner_text().strip()
    feedback = Feedback.objects.get(code=code.replace("SW-", "").replace("-", ""))
    assert phone.url == f"{live_server.url}/suara-warga/{code}/"
    assert feedback.sender_name == "Budi Santoso" and feedback.photo
    status = in_indonesian("Status: %(status)s") % {"status": in_indonesian("Received")}
    expect(phone.get_by_text(status)).to_be_visible()
    assert_fits_and_accessible(phone)

    # Another day: the code typed as it was written down, in small letters without dashes.
    phone.goto(live_server.url + "/suara-warga/")
    phone.locator("input[name=kode]").fill(code.lower().replace("-", " "))
    phone.get_by_role("button", name=in_indonesian("Follow the feedback")).click()
    assert phone.url == f"{live_server.url}/suara-warga/{code}/"
    expect(phone.get_by_text(status)).to_be_visible()
    expect(phone.get_by_text(REPLY)).to_have_count(0)

    # Kelurahan staff answer and publish it (the admin's forms call these services).
    staff = get_user_model().objects.get(username="staf-gunungbahagia")
    feedback_status_set(feedback=feedback, status=Feedback.Status.ANSWERED, by=staff, reply=REPLY)
    feedback_publish(feedback=feedback, public_text="Lampu jalan di Jl. Mawar RT 05 mati.", by=staff)

    phone.reload()
    expect(phone.get_by_text(REPLY)).to_be_visible()
    answered = in_indonesian("Status: %(status)s") % {"status": in_indonesian("Answered")}
    expect(phone.get_by_text(answered)).to_be_visible()
    assert_fits_and_accessible(phone)

    phone.get_by_role("link", name=in_indonesian("See the published feedback")).click()
    item = phone.locator(".feedback-item").filter(has_text="Lampu jalan di Jl. Mawar RT 05 mati.")
    expect(item).to_have_count(1)
    expect(item.get_by_text(REPLY)).to_be_visible()
    page_text = phone.locator("main").inner_text()
    for personal in ("Budi Santoso", "0812", "Rumah saya nomor 5", code):
        assert personal not in page_text
    assert_fits_and_accessible(phone)

    feedback.photo.delete()  # the shared test storage keeps nothing of this test
