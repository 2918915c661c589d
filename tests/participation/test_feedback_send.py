"""/suara-warga/kirim/: residents send feedback, signed in or with a name and a contact; bad input is
refused with a message naming what is wrong, and nothing is saved."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from PIL import Image

from participation.models import Feedback
from participation.models.feedback import TEXT_MAX_LENGTH
from participation.photos import MAX_BYTES
from tests import factories
from tests.participation import suara_warga_fixtures
from tests.participation.suara_warga_fixtures import SEND, in_indonesian, photo_upload, stored_photos

pytestmark = pytest.mark.django_db

suara_warga = suara_warga_fixtures.suara_warga
send_form = suara_warga_fixtures.send_form
photo_storage = suara_warga_fixtures.photo_storage


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def field_errors(response, name):
    """The error messages shown next to the field `name`."""
    field = soup(response).find(id=f"id_{name}").find_parent(class_="field")
    return [item.get_text(" ", strip=True) for item in field.select(".errorlist li")]


@pytest.fixture(autouse=True)
def no_photo_left_behind(photo_storage):
    """No file is left in the photos' storage but those of the items saved."""
    yield
    kept = {feedback.photo.path for feedback in Feedback.objects.exclude(photo="")}
    assert stored_photos(photo_storage) == kept


def test_someone_without_an_account_sends_feedback_and_is_shown_its_tracking_code(client, send_form):
    response = client.post(SEND, send_form())

    feedback = Feedback.objects.get()
    code = f"SW-{feedback.code[:4]}-{feedback.code[4:]}"
    assert response.status_code == 302
    assert response["Location"] == f"/suara-warga/{code}/"
    assert feedback.sender is None
    assert feedback.sender_name == "Budi Santoso"
    assert (feedback.sender_phone, feedback.sender_email) == ("+6281234567890", "")
    assert feedback.channel == Feedback.Channel.ONLINE
    assert feedback.status == Feedback.Status.RECEIVED
    assert feedback.text == "Saluran air di Jl. Mawar RT 05 tersumbat sejak seminggu."

    page = soup(client.get(response["Location"]))
    assert page.select_one(".tracking-code-value").get_text(strip=True) == code
    assert code in page.select_one(".messages").get_text()
    # The site's own address (SITE_URL), not the request's host: the sender keeps it to come back.
    assert page.select_one(".tracking-address").get_text(strip=True) == f"{settings.SITE_URL}/suara-warga/{code}/"


def test_the_contact_is_stored_as_the_site_stores_every_contact(client, send_form):
    client.post(SEND, send_form(email="  Budi.Santoso@Contoh.ID ", phone="+62 812 3456 7890"))

    feedback = Feedback.objects.get()
    assert (feedback.sender_email, feedback.sender_phone) == ("budi.santoso@contoh.id", "+6281234567890")


def test_an_email_alone_is_enough(client, send_form):
    assert client.post(SEND, send_form(email="budi@contoh.id", phone="")).status_code == 302
    assert Feedback.objects.get().sender_email == "budi@contoh.id"


def test_a_photo_is_kept_resized_and_without_the_position_it_was_taken_at(client, send_form):
    client.post(SEND, send_form(photo=photo_upload()))

    feedback = Feedback.objects.get()
    assert feedback.photo.name.endswith(f"{feedback.code}.jpg")
    with feedback.photo.open() as stored, Image.open(stored) as image:
        assert image.size == (1600, 1200)
        assert not image.getexif()
    with feedback.photo.open() as stored:
        assert b"Telepon Budi" not in stored.read()


def test_a_signed_in_resident_sends_as_their_account_without_a_name_or_contact(client, suara_warga, send_form):
    resident = factories.learner(email="siti@contoh.id", kelurahan=suara_warga.margasari)
    client.force_login(resident)

    form = soup(client.get(SEND)).find("form", enctype="multipart/form-data")
    assert not form.find(attrs={"name": "name"})
    assert not form.find(attrs={"name": "email"})
    assert not form.find(attrs={"name": "phone"})
    # Their own kelurahan is suggested.
    assert form.find("option", selected=True, value=suara_warga.margasari.code)

    # A name or contact sent anyway is not taken.
    response = client.post(SEND, send_form(name="Orang Lain", email="lain@contoh.id", phone="0813 1111 2222"))

    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert feedback.sender == resident
    assert (feedback.sender_name, feedback.sender_email, feedback.sender_phone) == ("", "", "")


def test_the_form_says_the_name_and_contact_are_never_published_and_links_the_privacy_notice(
    client, suara_warga, home_page
):
    factories.privacy_notice(home_page)

    page = soup(client.get(SEND))

    text = page.get_text(" ", strip=True)
    assert "Nama dan kontak Anda tidak pernah dipublikasikan" in text
    assert page.find("a", href="/privasi/")
    assert page.find("a", href="/akun/masuk/?next=/suara-warga/kirim/")


def test_the_text_box_takes_as_many_characters_as_an_item_holds(client, suara_warga, send_form):
    assert soup(client.get(SEND)).find("textarea", attrs={"name": "text"})["maxlength"] == str(TEXT_MAX_LENGTH)

    # A browser counts a line break as one character and sends it as two ("\r\n"): still accepted.
    lines = ["x" * 99] * (TEXT_MAX_LENGTH // 100)
    response = client.post(SEND, send_form(text="\r\n".join(lines)))

    assert response.status_code == 302
    assert Feedback.objects.get().text == "\n".join(lines)


def test_invisible_characters_are_taken_out_of_the_text(client, send_form):
    client.post(SEND, send_form(text="Lampu jalan\u202e mati\x00 di RT 3.\r\nSudah dua minggu."))

    assert Feedback.objects.get().text == "Lampu jalan mati di RT 3.\nSudah dua minggu."


def too_large_photo():
    return SimpleUploadedFile("besar.jpg", b"\xff\xd8" + b"0" * MAX_BYTES, content_type="image/jpeg")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"category": None}, "category", "Choose the category closest to your feedback."),
        ({"category": "999"}, "category", "Choose a category from the list."),
        ({"kelurahan": None}, "kelurahan", "Choose the kelurahan where the matter is."),
        ({"kelurahan": "6471010"}, "kelurahan", "Choose the kelurahan from the list."),  # a kecamatan
        ({"text": "  "}, "text", "Write your feedback."),
        (
            {"text": "Lampu"},
            "text",
            ("Write at least %(limit_value)d characters, so that staff understand the matter.", {"limit_value": 10}),
        ),
        (
            {"text": "x" * (TEXT_MAX_LENGTH + 1)},
            "text",
            (
                "Your feedback has %(show_value)d characters; at most %(limit_value)d fit.",
                {"show_value": TEXT_MAX_LENGTH + 1, "limit_value": TEXT_MAX_LENGTH},
            ),
        ),
        ({"name": " "}, "name", "Enter your name."),
        (
            {"phone": "", "email": ""},
            "email",
            "Enter an email address or a mobile number (at least one), so that staff can reach you if they "
            "need to know more.",
        ),
        ({"phone": "12345"}, "phone", "Enter an Indonesian mobile number, for example 0812 3456 7890."),
        ({"email": "budi@"}, "email", "Enter an email address like nama@contoh.id."),
        (
            {"photo": SimpleUploadedFile("surat.pdf", b"%PDF-1.7 ...")},
            "photo",
            "This file is not a photo. Choose a photo saved as JPEG, PNG or WebP.",
        ),
        (
            {"photo": too_large_photo},
            "photo",
            (
                "The photo is %(size)s; a photo may be at most %(limit)s.",
                {"size": filesizeformat(MAX_BYTES + 2), "limit": filesizeformat(MAX_BYTES)},
            ),
        ),
    ],
    ids=[
        "no-category",
        "unknown-category",
        "no-kelurahan",
        "not-a-kelurahan",
        "no-text",
        "too-short",
        "too-long",
        "no-name",
        "no-contact",
        "bad-phone",
        "bad-email",
        "not-a-photo",
        "photo-too-large",
    ],
)
def test_bad_input_is_refused_with_a_message_naming_it_and_nothing_is_saved(
    client, send_form, changes, field, message
):
    # Everything else is right, and a good photo comes along: it must not be left on disk either.
    data = send_form(photo=photo_upload(size=(800, 600)))
    data.update({key: value() if callable(value) else value for key, value in changes.items()})
    data = {key: value for key, value in data.items() if value is not None}
    text, parameters = message if isinstance(message, tuple) else (message, None)
    expected = in_indonesian(text) % parameters if parameters else in_indonesian(text)

    response = client.post(SEND, data)

    assert response.status_code == 200
    assert field_errors(response, field) == [expected]
    summary = soup(response).select_one(".error-summary").get_text(" ", strip=True)
    assert expected in summary
    assert Feedback.objects.count() == 0


def test_what_was_typed_is_kept_in_the_form_after_a_mistake(client, send_form):
    response = client.post(SEND, send_form(phone="12345"))

    page = soup(response)
    assert page.find("textarea", attrs={"name": "text"}).get_text().strip() == (
        "Saluran air di Jl. Mawar RT 05 tersumbat sejak seminggu."
    )
    assert page.find("input", attrs={"name": "name"})["value"] == "Budi Santoso"


def test_without_categories_the_form_says_feedback_cannot_be_sent_yet(client, home_page):
    factories.suara_warga_page(home_page)

    page = soup(client.get(SEND))

    assert not page.find("form", enctype="multipart/form-data")
    assert "Masukan belum dapat dikirim" in page.get_text(" ", strip=True)


def test_the_form_is_kept_by_no_cache(client, suara_warga, settings):
    settings.PAGE_CACHE_ENABLED = True

    first, second = client.get(SEND), client.get(SEND)

    for response in (first, second):
        assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]
        assert "X-Page-Cache" not in response


def test_the_form_is_sent_only_by_post(client, suara_warga):
    assert client.put(SEND).status_code == 405
