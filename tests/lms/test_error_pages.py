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


@pytest.mark.parametrize(("path", "status", "texts"), [
    pytest.param(
        "/tidak-ada-halaman-ini/",
        404,
        ["Halaman tidak ditemukan", "Kembali ke beranda"],
        id="a_missing_page_says_so_in_indonesian",
    ),
    pytest.param(
        "/uji/dilarang/",
        403,
        ["Akses ditolak", "Anda tidak berhak membuka halaman ini."],
        id="a_refused_page_says_so_in_indonesian",
    ),
    # A request Django refuses as malformed or suspicious (too many form fields, a forged path).
    pytest.param(
        "/uji/tidak-terbaca/",
        400,
        ["Permintaan tidak dapat dibaca", "Kembali ke beranda"],
        id="a_request_that_cannot_be_read_says_so_in_indonesian",
    ),
    pytest.param(
        "/uji/rusak/",
        500,
        ["Terjadi kesalahan", "Coba lagi beberapa menit lagi."],
        id="a_server_error_says_so_in_indonesian_without_a_trace",
    ),
])  # fmt: skip
def test_an_error_page_says_what_went_wrong_in_indonesian_and_nothing_about_the_server(site_tree, path, status, texts):
    client = Client(raise_request_exception=False)  # the error page, as a visitor gets it, not the exception

    response = client.get(path)

    assert response.status_code == status
    text = page_text(response)
    for expected in texts:
        assert expected in text, expected
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
