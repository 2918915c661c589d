"""/akun/daftar/: one network may send only so many sign-ups in a while (accounts.sign_up_throttle)."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.test import Client

pytestmark = pytest.mark.django_db

SIGN_UP = "/akun/daftar/"
LIMIT = 3


@pytest.fixture(autouse=True)
def small_limit(settings):
    settings.SIGN_UP_LIMIT = LIMIT
    settings.SIGN_UP_WINDOW_MINUTES = 60


def page_text(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def test_sign_ups_past_the_limit_get_a_429_page_saying_when_to_try_again(sign_up_form):
    for number in range(LIMIT):
        # Accepted sign-ups count like refused ones: each resident on their own phone, one network.
        response = Client().post(SIGN_UP, sign_up_form(phone=f"0812-3456-780{number}"))
        assert response.status_code == 302

    response = Client().post(SIGN_UP, sign_up_form(phone="0812-3456-7809"))

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60 * 60
    text = page_text(response)
    assert "Terlalu banyak pendaftaran" in text
    assert f"Lebih dari {LIMIT} pendaftaran dikirim dari jaringan ini dalam 60 menit" in text
    assert "Coba lagi setelah pukul" in text
    assert not get_user_model().objects.filter(phone="+6281234567809").exists()


def test_refused_forms_count_too(client, sign_up_form):
    for _number in range(LIMIT):
        assert client.post(SIGN_UP, sign_up_form(password_confirm="bukan-sandi-yang-sama")).status_code == 200

    assert client.post(SIGN_UP, sign_up_form()).status_code == 429
    assert get_user_model().objects.count() == 0


def test_another_network_can_still_sign_up(client, sign_up_form):
    for _number in range(LIMIT + 1):
        client.post(SIGN_UP, sign_up_form(password_confirm="salah-ketik"), REMOTE_ADDR="10.0.0.1")

    response = client.post(SIGN_UP, sign_up_form(), REMOTE_ADDR="10.0.0.2")

    assert response.status_code == 302
    assert get_user_model().objects.get().phone == "+6281234567890"


def test_behind_a_proxy_each_client_is_counted_apart(client, sign_up_form, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1  # the address the proxy appends to X-Forwarded-For
    through_proxy = {"REMOTE_ADDR": "10.0.0.9"}
    from_one_client = [
        client.post(
            SIGN_UP, sign_up_form(password_confirm="salah-ketik"), **through_proxy, HTTP_X_FORWARDED_FOR=forwarded
        )
        for forwarded in ["36.68.1.1"] * LIMIT + ["1.2.3.4, 36.68.1.1"]  # a forged first entry changes nothing
    ]

    response = client.post(SIGN_UP, sign_up_form(), **through_proxy, HTTP_X_FORWARDED_FOR="36.68.1.2")

    assert [r.status_code for r in from_one_client] == [200] * LIMIT + [429]
    assert response.status_code == 302


def test_an_address_that_is_not_an_ip_is_still_counted_not_a_server_error(client, sign_up_form):
    # gunicorn behind a proxy on a Unix socket leaves REMOTE_ADDR empty; a forwarded entry may carry a port.
    for address in ("", "36.68.1.1:51234"):
        from_there = [
            client.post(SIGN_UP, sign_up_form(password_confirm="salah-ketik"), REMOTE_ADDR=address).status_code
            for _number in range(LIMIT + 1)
        ]
        assert from_there == [200] * LIMIT + [429]


def test_while_the_cache_cannot_count_sign_ups_still_go_through(client, sign_up_form, monkeypatch):
    # What django-redis answers, with IGNORE_EXCEPTIONS, while Redis cannot be reached.
    cache = caches["default"]
    monkeypatch.setattr(cache, "add", lambda *args, **kwargs: None)
    monkeypatch.setattr(cache, "incr", lambda *args, **kwargs: None)
    for _number in range(LIMIT):
        client.post(SIGN_UP, sign_up_form(password_confirm="salah-ketik"))

    response = client.post(SIGN_UP, sign_up_form())

    assert response.status_code == 302
    assert get_user_model().objects.get().phone == "+6281234567890"


def test_opening_the_form_counts_nothing(client, sign_up_form):
    for _number in range(LIMIT + 5):
        assert client.get(SIGN_UP).status_code == 200

    assert client.post(SIGN_UP, sign_up_form()).status_code == 302
