"""Five wrong passwords lock one account out from one address, and nobody else."""

import pytest
from django.contrib.auth import get_user_model

from tests import factories

pytestmark = pytest.mark.django_db

LOGIN = "/akun/masuk/"
PASSWORD = "kata-sandi-rahasia"
SHARED_CARRIER_ADDRESS = "114.125.10.20"


def attempt(client, username, password, address=SHARED_CARRIER_ADDRESS):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail_five_times(client, username):
    return [attempt(client, username, f"salah-{number}") for number in range(5)]


def test_after_five_failures_even_the_right_password_is_refused_with_a_time_to_try_again(client):
    factories.learner(email="siti@contoh.id")

    responses = fail_five_times(client, "siti@contoh.id")
    response = attempt(client, "siti@contoh.id", PASSWORD)

    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    assert response.status_code == 429
    page = response.content.decode()
    assert "Terlalu banyak percobaan" in page
    assert "Coba lagi setelah pukul" in page
    assert "15 menit" in page
    assert client.session.get("_auth_user_id") is None


def test_four_failures_do_not_lock_the_account(client):
    user = factories.learner(email="siti@contoh.id")
    for number in range(4):
        attempt(client, "siti@contoh.id", f"salah-{number}")

    attempt(client, "siti@contoh.id", PASSWORD)

    assert client.session.get("_auth_user_id") == str(user.pk)


def test_failures_count_against_the_account_however_its_identifier_is_typed(client):
    factories.learner(email="siti@contoh.id", phone="+6281234567890")
    for typed in ["siti@contoh.id", "SITI@contoh.id", "0812-3456-7890", "+62 812 3456 7890", "6281234567890"]:
        attempt(client, typed, "salah")

    assert attempt(client, "0812 3456 7890", PASSWORD).status_code == 429


def test_another_account_on_the_same_address_is_not_locked(client):
    factories.learner(email="siti@contoh.id")
    neighbour = factories.learner(full_name="Budi Santoso", email="budi@contoh.id")
    fail_five_times(client, "siti@contoh.id")

    response = attempt(client, "budi@contoh.id", PASSWORD)

    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(neighbour.pk)


def test_the_same_account_from_another_address_is_not_locked(client):
    user = factories.learner(email="siti@contoh.id")
    fail_five_times(client, "siti@contoh.id")

    attempt(client, "siti@contoh.id", PASSWORD, address="36.68.1.2")

    assert client.session.get("_auth_user_id") == str(user.pk)


def test_a_successful_log_in_clears_earlier_failures(client):
    factories.learner(email="siti@contoh.id")
    for number in range(4):
        attempt(client, "siti@contoh.id", f"salah-{number}")
    attempt(client, "siti@contoh.id", PASSWORD)
    client.post("/akun/keluar/")

    for number in range(4):
        attempt(client, "siti@contoh.id", f"salah-{number}")

    assert attempt(client, "siti@contoh.id", PASSWORD).status_code == 302


def test_the_wagtail_admin_log_in_is_locked_out_too(client):
    get_user_model().objects.create_superuser(username="admin", password=PASSWORD)
    for number in range(5):
        client.post("/admin/login/", {"username": "admin", "password": f"salah-{number}"}, REMOTE_ADDR="10.1.1.1")

    response = client.post("/admin/login/", {"username": "admin", "password": PASSWORD}, REMOTE_ADDR="10.1.1.1")

    assert response.status_code == 429
    assert client.session.get("_auth_user_id") is None


def test_failures_on_the_public_log_in_and_the_admin_count_together(client):
    get_user_model().objects.create_superuser(username="admin", password=PASSWORD)
    for number in range(5):
        attempt(client, "admin", f"salah-{number}")

    response = client.post(
        "/admin/login/", {"username": "admin", "password": PASSWORD}, REMOTE_ADDR=SHARED_CARRIER_ADDRESS
    )

    assert response.status_code == 429
