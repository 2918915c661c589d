"""Rotating the secret key: with the old key as a fallback, nobody is logged out and e-mailed links work."""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import override_settings

from tests import factories
from tests.lms.test_settings import PRODUCTION_ENV, read_settings

pytestmark = pytest.mark.django_db

OLD_KEY = "o" * 50
NEW_KEY = "n" * 50


def logged_in(client):
    return client.get("/saya/").status_code == 200


def test_production_reads_the_old_keys_from_the_environment():
    values = read_settings(
        "SECRET_KEY_FALLBACKS",
        settings_module="lms.settings.production",
        **PRODUCTION_ENV,
        DJANGO_SECRET_KEY_FALLBACKS="kunci-lama-satu,kunci-lama-dua",
    )
    assert values["SECRET_KEY_FALLBACKS"] == ["kunci-lama-satu", "kunci-lama-dua"]


def test_a_resident_stays_logged_in_and_a_reset_link_works_through_a_rotation_with_the_old_key_kept(client):
    resident = factories.resident()
    with override_settings(SECRET_KEY=OLD_KEY):
        client.force_login(resident)
        reset_token = default_token_generator.make_token(resident)
        assert logged_in(client)

    with override_settings(SECRET_KEY=NEW_KEY, SECRET_KEY_FALLBACKS=[OLD_KEY]):
        assert logged_in(client)
        assert default_token_generator.check_token(resident, reset_token)


def test_without_the_old_key_a_rotation_logs_everyone_out(client):
    resident = factories.resident()
    with override_settings(SECRET_KEY=OLD_KEY):
        client.force_login(resident)
        reset_token = default_token_generator.make_token(resident)

    with override_settings(SECRET_KEY=NEW_KEY, SECRET_KEY_FALLBACKS=[]):
        assert not logged_in(client)
        assert not default_token_generator.check_token(resident, reset_token)
