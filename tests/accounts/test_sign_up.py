"""/akun/daftar/: a resident signs up alone, on a phone, and every refusal says what to fix."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.models import LearnerProfile
from tests import factories

pytestmark = pytest.mark.django_db

SIGN_UP = "/akun/daftar/"


def saved_accounts():
    return get_user_model().objects.count(), LearnerProfile.objects.count()


def field_errors(response, field):
    soup = BeautifulSoup(response.content, "html.parser")
    errors = soup.find(id=f"id_{field}_error")
    return errors.get_text(" ", strip=True) if errors else ""


def test_resident_signs_up_with_a_phone_only_and_is_logged_in(client, sign_up_form, settings):
    settings.PRIVACY_NOTICE_VERSION = "2026-11"
    response = client.post(SIGN_UP, sign_up_form(phone="0812-3456-7890", gender="perempuan", birth_year="1985"))

    assert response.status_code == 302
    assert response["Location"] == "/saya/"
    user = get_user_model().objects.get()
    assert user.first_name == "Siti Rahmawati"
    assert user.phone == "+6281234567890"
    assert user.email is None
    assert user.username.startswith("siti-rahmawati-")
    profile = user.learner_profile
    assert profile.kelurahan.name == "Gunung Bahagia"
    assert (profile.gender, profile.birth_year) == ("perempuan", 1985)
    assert profile.privacy_notice_version == "2026-11"
    assert abs(timezone.now() - profile.consent_given_at).total_seconds() < 60
    assert (profile.guardian_name, profile.guardian_consent_at) == ("", None)
    assert client.session["_auth_user_id"] == str(user.pk)


def test_resident_signs_up_with_an_email_only(client, sign_up_form):
    response = client.post(SIGN_UP, sign_up_form(phone="", email="Siti.R@Contoh.ID"))

    assert response.status_code == 302
    assert get_user_model().objects.get().email == "siti.r@contoh.id"


def test_after_signing_up_a_resident_returns_to_the_page_they_came_from(client, sign_up_form):
    response = client.post(SIGN_UP, sign_up_form(next="/kursus/hak-dan-kewajiban-warga/"))

    assert response["Location"] == "/kursus/hak-dan-kewajiban-warga/"


def test_a_next_address_on_another_site_is_ignored(client, sign_up_form):
    response = client.post(SIGN_UP, sign_up_form(next="https://penipu.example/masuk"))

    assert response["Location"] == "/saya/"


def test_sign_up_without_email_and_phone_is_refused_and_says_one_is_needed(client, sign_up_form):
    response = client.post(SIGN_UP, sign_up_form(phone="", email=""))

    assert response.status_code == 200
    assert "paling sedikit salah satu" in field_errors(response, "email")
    assert saved_accounts() == (0, 0)


def test_a_phone_number_that_is_not_one_is_refused_with_an_example(client, sign_up_form):
    response = client.post(SIGN_UP, sign_up_form(phone="nomor saya"))

    assert "0812 3456 7890" in field_errors(response, "phone")
    assert saved_accounts() == (0, 0)


def test_sign_up_without_consent_to_the_privacy_notice_is_refused(client, sign_up_form):
    response = client.post(SIGN_UP, sign_up_form(consent=None))

    assert "pemberitahuan privasi" in field_errors(response, "consent")
    assert saved_accounts() == (0, 0)


def test_resident_under_18_without_guardian_is_refused_and_told_what_is_missing(client, sign_up_form):
    fifteen_years_ago = str(timezone.localdate().year - 15)
    response = client.post(SIGN_UP, sign_up_form(birth_year=fifteen_years_ago))

    assert response.status_code == 200
    assert "orang tua atau wali" in field_errors(response, "guardian_name")
    assert "orang tua atau wali" in field_errors(response, "guardian_consent")
    assert saved_accounts() == (0, 0)


def test_resident_under_18_with_a_name_but_no_guardian_consent_is_refused(client, sign_up_form):
    fifteen_years_ago = str(timezone.localdate().year - 15)
    response = client.post(SIGN_UP, sign_up_form(birth_year=fifteen_years_ago, guardian_name="Ibu Aminah"))

    assert field_errors(response, "guardian_consent")
    assert saved_accounts() == (0, 0)


@pytest.mark.parametrize(("age", "guardian_recorded"), [
    pytest.param(15, True, id="resident_under_18_with_guardian_consent_signs_up_and_the_consent_is_recorded"),
    pytest.param(18, False, id="an_adult_needs_no_guardian_and_none_is_stored"),
])  # fmt: skip
def test_a_guardians_consent_is_recorded_for_a_resident_under_18_only(client, sign_up_form, age, guardian_recorded):
    birth_year = str(timezone.localdate().year - age)
    response = client.post(
        SIGN_UP, sign_up_form(birth_year=birth_year, guardian_name="Ibu Aminah", guardian_consent="on")
    )

    assert response.status_code == 302
    profile = LearnerProfile.objects.get()
    if guardian_recorded:
        assert profile.guardian_name == "Ibu Aminah"
        assert profile.guardian_consent_at is not None
    else:
        assert (profile.guardian_name, profile.guardian_consent_at) == ("", None)


def test_a_birth_year_in_the_future_is_refused(client, sign_up_form):
    response = client.post(SIGN_UP, sign_up_form(birth_year=str(timezone.localdate().year + 1)))

    assert field_errors(response, "birth_year")
    assert saved_accounts() == (0, 0)


# The field refused, the account already there, what is sent, the account that must not be saved, the message.
@pytest.mark.parametrize(("field", "existing", "sent", "unsaved", "message"), [
    pytest.param(
        "email",
        {"email": "siti@contoh.id"},
        {"email": "SITI@contoh.id", "phone": "0813 1111 2222"},
        {"phone": "+6281311112222"},
        "Sudah ada akun dengan alamat email ini. Silakan masuk",
        id="duplicate_email_is_refused_naming_the_email_and_nothing_is_saved",
    ),
    pytest.param(
        "phone",
        {"phone": "+6281234567890"},
        {"phone": "62 812-3456-7890", "email": "baru@contoh.id"},
        {"email": "baru@contoh.id"},
        "Sudah ada akun dengan nomor ponsel ini. Silakan masuk",
        id="duplicate_phone_in_another_spelling_is_refused_naming_the_phone_and_nothing_is_saved",
    ),
])  # fmt: skip
def test_a_duplicate_email_or_phone_is_refused_naming_it_and_nothing_is_saved(
    client, sign_up_form, field, existing, sent, unsaved, message
):
    factories.learner(**existing)
    before = saved_accounts()

    response = client.post(SIGN_UP, sign_up_form(**sent))

    # Someone signing up may have forgotten their account: they are told to log in.
    assert field_errors(response, field).startswith(message)
    assert field_errors(response, "phone" if field == "email" else "email") == ""
    assert saved_accounts() == before
    assert not get_user_model().objects.filter(**unsaved).exists()


def test_passwords_that_differ_or_are_too_easy_are_refused(client, sign_up_form):
    response = client.post(SIGN_UP, sign_up_form(password_confirm="kata-sandi-lain"))
    assert field_errors(response, "password_confirm")

    response = client.post(SIGN_UP, sign_up_form(password="12345678", password_confirm="12345678"))
    assert field_errors(response, "password")
    assert saved_accounts() == (0, 0)


def test_errors_are_summarised_at_the_top_with_links_to_their_fields(client, sign_up_form):
    response = client.post(SIGN_UP, sign_up_form(phone="", email="", consent=None))

    summary = BeautifulSoup(response.content, "html.parser").find(class_="error-summary")
    targets = {link["href"] for link in summary.find_all("a")}
    assert targets == {"#id_email", "#id_consent"}


def test_sign_up_form_offers_each_kecamatan_s_kelurahan_in_one_select_without_javascript(client, gunung_bahagia):
    factories.kelurahan("6471020001", "Manggar", kecamatan="Balikpapan Timur")
    factories.kelurahan("6471010007", "Sepinggan", kecamatan="Balikpapan Selatan")
    factories.kelurahan("6472010001", "Kelurahan Kota Lain", kecamatan="Kecamatan Kota Lain")

    soup = BeautifulSoup(client.get(SIGN_UP).content, "html.parser")

    groups = {
        group["label"]: [option.get_text() for option in group.find_all("option")]
        for group in soup.find("select", id="id_kelurahan").find_all("optgroup")
    }
    assert groups == {
        "Kecamatan Balikpapan Selatan": ["Gunung Bahagia", "Sepinggan"],
        "Kecamatan Balikpapan Timur": ["Manggar"],
    }
    assert not soup.find_all("script")


def test_every_sign_up_field_has_a_label_and_the_autocomplete_a_phone_needs(client, gunung_bahagia, home_page):
    factories.privacy_notice(home_page)
    soup = BeautifulSoup(client.get(SIGN_UP).content, "html.parser")
    form = soup.find("form", class_="account-form")

    for control in form.find_all(["input", "select"]):
        if control.get("type") in ("hidden", "submit"):
            continue
        assert form.find("label", attrs={"for": control["id"]}), control["name"]
    autocomplete = {control["name"]: control.get("autocomplete") for control in form.find_all("input")}
    assert autocomplete["full_name"] == "name"
    assert autocomplete["email"] == "email"
    assert autocomplete["phone"] == "tel"
    assert autocomplete["password"] == autocomplete["password_confirm"] == "new-password"
    assert form.find("input", attrs={"name": "phone"})["inputmode"] == "tel"
    assert form.find("a", href="/privasi/")


def test_a_logged_in_resident_opening_sign_up_goes_to_their_courses(client):
    client.force_login(factories.learner())

    assert client.get(SIGN_UP)["Location"] == "/saya/"
