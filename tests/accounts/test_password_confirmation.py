"""Someone holding a resident's session cannot take the account over.

Changing the e-mail or phone (what the account logs in with, where a reset link goes) asks for the
current password, and every wrong password typed to confirm something counts in the same lock-out as
a wrong log-in: 5 per account and address (django-axes).
"""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.utils import translation

from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "kata-sandi-rahasia"
PROFILE = "/saya/profil/"
DELETE = "/saya/data/hapus/"
LOGIN = "/akun/masuk/"
ADDRESS = "114.125.10.20"
PHONE = "+6281234567890"


@pytest.fixture
def siti(gunung_bahagia):
    return factories.learner(email="siti@contoh.id", phone=PHONE, kelurahan=gunung_bahagia)


def profile_change(client, kelurahan, address=ADDRESS, **changes):
    data = {"full_name": "Siti Rahmawati", "email": "siti@contoh.id", "phone": "0812 3456 7890"}
    data.update(kelurahan=kelurahan.code, **changes)
    return client.post(PROFILE, data, REMOTE_ADDR=address)


def delete_account(client, password, address=ADDRESS):
    return client.post(DELETE, {"password": password}, REMOTE_ADDR=address)


def log_in(client, password, address=ADDRESS):
    return client.post(LOGIN, {"username": "siti@contoh.id", "password": password}, REMOTE_ADDR=address)


def in_indonesian(message):
    """A message as the site shows it: in Indonesian (new messages read in English until translated)."""
    with translation.override("id"):
        return translation.gettext(message)


def field_error(response, field):
    errors = BeautifulSoup(response.content, "html.parser").find(id=f"id_{field}_error")
    return errors.get_text(" ", strip=True) if errors else ""


def stored(user):
    user.refresh_from_db()
    return (user.first_name, user.email, user.phone, user.learner_profile.kelurahan.code)


# --- a new e-mail or phone needs the current password


def test_a_new_email_without_the_current_password_is_refused_and_nothing_is_saved(client, siti, sepinggan):
    client.force_login(siti)
    before = stored(siti)

    response = profile_change(client, sepinggan, full_name="Siti Baru", email="orang.lain@contoh.id")

    assert response.status_code == 200
    assert field_error(response, "password") == in_indonesian(
        "To change your email address or mobile number, type your current password."
    )
    assert stored(siti) == before


def test_a_new_phone_with_a_wrong_password_is_refused_and_nothing_is_saved(client, siti, gunung_bahagia):
    client.force_login(siti)
    before = stored(siti)

    response = profile_change(client, gunung_bahagia, phone="0813-9999-8888", password="bukan-sandinya")

    assert response.status_code == 200
    assert field_error(response, "password") == in_indonesian("This is not your current password. Nothing was saved.")
    assert stored(siti) == before


def test_removing_the_email_is_a_contact_change_too(client, siti, gunung_bahagia):
    client.force_login(siti)

    response = profile_change(client, gunung_bahagia, email="")

    assert field_error(response, "password") == in_indonesian(
        "To change your email address or mobile number, type your current password."
    )
    assert stored(siti)[1] == "siti@contoh.id"


def test_changing_only_the_name_and_kelurahan_needs_no_password(client, siti, sepinggan):
    client.force_login(siti)

    # The same phone in another spelling and the same e-mail in capitals are no change.
    response = profile_change(client, sepinggan, full_name="Siti Rahma", email="SITI@contoh.id")

    assert response["Location"] == PROFILE
    assert stored(siti) == ("Siti Rahma", "siti@contoh.id", PHONE, sepinggan.code)


def test_the_right_password_saves_a_new_email_and_phone(client, siti, gunung_bahagia):
    client.force_login(siti)

    response = profile_change(
        client, gunung_bahagia, email="siti.baru@contoh.id", phone="0813-9999-8888", password=PASSWORD
    )

    assert response["Location"] == PROFILE
    assert stored(siti)[1:3] == ("siti.baru@contoh.id", "+6281399998888")
    assert "Profil Anda sudah disimpan" in client.get(PROFILE).content.decode()


def test_the_profile_asks_for_the_current_password_only_for_a_contact_change(client, siti):
    client.force_login(siti)

    soup = BeautifulSoup(client.get(PROFILE).content, "html.parser")

    field = soup.find("input", attrs={"name": "password"})
    assert field["type"] == "password"
    assert field["autocomplete"] == "current-password"
    assert "value" not in field.attrs
    assert soup.find(id="id_password_helptext").get_text() == in_indonesian(
        "Needed only when you change your email address or mobile number."
    )


# --- wrong confirmations lock the account as wrong log-ins do


def assert_locked_out(response):
    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in response.content.decode()


def test_five_wrong_passwords_to_delete_the_account_lock_it_like_five_wrong_log_ins(client, siti):
    client.force_login(siti)

    responses = [delete_account(client, f"salah-{number}") for number in range(5)]
    right_password = delete_account(client, PASSWORD)

    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    assert "Ini bukan kata sandi Anda. Tidak ada yang dihapus." in responses[0].content.decode()
    assert_locked_out(right_password)
    assert get_user_model().objects.filter(pk=siti.pk, is_active=True).exists()
    assert stored(siti)[1] == "siti@contoh.id"
    client.logout()
    assert_locked_out(log_in(client, PASSWORD))
    assert client.session.get("_auth_user_id") is None


def test_five_wrong_passwords_to_change_the_contact_lock_the_account_like_five_wrong_log_ins(
    client, siti, gunung_bahagia
):
    client.force_login(siti)
    before = stored(siti)

    responses = [
        profile_change(client, gunung_bahagia, email="pencuri@contoh.id", password=f"salah-{number}")
        for number in range(5)
    ]
    right_password = profile_change(client, gunung_bahagia, email="pencuri@contoh.id", password=PASSWORD)

    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    assert_locked_out(right_password)
    assert stored(siti) == before
    client.logout()
    assert_locked_out(log_in(client, PASSWORD))


def test_wrong_log_ins_and_wrong_confirmations_add_up_in_one_counter(client, siti, gunung_bahagia):
    log_in(client, "salah-1")
    log_in(client, "salah-2")
    client.force_login(siti)
    profile_change(client, gunung_bahagia, phone="0813-9999-8888", password="salah-3")
    delete_account(client, "salah-4")

    fifth = delete_account(client, "salah-5")

    assert_locked_out(fifth)
    client.logout()
    assert_locked_out(log_in(client, PASSWORD))


def test_wrong_confirmations_after_wrong_log_ins_lock_at_the_fifth(client, siti):
    for number in range(4):
        log_in(client, f"salah-{number}")
    client.force_login(siti)

    assert_locked_out(delete_account(client, "salah-5"))
    assert get_user_model().objects.filter(pk=siti.pk).exists()


def test_wrong_confirmations_from_one_address_do_not_lock_the_account_elsewhere(client, siti):
    client.force_login(siti)
    for number in range(5):
        delete_account(client, f"salah-{number}")
    client.logout()

    response = log_in(client, PASSWORD, address="36.68.1.2")

    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(siti.pk)


def test_a_right_confirmation_clears_earlier_failures_as_a_log_in_does(client, siti, gunung_bahagia):
    client.force_login(siti)
    for number in range(4):
        delete_account(client, f"salah-{number}")
    profile_change(client, gunung_bahagia, email="siti.baru@contoh.id", password=PASSWORD)
    client.logout()

    for number in range(4):
        client.post(LOGIN, {"username": "siti.baru@contoh.id", "password": f"salah-{number}"}, REMOTE_ADDR=ADDRESS)
    response = client.post(LOGIN, {"username": "siti.baru@contoh.id", "password": PASSWORD}, REMOTE_ADDR=ADDRESS)

    assert response.status_code == 302
