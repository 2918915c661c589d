"""A resident's name is stored as clean text, whichever way it arrives: no control characters, no
bidirectional overrides that would disguise it on a certificate, and composed letters (NFC)."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from accounts.models import LearnerProfile
from tests import factories

pytestmark = pytest.mark.django_db

User = get_user_model()

# What a resident (or someone pasting for them) may type, and what is kept.
DIRTY_NAMES = [
    ("Budi\u202eSantoso", "BudiSantoso"),
    ("A\u0301gus Salim", "\u00c1gus Salim"),
    ("Budi\tSantoso", "Budi Santoso"),
    ("Budi\x00 Santoso", "Budi Santoso"),
]


@pytest.mark.parametrize(("typed", "stored"), DIRTY_NAMES)
def test_signing_up_stores_the_name_clean_and_composed(client, sign_up_form, typed, stored):
    response = client.post("/akun/daftar/", sign_up_form(full_name=typed))

    assert response.status_code == 302
    assert User.objects.get().first_name == stored


def test_a_minors_guardian_name_is_stored_clean(client, sign_up_form):
    birth_year = timezone.localdate().year - 15
    response = client.post(
        "/akun/daftar/",
        sign_up_form(birth_year=str(birth_year), guardian_name="Ibu\u202e Sari\t", guardian_consent="on"),
    )

    assert response.status_code == 302
    assert LearnerProfile.objects.get().guardian_name == "Ibu Sari"


def test_a_name_of_invisible_characters_only_is_refused_as_missing(client, sign_up_form):
    response = client.post("/akun/daftar/", sign_up_form(full_name="\u202e\u200b\t"))

    assert response.status_code == 200
    assert "Isi nama lengkap Anda." in response.text
    assert not User.objects.exists()


@pytest.mark.parametrize(("typed", "stored"), DIRTY_NAMES)
def test_changing_ones_name_in_the_profile_stores_it_clean(client, gunung_bahagia, typed, stored):
    user = factories.learner(phone="+6281234567890", kelurahan=gunung_bahagia)
    client.force_login(user)

    response = client.post(
        "/saya/profil/",
        {
            "full_name": typed,
            "email": "",
            "phone": "0812-3456-7890",
            "kelurahan": gunung_bahagia.code,
            "password": "kata-sandi-rahasia",
        },
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.first_name == stored


def test_a_name_set_in_the_wagtail_admins_user_editor_is_stored_clean(client):
    admin = User.objects.create_superuser(username="admin", password="kata-sandi-rahasia")
    resident = factories.learner(full_name="Siti Rahmawati", email="siti@contoh.id")
    client.force_login(admin)

    response = client.post(
        reverse("wagtailusers_users:edit", args=[resident.pk]),
        {
            "username": resident.username,
            "email": "siti@contoh.id",
            "first_name": "Siti\u202eRahma",
            "last_name": "A\u0301",
            "password1": "",
            "password2": "",
            "is_active": "on",
        },
    )

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    resident.refresh_from_db()
    assert (resident.first_name, resident.last_name) == ("SitiRahma", "\u00c1")


def test_the_data_migration_cleans_names_stored_before(gunung_bahagia):
    dirty = factories.learner(full_name="Siti Rahmawati", email="siti@contoh.id")
    clean = factories.learner(full_name="Budi Santoso", email="budi@contoh.id")
    # Written as an older version of the code would have: around User.save(), which cleans now.
    # (No NUL here: PostgreSQL never stored one.)
    User.objects.filter(pk=dirty.pk).update(first_name="Siti\u202e Rahmawati\x1b", last_name="A\u0301")
    LearnerProfile.objects.filter(user=dirty).update(guardian_name="\u200bIbu Sari\t")
    untouched_before = User.objects.values_list("first_name", "last_name", "date_joined").get(pk=clean.pk)

    migration = importlib.import_module("accounts.migrations.0006_clean_text")
    migration.clean_text(apps, schema_editor=None)

    dirty.refresh_from_db()
    assert (dirty.first_name, dirty.last_name) == ("Siti Rahmawati", "\u00c1")
    assert dirty.learner_profile.guardian_name == "Ibu Sari"
    assert User.objects.values_list("first_name", "last_name", "date_joined").get(pk=clean.pk) == untouched_before


def test_an_account_saved_by_code_keeps_a_clean_name():
    user = User.objects.create_user(username="warga", first_name="Budi\u202eSantoso", last_name="\t")

    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("BudiSantoso", "")
    assert user.date_joined < timezone.now() + datetime.timedelta(seconds=1)
