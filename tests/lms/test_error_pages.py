"""404, 403, 400, 500 and a refused form: Bahasa Indonesia, nothing about the server, the site's policy."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from tests.lms.failing_urls import SECRET_DETAILS

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.lms.failing_urls")]

# What no error page may show: the failure's own message, a traceback, SQL, paths, settings.
LEAKS = ["SELECT", "accounts_user", "/srv/", "settings", "SECRET_KEY", "Traceback", "RuntimeError", "PermissionDenied"]


def page_text(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def assert_leaks_nothing(response):
    html = response.content.decode()
    assert SECRET_DETAILS not in html
    for leak in LEAKS:
        assert leak not in html, leak
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_a_missing_page_says_so_in_indonesian(client, site_tree):
    response = client.get("/tidak-ada-halaman-ini/")

    assert response.status_code == 404
    text = page_text(response)
    assert "Halaman tidak ditemukan" in text
    assert "Kembali ke beranda" in text
    assert_leaks_nothing(response)


def test_a_refused_page_says_so_in_indonesian(client, site_tree):
    response = client.get("/uji/dilarang/")

    assert response.status_code == 403
    text = page_text(response)
    assert "Akses ditolak" in text
    assert "Anda tidak berhak membuka halaman ini." in text
    assert_leaks_nothing(response)


def test_a_request_that_cannot_be_read_says_so_in_indonesian(site_tree):
    """A request Django refuses as malformed or suspicious (too many form fields, a forged path)."""
    client = Client(raise_request_exception=False)

    response = client.get("/uji/tidak-terbaca/")

    assert response.status_code == 400
    text = page_text(response)
    assert "Permintaan tidak dapat dibaca" in text
    assert "Kembali ke beranda" in text
    assert_leaks_nothing(response)


def test_a_server_error_says_so_in_indonesian_without_a_trace(site_tree):
    client = Client(raise_request_exception=False)

    response = client.get("/uji/rusak/")

    assert response.status_code == 500
    text = page_text(response)
    assert "Terjadi kesalahan" in text
    assert "Coba lagi beberapa menit lagi." in text
    assert_leaks_nothing(response)


def test_the_server_error_page_needs_neither_the_database_nor_a_request(db):
    """The 500 page is shown when the database itself is down: it must render from nothing."""
    from django.template import loader

    html = loader.get_template("500.html").render()

    assert "Terjadi kesalahan" in html


def test_a_form_sent_without_its_security_token_is_refused_in_indonesian(site_tree):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/akun/masuk/", {"username": "warga", "password": "salah"})

    assert response.status_code == 403
    assert "Formulir kedaluwarsa" in page_text(response)
    assert_leaks_nothing(response)
