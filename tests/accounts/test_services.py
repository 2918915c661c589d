"""The account services save everything or nothing, whoever calls them."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import LearnerProfile
from accounts.services import resident_profile_for_demo, resident_profile_update, resident_sign_up
from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "kata-sandi-rahasia"


def sign_up(**changes):
    arguments = {
        "full_name": "  Budi   Santoso ",
        "password": PASSWORD,
        "kelurahan": factories.kelurahan(),
        "phone": "0812 3456 7890",
        "consent_given": True,
    }
    arguments.update(changes)
    return resident_sign_up(**arguments)


def test_resident_sign_up_creates_the_account_and_its_profile_together():
    user = sign_up(email="Budi@Contoh.id")

    assert user.get_full_name() == "Budi Santoso"
    assert (user.email, user.phone) == ("budi@contoh.id", "+6281234567890")
    assert user.check_password(PASSWORD)
    assert user.learner_profile.kelurahan.code == "6471010006"


def test_generated_usernames_differ_for_residents_with_the_same_name():
    first = sign_up(phone="081200000001")
    second = sign_up(phone="081200000002")

    assert first.username != second.username
    assert first.username.startswith("budi-santoso-")


def test_resident_sign_up_saves_nothing_when_the_kelurahan_is_not_a_kelurahan():
    kecamatan = factories.kelurahan().parent

    with pytest.raises(ValidationError) as refusal:
        sign_up(kelurahan=kecamatan)

    assert "kelurahan" in refusal.value.message_dict
    assert get_user_model().objects.count() == 0


def test_resident_sign_up_refuses_a_taken_email_and_phone_naming_both():
    factories.learner(email="budi@contoh.id", phone="+6281234567890")

    with pytest.raises(ValidationError) as refusal:
        sign_up(email="budi@contoh.id", phone="0812-3456-7890")

    assert set(refusal.value.message_dict) == {"email", "phone"}
    assert get_user_model().objects.count() == 1


def test_resident_sign_up_refuses_without_consent_or_contact():
    with pytest.raises(ValidationError) as refusal:
        sign_up(phone="", consent_given=False)

    assert set(refusal.value.message_dict) == {"email", "consent"}
    assert LearnerProfile.objects.count() == 0


def test_resident_sign_up_refuses_a_minor_without_guardian_consent():
    with pytest.raises(ValidationError) as refusal:
        sign_up(birth_year=timezone.localdate().year - 10, guardian_name="Ibu Aminah")

    assert set(refusal.value.message_dict) == {"guardian_consent"}
    assert get_user_model().objects.count() == 0


def test_profile_update_changes_name_contact_and_kelurahan():
    user = factories.learner(email="lama@contoh.id")
    sepinggan = factories.kelurahan("6471010007", "Sepinggan")

    resident_profile_update(user=user, full_name="Siti Rahma", email="", phone="0812 9999 0000", kelurahan=sepinggan)

    user.refresh_from_db()
    assert (user.first_name, user.last_name, user.email, user.phone) == ("Siti Rahma", "", None, "+6281299990000")
    assert user.learner_profile.kelurahan == sepinggan


def test_profile_update_refuses_another_residents_phone_and_changes_nothing():
    factories.learner(phone="+6281299990000")
    user = factories.learner(email="siti@contoh.id")

    with pytest.raises(ValidationError) as refusal:
        resident_profile_update(
            user=user, full_name="Siti Baru", email="siti@contoh.id", phone="0812-9999-0000", kelurahan=None
        )

    assert "phone" in refusal.value.message_dict
    user.refresh_from_db()
    assert (user.first_name, user.phone) == ("Siti Rahmawati", None)


def test_demo_residents_get_a_profile_once_and_their_whole_name_in_first_name():
    factories.kelurahan()
    user = get_user_model().objects.create_user(username="warga1", first_name="Siti", last_name="Rahmawati")

    profile = resident_profile_for_demo(user, kelurahan_code="6471010006", phone="0812 1000 0001")
    again = resident_profile_for_demo(user, kelurahan_code="6471010006", phone="0812 1000 0001")

    assert again.pk == profile.pk
    user.refresh_from_db()
    assert (user.first_name, user.last_name, user.phone) == ("Siti Rahmawati", "", "+6281210000001")
    assert LearnerProfile.objects.count() == 1
