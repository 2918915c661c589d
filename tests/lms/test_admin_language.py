"""Staff work in the Wagtail admin in Indonesian unless they choose English."""

import pytest
from bs4 import BeautifulSoup
from wagtail.users.models import UserProfile

pytestmark = pytest.mark.django_db


def test_admin_speaks_indonesian_by_default(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert "Dasbor" in response.text
    assert "Dashboard" not in response.text


def test_staff_who_choose_english_get_the_admin_in_english(client, admin_user):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(admin_user)
    response = client.get("/admin/")
    assert "Dashboard" in response.text


def test_admin_login_page_is_indonesian(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "Masuk" in response.text


def test_staff_choose_their_time_zone_among_indonesias_three_wita_first(client, admin_user):
    # Wagtail's default list is the system's zoneinfo, where Debian's "localtime" makes the
    # browser throw "RangeError: Invalid time zone specified" on this page.
    client.force_login(admin_user)

    soup = BeautifulSoup(client.get("/admin/account/").content, "html.parser")

    select = soup.select_one('select[name="locale-current_time_zone"]')
    zones = [option["value"] for option in select.find_all("option") if option["value"]]
    assert zones == ["Asia/Makassar", "Asia/Jakarta", "Asia/Jayapura"]
    assert "localtime" not in select.decode()


def test_admin_login_page_labels_the_password_in_indonesian(client):
    # Wagtail's own login form gives its password field no label, so Django spelt out the field's
    # name, "Password", in English whatever the language.
    soup = BeautifulSoup(client.get("/admin/login/").content, "html.parser")

    label = soup.find("label", attrs={"for": "id_password"})
    assert label.get_text(strip=True).rstrip("*") == "Kata sandi"
