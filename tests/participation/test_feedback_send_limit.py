"""Suara Warga's limits (participation.feedback_throttle): items per person, forms per client address,
wrong tracking codes per address; each refusal says when to try again, and saves nothing."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.test import Client

from participation.feedback_throttle import LOOKUP_MISS_LIMIT, LOOKUP_WINDOW
from participation.models import Feedback
from tests import factories
from tests.participation import suara_warga_fixtures
from tests.participation.suara_warga_fixtures import SEND, in_indonesian

pytestmark = pytest.mark.django_db

suara_warga = suara_warga_fixtures.suara_warga
send_form = suara_warga_fixtures.send_form

PERSON_LIMIT = 2
ADDRESS_LIMIT = 4


@pytest.fixture(autouse=True)
def small_limits(settings):
    settings.FEEDBACK_PERSON_LIMIT = PERSON_LIMIT
    settings.FEEDBACK_ADDRESS_LIMIT = ADDRESS_LIMIT
    settings.FEEDBACK_WINDOW_MINUTES = 60


def page_text(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def send(data, address):
    """A form sent from `address`, by a new browser each time."""
    return Client().post(SEND, data, REMOTE_ADDR=address)


def assert_paused(response):
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60 * 60
    assert "private" in response["Cache-Control"]
    # "Coba lagi setelah pukul …": the msgid is shared with the sign-up limit, already translated.
    assert "Coba lagi setelah pukul" in page_text(response)


def test_one_person_without_an_account_is_refused_past_the_limit_whatever_network_they_use(send_form):
    for number in range(PERSON_LIMIT):
        assert send(send_form(), f"10.0.0.{number}").status_code == 302

    # The same number, written another way, from yet another network.
    response = send(send_form(phone="+62 812 3456 7890"), "10.0.0.99")

    assert_paused(response)
    assert in_indonesian("Too much feedback at once") in page_text(response)
    assert Feedback.objects.count() == PERSON_LIMIT


def test_an_email_address_counts_as_one_person_too(send_form):
    for number in range(PERSON_LIMIT):
        send(send_form(phone="", email="budi@contoh.id"), f"10.0.0.{number}")

    # The same address with another phone number: still the same person.
    response = send(send_form(phone="0813 1111 2222", email="Budi@Contoh.id"), "10.0.0.99")

    assert_paused(response)
    assert Feedback.objects.count() == PERSON_LIMIT


def test_a_signed_in_resident_is_counted_by_their_account(client, send_form):
    resident = factories.learner()
    client.force_login(resident)
    for number in range(PERSON_LIMIT):
        assert client.post(SEND, send_form(), REMOTE_ADDR=f"10.0.0.{number}").status_code == 302

    response = client.post(SEND, send_form(), REMOTE_ADDR="10.0.0.99")

    assert_paused(response)
    assert Feedback.objects.filter(sender=resident).count() == PERSON_LIMIT


def test_another_person_on_the_same_network_may_still_send(send_form):
    for _number in range(PERSON_LIMIT):
        send(send_form(), "10.0.0.1")

    response = send(send_form(phone="0813 1111 2222", name="Sari"), "10.0.0.1")

    assert response.status_code == 302
    assert Feedback.objects.filter(sender_name="Sari").exists()


def test_a_form_with_mistakes_does_not_count_for_the_person(send_form):
    for _number in range(PERSON_LIMIT + 2):
        send(send_form(text="Pendek"), "10.0.0.1")  # refused, from one network
    for number in range(PERSON_LIMIT):
        assert send(send_form(), f"10.0.1.{number}").status_code == 302


def test_one_network_is_refused_past_its_limit_counting_refused_forms_too(send_form):
    for number in range(ADDRESS_LIMIT):
        # A household's people, some of whom make mistakes: every form sent counts for the network.
        data = send_form(phone=f"0812 3456 780{number}") if number % 2 else send_form(text="Pendek")
        send(data, "10.0.0.1")

    response = send(send_form(phone="0813 1111 2222", name="Sari"), "10.0.0.1")

    assert_paused(response)
    assert in_indonesian("Too much feedback at once") in page_text(response)
    assert not Feedback.objects.filter(sender_name="Sari").exists()
    # Another network is not held up.
    assert send(send_form(phone="0813 1111 2222", name="Sari"), "10.0.0.2").status_code == 302


def test_new_ipv6_addresses_from_one_64_count_as_one_network(send_form):
    for number in range(ADDRESS_LIMIT):
        send(send_form(phone=f"0812 3456 780{number}"), f"2001:db8:7:1::{number + 1:x}")

    response = send(send_form(phone="0813 1111 2222", name="Sari"), "2001:db8:7:1:abcd::99")

    assert_paused(response)
    assert send(send_form(phone="0813 1111 2222", name="Sari"), "2001:db8:7:2::1").status_code == 302


def test_the_refusal_ends_with_the_window(send_form, rate_limit_clock):
    for number in range(PERSON_LIMIT):
        send(send_form(), f"10.0.0.{number}")
    assert send(send_form(), "10.0.0.99").status_code == 429

    rate_limit_clock.advance(timedelta(minutes=61))

    assert send(send_form(), "10.0.0.99").status_code == 302


def test_opening_the_form_counts_nothing(client, send_form):
    for _number in range(ADDRESS_LIMIT + 2):
        assert client.get(SEND).status_code == 200

    assert client.post(SEND, send_form()).status_code == 302


def test_while_the_cache_cannot_count_feedback_still_goes_through(send_form, monkeypatch):
    # What django-redis answers, with IGNORE_EXCEPTIONS, while Redis cannot be reached.
    cache = caches["default"]
    monkeypatch.setattr(cache, "add", lambda *args, **kwargs: None)
    monkeypatch.setattr(cache, "incr", lambda *args, **kwargs: None)
    monkeypatch.setattr(cache, "get", lambda *args, **kwargs: None)

    for _number in range(ADDRESS_LIMIT + 1):
        assert send(send_form(), "10.0.0.1").status_code == 302


# --- wrong tracking codes


def wrong_code(number):
    return f"/suara-warga/SW-AAAA-{'ACDEFGHJKM'[number // 10]}{'ACDEFGHJKM'[number % 10]}AA/"


def test_too_many_wrong_codes_from_one_network_pause_looking_up(client, suara_warga, rate_limit_clock):
    feedback = factories.feedback()
    own_page = f"/suara-warga/SW-{feedback.code[:4]}-{feedback.code[4:]}/"
    for number in range(LOOKUP_MISS_LIMIT):
        assert client.get(wrong_code(number)).status_code == 404

    # Past the limit even a right code is refused: a hit must not be told from a miss by its answer.
    response = client.get(own_page)

    assert response.status_code == 429
    assert in_indonesian("Too many wrong codes") in page_text(response)
    assert "Coba lagi setelah pukul" in page_text(response)
    assert Client().get(own_page, REMOTE_ADDR="10.0.0.2").status_code == 200

    rate_limit_clock.advance(LOOKUP_WINDOW + timedelta(minutes=1))
    assert client.get(own_page).status_code == 200


def test_following_ones_own_item_counts_nothing(client, suara_warga):
    feedback = factories.feedback()
    own_page = f"/suara-warga/SW-{feedback.code[:4]}-{feedback.code[4:]}/"

    for _number in range(LOOKUP_MISS_LIMIT + 5):
        assert client.get(own_page).status_code == 200
