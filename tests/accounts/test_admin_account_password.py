"""/admin/account/: a stolen staff session cannot change the e-mail or the password without the password.

A new e-mail needs the current password; a wrong current password (for a new e-mail or a new
password) counts in the same lock-out as a wrong log-in.
"""

import pytest
from axes.models import AccessAttempt
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

User = get_user_model()

ACCOUNT = "/admin/account/"
ADDRESS = "10.1.1.1"
PASSWORD = "password"  # pytest-django's admin_user


@pytest.fixture
def admin_user(admin_user):
    """pytest-django's superuser, with the first and last name Wagtail's account page requires."""
    admin_user.first_name, admin_user.last_name = "Admin", "Kota"
    admin_user.save()
    return admin_user


def in_indonesian(message):
    with translation.override("id"):
        return translation.gettext(message)


def account_form_as_shown(client):
    """What the account page's form sends back untouched: every field with its current value."""
    form = BeautifulSoup(client.get(ACCOUNT).content, "html.parser").select_one("main form")
    data = {}
    for field in form.select("input[name], select[name], textarea[name]"):
        kind = field.get("type", "")
        if kind in ("file", "password", "submit") or (kind in ("checkbox", "radio") and not field.has_attr("checked")):
            continue
        if field.name == "select":
            chosen = field.select_one("option[selected]") or field.select_one("option")
            data[field["name"]] = chosen["value"]
        else:
            data[field["name"]] = field.get("value", field.get_text())
    return data


def save_account(client, **changes):
    data = account_form_as_shown(client)
    data.update({name.replace("__", "-"): value for name, value in changes.items()})
    return client.post(ACCOUNT, data, REMOTE_ADDR=ADDRESS)


def field_error(response, name):
    soup = BeautifulSoup(response.content, "html.parser")
    field = soup.select_one(f'[data-field-input] input[name="{name}"], input[name="{name}"]')
    wrapper = field.find_parent(attrs={"data-field": True}) if field else None
    errors = wrapper.select_one(".error-message") if wrapper else None
    return errors.get_text(" ", strip=True) if errors else ""


def admin_log_in(client, password):
    return client.post("/admin/login/", {"username": "admin", "password": password}, REMOTE_ADDR=ADDRESS)


def test_a_new_email_without_the_current_password_is_refused_and_nothing_is_saved(client, admin_user):
    client.force_login(admin_user)

    response = save_account(client, name_email__email="pencuri@contoh.id", name_email__first_name="Pencuri")

    assert response.status_code == 200
    assert field_error(response, "name_email-password") == in_indonesian(
        "To change your email address, type your current password."
    )
    admin_user.refresh_from_db()
    assert (admin_user.email, admin_user.first_name) == ("admin@example.com", "Admin")


def test_a_new_email_with_a_wrong_password_is_refused(client, admin_user):
    client.force_login(admin_user)

    response = save_account(client, name_email__email="pencuri@contoh.id", name_email__password="bukan-sandinya")

    assert field_error(response, "name_email-password") == in_indonesian(
        "This is not your current password. Nothing was saved."
    )
    admin_user.refresh_from_db()
    assert admin_user.email == "admin@example.com"


def test_the_right_password_saves_a_new_email(client, admin_user):
    client.force_login(admin_user)

    response = save_account(client, name_email__email="staf@contoh.id", name_email__password=PASSWORD)

    assert response.status_code == 302
    admin_user.refresh_from_db()
    assert admin_user.email == "staf@contoh.id"


def test_changing_only_the_name_needs_no_password(client, admin_user):
    client.force_login(admin_user)

    response = save_account(client, name_email__first_name="Rina", name_email__last_name="Wati")

    assert response.status_code == 302
    admin_user.refresh_from_db()
    assert (admin_user.first_name, admin_user.email) == ("Rina", "admin@example.com")


def test_five_wrong_old_passwords_lock_the_account_like_five_wrong_log_ins(client, admin_user):
    client.force_login(admin_user)
    new = {"password__new_password1": "sandi-baru-yang-panjang", "password__new_password2": "sandi-baru-yang-panjang"}

    responses = [save_account(client, password__old_password=f"salah-{number}", **new) for number in range(5)]
    right_password = save_account(client, password__old_password=PASSWORD, **new)

    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    assert right_password.status_code == 429
    admin_user.refresh_from_db()
    assert admin_user.check_password(PASSWORD)
    client.logout()
    assert admin_log_in(client, PASSWORD).status_code == 429


def test_wrong_admin_log_ins_and_a_wrong_password_for_a_new_email_add_up(client, admin_user):
    for number in range(4):
        admin_log_in(client, f"salah-{number}")
    client.force_login(admin_user)

    response = save_account(client, name_email__email="pencuri@contoh.id", name_email__password="salah-5")

    assert response.status_code == 429
    admin_user.refresh_from_db()
    assert admin_user.email == "admin@example.com"


def test_one_wrong_password_counts_once_though_the_page_checks_its_forms_again_to_show_errors(client, admin_user):
    client.force_login(admin_user)

    save_account(client, name_email__email="pencuri@contoh.id", name_email__password="salah-1")

    assert AccessAttempt.objects.get(username="admin").failures_since_start == 1


def test_the_record_of_a_failure_keeps_none_of_the_passwords_typed(client, admin_user):
    client.force_login(admin_user)

    save_account(
        client,
        name_email__email="pencuri@contoh.id",
        name_email__password="tebakan-pertama",
        password__old_password="tebakan-kedua",
        password__new_password1="sandi-baru-pencuri",
        password__new_password2="sandi-baru-pencuri",
    )

    kept = AccessAttempt.objects.get(username="admin").post_data
    assert "name_email-password" in kept
    for typed in ["tebakan-pertama", "tebakan-kedua", "sandi-baru-pencuri"]:
        assert typed not in kept


# --- Wagtail's user editor: editing oneself there changes neither e-mail nor password ------------------


def test_a_superuser_editing_themselves_in_the_user_editor_cannot_change_their_email_or_password(client, admin_user):
    client.force_login(admin_user)
    edit = reverse("wagtailusers_users:edit", args=[admin_user.pk])
    form = BeautifulSoup(client.get(edit).content, "html.parser")
    assert form.find("input", {"name": "email"}) is None
    assert form.find("input", {"name": "password1"}) is None

    response = client.post(
        edit,
        {
            "username": admin_user.username,
            "email": "pencuri@contoh.id",
            "first_name": "Admin",
            "last_name": "Kota",
            "password1": "sandi-pencuri-123",
            "password2": "sandi-pencuri-123",
        },
    )

    assert response.status_code == 302
    admin_user.refresh_from_db()
    assert admin_user.email != "pencuri@contoh.id"
    assert admin_user.check_password(PASSWORD)
    assert not admin_user.check_password("sandi-pencuri-123")


def test_a_superuser_still_sets_another_users_email_and_password_in_the_user_editor(client, admin_user):
    other = User.objects.create_user(username="staf", email="staf@contoh.id", password="lama-12345", is_staff=True)
    client.force_login(admin_user)

    response = client.post(
        reverse("wagtailusers_users:edit", args=[other.pk]),
        {
            "username": "staf",
            "email": "staf.baru@contoh.id",
            "first_name": "Staf",
            "last_name": "Kota",
            "password1": "sandi-baru-98765",
            "password2": "sandi-baru-98765",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    other.refresh_from_db()
    assert other.email == "staf.baru@contoh.id"
    assert other.check_password("sandi-baru-98765")
