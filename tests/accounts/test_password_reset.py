"""/akun/sandi/: a new password by e-mail, in Indonesian; phone-only residents are told where to get help."""

import re

import pytest
from django.core import mail

from tests import factories

pytestmark = pytest.mark.django_db

RESET = "/akun/sandi/"
NEW_PASSWORD = "sandi-baru-yang-panjang"


def reset_link(message):
    return re.search(r"https?://\S+/akun/sandi/baru/\S+/", message.body).group(0)


def test_password_reset_sends_an_indonesian_email_with_a_link_to_this_site(client, settings):
    settings.SITE_URL = "https://sekolahwarga.example.id"
    factories.learner(email="siti@contoh.id")

    response = client.post(RESET, {"email": "Siti@Contoh.id"})

    assert response["Location"] == "/akun/sandi/terkirim/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["siti@contoh.id"]
    assert "kata sandi" in message.subject.lower()
    assert "Halo Siti Rahmawati" in message.body
    assert reset_link(message).startswith("https://sekolahwarga.example.id/akun/sandi/baru/")


def test_the_reset_link_sets_a_new_password_that_logs_in(client):
    factories.learner(email="siti@contoh.id")
    client.post(RESET, {"email": "siti@contoh.id"})
    path = reset_link(mail.outbox[0]).split("://", 1)[1].split("/", 1)[1]

    form_page = client.get("/" + path, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert response["Location"] == "/akun/sandi/selesai/"
    client.post("/akun/masuk/", {"username": "siti@contoh.id", "password": NEW_PASSWORD})
    assert client.session.get("_auth_user_id") is not None


def test_a_used_reset_link_no_longer_works(client):
    factories.learner(email="siti@contoh.id")
    client.post(RESET, {"email": "siti@contoh.id"})
    path = "/" + reset_link(mail.outbox[0]).split("://", 1)[1].split("/", 1)[1]
    form_page = client.get(path, follow=True)
    client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    again = client.get(path, follow=True)

    assert "tidak berlaku lagi" in again.content.decode()


def test_a_reset_for_an_unknown_email_sends_nothing_and_reveals_nothing(client):
    response = client.post(RESET, {"email": "tidak-ada@contoh.id"})

    assert response["Location"] == "/akun/sandi/terkirim/"
    assert mail.outbox == []


def test_a_new_password_lifts_a_lock_out(client):
    factories.learner(email="siti@contoh.id")
    for number in range(5):
        client.post("/akun/masuk/", {"username": "siti@contoh.id", "password": f"salah-{number}"})
    client.post(RESET, {"email": "siti@contoh.id"})
    path = "/" + reset_link(mail.outbox[0]).split("://", 1)[1].split("/", 1)[1]
    form_page = client.get(path, follow=True)
    client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    response = client.post("/akun/masuk/", {"username": "siti@contoh.id", "password": NEW_PASSWORD})

    assert response.status_code == 302


def test_the_reset_page_tells_phone_only_residents_to_ask_their_facilitator(client):
    page = client.get(RESET).content.decode()

    assert "fasilitator" in page
    assert "kelurahan" in page


def test_a_resident_enrolled_from_a_roster_without_a_password_can_set_one_by_email(client):
    # Roster accounts have no usable password, which Django's reset form would skip.
    resident = factories.learner(email="siti@contoh.id", password=None)

    client.post(RESET, {"email": "siti@contoh.id"})
    path = "/" + reset_link(mail.outbox[0]).split("://", 1)[1].split("/", 1)[1]
    form_page = client.get(path, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert [message.to for message in mail.outbox] == [["siti@contoh.id"]]
    assert response["Location"] == "/akun/sandi/selesai/"
    resident.refresh_from_db()
    assert resident.check_password(NEW_PASSWORD)


def test_a_switched_off_account_gets_no_reset_email(client):
    resident = factories.learner(email="siti@contoh.id", password=None)
    resident.is_active = False
    resident.save()

    client.post(RESET, {"email": "siti@contoh.id"})

    assert mail.outbox == []
