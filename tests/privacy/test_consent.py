"""Consent: a new privacy notice version is agreed to again at the next log-in; optional data can be withdrawn."""

import pytest
from django.urls import reverse

from accounts.models import ConsentRecord, LearnerProfile
from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "kata-sandi-rahasia"


@pytest.fixture
def resident(db, settings):
    settings.PRIVACY_NOTICE_VERSION = "2026-12"
    return factories.learner(
        full_name="Dewi Lestari",
        email="dewi@contoh.id",
        gender="perempuan",
        birth_year=1990,
        privacy_notice_version="2026-11",
    )


def log_in(client, user):
    response = client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return response


def test_a_new_notice_version_is_asked_at_the_next_log_in_until_agreed(client, resident, home_page):
    factories.privacy_notice(home_page)
    log_in(client, resident)

    response = client.get("/saya/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("privacy:consent"))
    page = client.get(response["Location"]).text
    assert "2026-11" in page and "/privasi/" in page

    agreed = client.post(reverse("privacy:consent"), {"next": "/saya/"})

    assert agreed["Location"] == "/saya/"
    profile = LearnerProfile.objects.get(user=resident)
    assert profile.privacy_notice_version == "2026-12"
    record = ConsentRecord.objects.get(user=resident)
    assert (record.kind, record.action, record.notice_version) == ("privacy-notice", "given", "2026-12")
    assert client.get("/saya/").status_code == 200


def test_a_resident_on_the_current_version_is_not_asked(client, resident, settings):
    settings.PRIVACY_NOTICE_VERSION = "2026-11"
    log_in(client, resident)

    assert client.get("/saya/").status_code == 200
    assert not ConsentRecord.objects.exists()


def test_while_asked_the_resident_may_still_take_their_data_or_leave(client, resident):
    log_in(client, resident)

    assert client.get(reverse("privacy:data")).status_code == 200
    assert client.get(reverse("privacy:data_download")).status_code == 200
    assert client.get(reverse("privacy:account_delete")).status_code == 200


def test_while_asked_the_resident_may_read_the_notice_chosen_in_the_admin(client, resident, home_page):
    factories.privacy_notice(home_page, title="Pemberitahuan Privasi 2026-12", slug="privasi-2026-12")
    elsewhere = factories.standard_page(home_page, title="Tentang Sekolah Warga", slug="tentang")
    log_in(client, resident)

    notice = client.get("/privasi-2026-12/")

    assert notice.status_code == 200
    assert "Pemberitahuan Privasi 2026-12" in notice.text
    assert client.get(elsewhere.url)["Location"].startswith(reverse("privacy:consent"))


def test_while_asked_the_browser_still_gets_the_sites_icon(client, resident):
    log_in(client, resident)

    response = client.get("/favicon.ico", follow=True)

    assert response.redirect_chain[-1][0] == "/static/img/favicon.svg"
    assert response["Content-Type"].startswith("image/svg+xml")


def test_the_consent_page_never_sends_a_resident_to_another_site(client, resident):
    log_in(client, resident)

    response = client.post(reverse("privacy:consent"), {"next": "https://penipu.example/"})

    assert response["Location"] == "/saya/"


def test_withdrawing_consent_for_optional_data_erases_gender_and_birth_year(client, resident):
    client.force_login(resident)

    response = client.post(reverse("privacy:optional_data_withdraw"))

    assert response.status_code == 302
    profile = LearnerProfile.objects.get(user=resident)
    assert (profile.gender, profile.birth_year) == ("", None)
    record = ConsentRecord.objects.get(user=resident)
    assert (record.kind, record.action) == ("optional-data", "withdrawn")


def test_withdrawing_is_a_post_only(client, resident):
    client.force_login(resident)

    assert client.get(reverse("privacy:optional_data_withdraw")).status_code == 405
    assert LearnerProfile.objects.get(user=resident).birth_year == 1990


def test_sign_up_records_the_consents_given(client, settings):
    from accounts.services import resident_sign_up

    user = resident_sign_up(
        full_name="Ayu Lestari",
        password="sandi-yang-cukup-panjang-9",
        kelurahan=factories.kelurahan(),
        email="ayu@contoh.id",
        gender="perempuan",
        consent_given=True,
    )

    assert sorted(ConsentRecord.objects.filter(user=user).values_list("kind", "notice_version")) == [
        ("optional-data", settings.PRIVACY_NOTICE_VERSION),
        ("privacy-notice", settings.PRIVACY_NOTICE_VERSION),
    ]


def test_agreeing_on_one_device_frees_the_others(client, resident):
    from django.test import Client

    log_in(client, resident)
    other_device = Client()
    log_in(other_device, resident)
    other_device.post(reverse("privacy:consent"), {"next": "/saya/"})

    assert client.get("/saya/").status_code == 200
