"""Which client a request came from: what rate limits and log-in lock-outs count per address."""

import ipaddress

from django.conf import settings


def client_ip_address(request):
    """The client's address as the first machine we trust saw it.

    Without a proxy that is REMOTE_ADDR. Behind N proxies that each append to
    X-Forwarded-For (``AXES_IPWARE_PROXY_COUNT = N``), REMOTE_ADDR is a proxy's, and the
    N-th entry from the right is the one the client could not forge.
    """
    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", None) or 0
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def client_address_key(group, request):
    """The client's address as a django-ratelimit key (``key=client_address_key``), taken as it is.

    Not the library's ``key="ip"``, which parses the address as an IP network: an address that is not
    one (an empty REMOTE_ADDR behind a Unix socket, a forwarded entry with a port) would be a server
    error on the very pages the limit protects. Each IPv6 address counts on its own, as django-axes
    counts log-ins.
    """
    return client_ip_address(request) or ""


def client_network_key(group, request):
    """``client_address_key``, but an IPv6 address counts as its /64 network.

    For the limits that anyone may meet without an account (Suara Warga's feedback and tracking codes):
    one IPv6 connection is usually given a whole /64, so a sender who takes a new address from it for
    every request would otherwise start every count afresh. IPv4 addresses, and anything that is not an
    address, are taken as they are.
    """
    address = client_address_key(group, request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6 and parsed.ipv4_mapped is None:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return address
