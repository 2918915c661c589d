"""How many wrong invitation codes one client address may try: 10 in 15 minutes, then a pause.

A code belongs to no account until it is found, so unlike log-ins (accounts.lockout, django-axes)
the count can only be kept per client address. Only well-formed codes that match nothing count:
a code of the wrong length or with letters codes never have is a typo, not a guess. A resident
who sets a password clears the count, because a class in a kelurahan hall shares one address and
its residents' typos should not pause the next resident. The counts live in Django's cache
(``CACHE_URL``: shared by every process when it is Redis).
"""

from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

from accounts.lockout import client_ip_address

FAILURE_LIMIT = 10
# The same pause as a locked-out log-in (AXES_COOLOFF_TIME).
COOL_OFF = timedelta(minutes=15)

_FAILURES_KEY = "invitation-code-failures:{address}"
_PAUSED_UNTIL_KEY = "invitation-code-paused-until:{address}"


def paused_until(request):
    """When this client address may try codes again, if it is paused now; else None."""
    until = cache.get(_PAUSED_UNTIL_KEY.format(address=client_ip_address(request)))
    return until if until is not None and until > timezone.now() else None


def failure_record(request):
    """Count a code that matched nothing; the tenth within the window pauses the address."""
    address = client_ip_address(request)
    key, seconds = _FAILURES_KEY.format(address=address), int(COOL_OFF.total_seconds())
    cache.add(key, 0, timeout=seconds)  # the window starts at the first failure
    try:
        failures = cache.incr(key)
    except ValueError:  # the window closed between the two calls
        cache.set(key, 1, timeout=seconds)
        failures = 1
    if failures >= FAILURE_LIMIT:
        cache.set(_PAUSED_UNTIL_KEY.format(address=address), timezone.now() + COOL_OFF, timeout=seconds)
        cache.delete(key)


def failures_clear(request):
    address = client_ip_address(request)
    cache.delete_many([_FAILURES_KEY.format(address=address), _PAUSED_UNTIL_KEY.format(address=address)])
