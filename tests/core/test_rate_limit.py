"""Rate limits per client address (core.rate_limit), counted in Django's cache."""

import datetime

from django.test import RequestFactory
from django.utils import timezone

from core import rate_limit
from core.client_address import client_ip_address

WINDOW = datetime.timedelta(minutes=10)


def request_from(address, forwarded_for=None):
    headers = {"REMOTE_ADDR": address}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **headers)


def test_a_fixed_window_refuses_past_the_limit_until_it_closes():
    request = request_from("10.0.0.1")
    before = timezone.now()

    answers = [rate_limit.fixed_window_hit(request, name="look-ups", limit=3, window=WINDOW) for _ in range(4)]

    assert answers[:3] == [None, None, None]
    assert before + WINDOW <= answers[3] <= timezone.now() + WINDOW


def test_a_fixed_window_counts_each_address_and_each_kind_apart():
    for _ in range(3):
        rate_limit.fixed_window_hit(request_from("10.0.0.1"), name="look-ups", limit=3, window=WINDOW)

    assert rate_limit.fixed_window_hit(request_from("10.0.0.2"), name="look-ups", limit=3, window=WINDOW) is None
    assert rate_limit.fixed_window_hit(request_from("10.0.0.1"), name="sign-ups", limit=3, window=WINDOW) is None


def test_the_limit_th_failure_pauses_the_address_and_clearing_lifts_the_pause():
    request = request_from("10.0.0.1")
    for _ in range(2):
        rate_limit.failure_record(request, name="codes", limit=3, window=WINDOW)
    assert rate_limit.paused_until(request, name="codes") is None

    rate_limit.failure_record(request, name="codes", limit=3, window=WINDOW)
    paused = rate_limit.paused_until(request, name="codes")
    rate_limit.failures_clear(request, name="codes")

    assert paused is not None and paused > timezone.now()
    assert rate_limit.paused_until(request, name="codes") is None
    assert rate_limit.paused_until(request_from("10.0.0.2"), name="codes") is None


def test_behind_proxies_the_client_is_the_entry_the_last_trusted_proxy_added(settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    forged = request_from("10.9.9.9", forwarded_for="1.2.3.4, 36.68.1.1")

    assert client_ip_address(forged) == "36.68.1.1"
    assert client_ip_address(request_from("10.9.9.9")) == "10.9.9.9"  # no header: the proxy's own
