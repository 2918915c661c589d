"""/admin/logout/ logs out by POST only, and then the session is over, even for a copy of its cookie.

Wagtail's own view answered a GET with "Anda berhasil keluar" while the session stayed valid.
"""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import Client
from django.utils import translation
from wagtail.users.models import UserProfile

pytestmark = pytest.mark.django_db

LOGOUT = "/admin/logout/"


def copy_of_the_session_cookie(client):
    """Another browser holding the same session cookie: what a thief would have."""
    thief = Client()
    thief.cookies[settings.SESSION_COOKIE_NAME] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return thief


def in_indonesian(message):
    with translation.override("id"):
        return translation.gettext(message)


def test_a_get_asks_to_confirm_and_the_session_stays_valid(client, admin_user):
    client.force_login(admin_user)

    response = client.get(LOGOUT)

    assert response.status_code == 200
    form = BeautifulSoup(response.content, "html.parser").select_one(f'main form[action="{LOGOUT}"]')
    assert form["method"] == "post"
    assert form.select_one('input[name="csrfmiddlewaretoken"]')
    assert form.select_one('button[type="submit"]').get_text(strip=True) == "Keluar"
    assert "berhasil keluar" not in response.content.decode()
    assert response.cookies.get(settings.SESSION_COOKIE_NAME) is None  # the browser keeps its cookie
    assert client.get("/admin/").status_code == 200
    assert "berhasil keluar" not in client.get("/admin/").content.decode()


def test_a_post_logs_out_and_the_next_admin_page_asks_to_log_in(client, admin_user):
    client.force_login(admin_user)
    thief = copy_of_the_session_cookie(client)

    response = client.post(LOGOUT)

    assert response.status_code == 302
    assert response["Location"] == "/admin/login/"
    next_page = client.get("/admin/")
    assert next_page.status_code == 302
    assert next_page["Location"].startswith("/admin/login/")
    assert thief.get("/admin/").status_code == 302


def test_the_confirm_page_is_in_indonesian_for_an_indonesian_admin(client, admin_user):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "id"
    profile.save()
    client.force_login(admin_user)

    page = client.get(LOGOUT, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    soup = BeautifulSoup(page.content, "html.parser")
    assert soup.html["lang"] == "id"
    assert soup.h1.get_text(strip=True) == "Keluar"  # the page's title, not "Beranda"
    assert in_indonesian("Log out of the Sekolah Warga admin on this device?") in soup.main.get_text()
    assert soup.select_one("main form button").get_text(strip=True) == "Keluar"
    assert soup.select_one("main form a.button").get_text(strip=True) == in_indonesian("Stay logged in")


def test_the_confirm_page_is_in_english_for_an_admin_who_chose_english(client, admin_user):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(admin_user)

    soup = BeautifulSoup(client.get(LOGOUT).content, "html.parser")

    assert soup.html["lang"] == "en"
    assert "Log out of the Sekolah Warga admin on this device?" in soup.main.get_text()
    assert soup.select_one("main form button").get_text(strip=True) == "Log out"


def test_the_confirm_page_carries_the_admins_content_security_policy(client, admin_user):
    client.force_login(admin_user)

    response = client.get(LOGOUT)

    assert response["Content-Security-Policy"] == client.get("/admin/")["Content-Security-Policy"]
    assert "form-action 'self'" in response["Content-Security-Policy"]
    soup = BeautifulSoup(response.content, "html.parser")
    addresses = [tag.get("src") or tag.get("href") or "" for tag in soup.select("script[src], link[href], img[src]")]
    assert addresses and not [address for address in addresses if "//" in address]


def test_a_visitor_who_is_not_logged_in_is_sent_to_the_admin_log_in(client):
    response = client.get(LOGOUT)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_resident_gets_no_admin_page_from_the_address(client, django_user_model):
    resident = django_user_model.objects.create_user(username="warga", password="kata-sandi-rahasia")
    client.force_login(resident)

    response = client.get(LOGOUT)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
