"""Staff work in the Wagtail admin in Indonesian unless they choose English."""

import pytest
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
