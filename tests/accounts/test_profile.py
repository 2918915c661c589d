"""/saya/profil/: a resident keeps their name, contact and kelurahan up to date."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import translation

from accounts.services import resident_profile_update
from tests import factories

pytestmark = pytest.mark.django_db

PROFILE = "/saya/profil/"


def test_anonymous_visitors_are_sent_to_log_in_first(client):
    response = client.get(PROFILE)

    assert response.status_code == 302
    assert response["Location"] == "/akun/masuk/?next=/saya/profil/"


def test_resident_sees_their_details_filled_in(client, gunung_bahagia):
    client.force_login(factories.learner(phone="+6281234567890", kelurahan=gunung_bahagia))

    soup = BeautifulSoup(client.get(PROFILE).content, "html.parser")

    assert soup.find("input", attrs={"name": "full_name"})["value"] == "Siti Rahmawati"
    # As residents write it and as the field's hint shows (issue 22, item 11), not as stored.
    assert soup.find("input", attrs={"name": "phone"})["value"] == "0812 3456 7890"
    assert soup.find("option", selected=True)["value"] == gunung_bahagia.code


def test_resident_changes_name_email_phone_and_kelurahan(client, gunung_bahagia, sepinggan):
    user = factories.learner(phone="+6281234567890", kelurahan=gunung_bahagia)
    client.force_login(user)

    response = client.post(
        PROFILE,
        {
            "full_name": "Siti Rahma",
            "email": "Siti@Contoh.id",
            "phone": "0813-2222-3333",
            "kelurahan": sepinggan.code,
            "password": "kata-sandi-rahasia",
        },
    )

    assert response["Location"] == PROFILE
    user.refresh_from_db()
    assert (user.first_name, user.email, user.phone) == ("Siti Rahma", "siti@contoh.id", "+6281322223333")
    assert user.learner_profile.kelurahan == sepinggan
    assert "Profil Anda sudah disimpan" in client.get(PROFILE).content.decode()


def test_removing_both_email_and_phone_is_refused(client, gunung_bahagia):
    user = factories.learner(phone="+6281234567890")
    client.force_login(user)

    response = client.post(PROFILE, {"full_name": "Siti", "email": "", "phone": "", "kelurahan": gunung_bahagia.code})

    assert response.status_code == 200
    assert "paling sedikit salah satu" in response.content.decode()
    user.refresh_from_db()
    assert (user.first_name, user.phone) == ("Siti Rahmawati", "+6281234567890")


def field_errors(response, field):
    errors = BeautifulSoup(response.content, "html.parser").find(id=f"id_{field}_error")
    return errors.get_text(" ", strip=True) if errors else ""


def test_another_residents_email_is_refused_by_name_without_asking_to_log_in(client, gunung_bahagia):
    # Sign-up's message ("… Silakan masuk …") would tell someone already logged in to log in.
    factories.learner(full_name="Budi", email="budi@contoh.id")
    user = factories.learner(phone="+6281234567890")
    client.force_login(user)

    response = client.post(
        PROFILE,
        {"full_name": "Siti", "email": "budi@contoh.id", "phone": "0812 3456 7890", "kelurahan": gunung_bahagia.code},
    )

    assert field_errors(response, "email") == "Alamat email ini sudah dipakai akun lain."
    assert "masuk" not in field_errors(response, "email").lower()
    user.refresh_from_db()
    assert user.email is None


def test_another_residents_phone_is_refused_by_name_without_asking_to_log_in(client, gunung_bahagia):
    factories.learner(full_name="Budi", phone="+6281311112222")
    user = factories.learner(phone="+6281234567890")
    client.force_login(user)

    response = client.post(
        PROFILE, {"full_name": "Siti", "email": "", "phone": "0813-1111-2222", "kelurahan": gunung_bahagia.code}
    )

    assert field_errors(response, "phone") == "Nomor ponsel ini sudah dipakai akun lain."
    assert "masuk" not in field_errors(response, "phone").lower()
    user.refresh_from_db()
    assert user.phone == "+6281234567890"


def test_the_profile_service_refuses_a_taken_phone_without_asking_to_log_in(gunung_bahagia):
    # The service checks again (the only way into the database): its refusal reads the same.
    factories.learner(full_name="Budi", phone="+6281311112222")
    user = factories.learner(phone="+6281234567890")

    with pytest.raises(ValidationError) as refusal, translation.override("id"):
        resident_profile_update(
            user=user, full_name="Siti", email=None, phone="0813-1111-2222", kelurahan=gunung_bahagia
        )

    with translation.override("id"):
        assert refusal.value.message_dict["phone"] == ["Nomor ponsel ini sudah dipakai akun lain."]


def test_staff_without_a_learner_profile_get_a_page_that_explains(client):
    staff = get_user_model().objects.create_user(username="pemkot", is_staff=True)
    client.force_login(staff)

    response = client.get(PROFILE)

    assert response.status_code == 200
    assert "/admin/account/" in response.content.decode()
