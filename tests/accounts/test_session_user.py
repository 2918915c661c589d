"""Each logged-in request reads its user by a statement compiled once
(accounts.backends.EmailPhoneUsernameBackend.get_user): the same user, and the same refusals, as
Django's own ModelBackend.get_user gives (a session holding no id finds nobody, where it raises)."""

import pytest
from django.contrib.auth import get_user_model

from accounts import backends
from tests import factories

pytestmark = pytest.mark.django_db

LOGIN = "/akun/masuk/"
PASSWORD = "kata-sandi-rahasia"
MY_COURSES = "/saya/"


@pytest.fixture
def siti(client):
    """A resident logged in through the log-in view, as every resident is."""
    user = factories.learner(email="siti@contoh.id")
    client.post(LOGIN, {"username": "siti@contoh.id", "password": PASSWORD})
    assert client.session["_auth_user_backend"] == "accounts.backends.EmailPhoneUsernameBackend"
    return user


def test_a_logged_in_resident_sees_their_own_courses_page(client, siti):
    response = client.get(MY_COURSES)

    assert response.status_code == 200
    assert response.wsgi_request.user == siti


def test_a_deactivated_account_is_logged_out_at_its_next_request(client, siti):
    get_user_model().objects.filter(pk=siti.pk).update(is_active=False)

    response = client.get(MY_COURSES)

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert not response.wsgi_request.user.is_authenticated


def test_a_password_changed_elsewhere_ends_the_session(client, siti):
    siti.set_password("sandi-baru-yang-lain")
    siti.save()

    response = client.get(MY_COURSES)

    assert response.status_code == 302
    assert not response.wsgi_request.user.is_authenticated


def test_a_deleted_account_is_logged_out(client, siti):
    get_user_model().objects.filter(pk=siti.pk).delete()

    response = client.get(MY_COURSES)

    assert response.status_code == 302
    assert not response.wsgi_request.user.is_authenticated


def test_a_session_holding_no_id_finds_nobody():
    # Where ModelBackend would raise ValueError from the ORM: the session is simply not a logged-in one.
    assert backends.EmailPhoneUsernameBackend().get_user("bukan-id") is None


def test_the_user_is_read_in_one_query_by_a_statement_compiled_once(siti, monkeypatch, django_assert_num_queries):
    backend = backends.EmailPhoneUsernameBackend()
    backend.get_user(str(siti.pk))  # compiled here, if no earlier test in this process did

    def not_again(pk):
        raise AssertionError("built again")

    monkeypatch.setattr(backends, "_user_by_pk", not_again)
    other = factories.learner(email="rina@contoh.id")
    with django_assert_num_queries(1):
        found = backend.get_user(str(other.pk))

    assert found == other
    assert found.email == "rina@contoh.id"
    assert found.get_session_auth_hash() == other.get_session_auth_hash()
