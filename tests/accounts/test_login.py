"""/akun/masuk/ and /akun/keluar/: log in with whatever you signed up with; log out by POST."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db

LOGIN = "/akun/masuk/"
LOGOUT = "/akun/keluar/"
PASSWORD = "kata-sandi-rahasia"


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_resident_logs_in_with_their_email_in_any_case(client):
    user = factories.learner(email="siti@contoh.id")

    response = client.post(LOGIN, {"username": " Siti@Contoh.ID ", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/saya/"
    assert logged_in_user_id(client) == str(user.pk)


@pytest.mark.parametrize("typed", ["0812-3456-7890", "+62 812 3456 7890", "6281234567890"])
def test_resident_logs_in_with_their_phone_however_it_is_written(client, typed):
    user = factories.learner(phone="+6281234567890")

    client.post(LOGIN, {"username": typed, "password": PASSWORD})

    assert logged_in_user_id(client) == str(user.pk)


def test_staff_and_demo_accounts_log_in_with_their_username(client):
    user = get_user_model().objects.create_user(username="fasilitator-lestari", password=PASSWORD)

    client.post(LOGIN, {"username": "fasilitator-lestari", "password": PASSWORD})

    assert logged_in_user_id(client) == str(user.pk)


def test_wrong_password_is_refused_with_a_message_and_nobody_is_logged_in(client):
    factories.learner(email="siti@contoh.id")

    response = client.post(LOGIN, {"username": "siti@contoh.id", "password": "salah-sandi"})

    assert response.status_code == 200
    assert "tidak cocok" in response.content.decode()
    assert logged_in_user_id(client) is None


def test_an_unknown_account_gets_the_same_refusal_as_a_wrong_password(client):
    response = client.post(LOGIN, {"username": "0899 0000 0000", "password": "salah-sandi"})

    assert "tidak cocok" in response.content.decode()


def test_login_returns_to_a_safe_next_address(client):
    factories.learner(email="siti@contoh.id")

    response = client.post(
        LOGIN + "?next=/kursus/", {"username": "siti@contoh.id", "password": PASSWORD, "next": "/kursus/"}
    )

    assert response["Location"] == "/kursus/"


def test_login_page_asks_for_email_or_phone_with_the_autocomplete_browsers_need(client):
    page = client.get(LOGIN).content.decode()

    assert 'autocomplete="username"' in page
    assert 'autocomplete="current-password"' in page
    assert 'href="/akun/sandi/"' in page


def test_logging_out_by_get_only_asks_to_confirm(client):
    client.force_login(factories.learner())

    response = client.get(LOGOUT)

    assert response.status_code == 200
    assert f'action="{LOGOUT}"' in response.content.decode()
    assert logged_in_user_id(client) is not None


def test_logging_out_by_post_logs_out_and_goes_home(client):
    client.force_login(factories.learner())

    response = client.post(LOGOUT)

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert logged_in_user_id(client) is None


def test_logging_out_ends_the_session_for_a_copy_of_its_cookie_too(client):
    client.force_login(factories.learner())
    thief = Client()
    thief.cookies[settings.SESSION_COOKIE_NAME] = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert thief.get("/saya/").status_code == 200

    client.get(LOGOUT)
    assert thief.get("/saya/").status_code == 200
    client.post(LOGOUT)

    assert thief.get("/saya/")["Location"] == "/akun/masuk/?next=/saya/"


def test_logging_out_takes_no_other_method_than_get_and_post(client):
    client.force_login(factories.learner())

    assert client.put(LOGOUT).status_code == 405
    assert client.delete(LOGOUT).status_code == 405
    assert logged_in_user_id(client) is not None


def test_account_menu_offers_log_in_and_sign_up_to_visitors(client):
    page = client.get(LOGIN).content.decode()

    assert 'href="/akun/masuk/">Masuk</a>' in page
    assert 'href="/akun/daftar/">Daftar</a>' in page


def test_account_menu_offers_courses_profile_and_log_out_to_residents(client):
    client.force_login(factories.learner())

    page = client.get("/saya/profil/").content.decode()

    assert 'href="/saya/">Kursus saya</a>' in page
    assert 'href="/saya/profil/">Profil</a>' in page
    assert f'<form method="post" action="{LOGOUT}">' in page
