"""How often one client address may do something, counted in Django's cache.

The counts live in Django's cache (``CACHE_URL``: shared by every process when it is Redis), keyed
on the kind of request (``name``) and core.client_address.client_ip_address. Two shapes of limit:

- ``fixed_window_hit``: every request counts. The window opens at an address's first request and
  closes ``window`` later, when the count starts again; past ``limit`` within it, the address is
  refused until the window closes (sign-ups, certificate look-ups).
- ``failure_record`` / ``paused_until`` / ``failures_clear``: only failures count, within ``window``
  of the first; the ``limit``-th pauses the address for ``window`` from then, and a success may
  clear the count (invitation codes).
"""

from django.core.cache import cache
from django.utils import timezone

from core.client_address import client_ip_address


def fixed_window_hit(request, *, name, limit, window):
    """Count one request of kind ``name`` from this client address.

    Returns None while the address is within ``limit`` in its window, else the time its window closes
    (when it may try again).
    """
    address = client_ip_address(request)
    count_key, ends_key = f"{name}:{address}", f"{name}-window-ends:{address}"
    seconds = int(window.total_seconds())
    cache.add(ends_key, timezone.now() + window, timeout=seconds)  # the window opens at the first request
    count = _count(count_key, seconds)
    if count <= limit:
        return None
    ends = cache.get(ends_key)
    return ends if ends is not None and ends > timezone.now() else timezone.now() + window


def paused_until(request, *, name):
    """When this client address may try ``name`` again, if failures paused it; else None."""
    until = cache.get(_paused_until_key(name, client_ip_address(request)))
    return until if until is not None and until > timezone.now() else None


def failure_record(request, *, name, limit, window):
    """Count one failure of kind ``name`` from this client address; the ``limit``-th within ``window`` pauses it."""
    address = client_ip_address(request)
    key, seconds = _failures_key(name, address), int(window.total_seconds())
    if _count(key, seconds) >= limit:
        cache.set(_paused_until_key(name, address), timezone.now() + window, timeout=seconds)
        cache.delete(key)


def failures_clear(request, *, name):
    """Forget this client address's failures of kind ``name``, and lift its pause."""
    address = client_ip_address(request)
    cache.delete_many([_failures_key(name, address), _paused_until_key(name, address)])


def _count(key, seconds):
    """Add one to the count under ``key``, which starts at the first and lives ``seconds``."""
    cache.add(key, 0, timeout=seconds)
    try:
        return cache.incr(key)
    except ValueError:  # the window closed between the two calls
        cache.set(key, 1, timeout=seconds)
        return 1


def _failures_key(name, address):
    return f"{name}-failures:{address}"


def _paused_until_key(name, address):
    return f"{name}-paused-until:{address}"
