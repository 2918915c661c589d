"""The client address behind proxies (core.client_address), which rate limits and lock-outs count on."""

from django.test import RequestFactory

from core.client_address import client_ip_address, client_network_key


def request_from(address, forwarded_for=None):
    headers = {"REMOTE_ADDR": address}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **headers)


def test_behind_proxies_the_client_is_the_entry_the_last_trusted_proxy_added(settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    forged = request_from("10.9.9.9", forwarded_for="1.2.3.4, 36.68.1.1")

    assert client_ip_address(forged) == "36.68.1.1"
    assert client_ip_address(request_from("10.9.9.9")) == "10.9.9.9"  # no header: the proxy's own


def test_the_network_key_takes_an_ipv6_address_by_its_64_and_anything_else_as_it_is():
    first, second = request_from("2001:db8:1:2::a"), request_from("2001:db8:1:2:ffff::1")
    elsewhere = request_from("2001:db8:1:3::a")

    assert client_network_key("g", first) == client_network_key("g", second) == "2001:db8:1:2::/64"
    assert client_network_key("g", elsewhere) != client_network_key("g", first)
    assert client_network_key("g", request_from("36.68.1.1")) == "36.68.1.1"
    assert client_network_key("g", request_from("::ffff:36.68.1.1")) == "::ffff:36.68.1.1"
    assert client_network_key("g", request_from("")) == ""  # a Unix socket: counted as one, never an error
