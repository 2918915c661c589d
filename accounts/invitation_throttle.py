"""How many wrong invitation codes one client address may try: 10 in 15 minutes, then a pause.

A code belongs to no account until it is found, so unlike log-ins (accounts.lockout, django-axes)
the count can only be kept per client address. Only well-formed codes that match nothing count:
a code of the wrong length or with letters codes never have is a typo, not a guess.

django-ratelimit counts them in the shared cache (settings: ``RATELIMIT_*``), in fixed windows of
``COOL_OFF`` that the library lines up with the clock (each address's at its own offset): the
tenth wrong code within one pauses the address until that window closes, at most ``COOL_OFF``
later. Only failures count: the views ask whether the address is paused without counting, and
count a code that matched nothing.

A resident who sets a password clears the count, because a class in a kelurahan hall shares one
address and its residents' typos should not pause the next resident. The library has no way to
forget a count, so clearing gives the address a new key to count under (``failures_clear``); the
old count is left to expire with its window.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone
from django_ratelimit.core import get_usage

from core.client_address import client_ip_address

FAILURE_LIMIT = 10
# The same pause as a locked-out log-in (AXES_COOLOFF_TIME).
COOL_OFF = timedelta(minutes=15)

# The library refuses once the count passes the rate's number: nine wrong codes go through, the
# tenth pauses.
_RATE = f"{FAILURE_LIMIT - 1}/{int(COOL_OFF.total_seconds())}s"


def paused_until(request):
    """When this client address may try codes again, if it is paused now; else None."""
    usage = _usage(request, increment=False)
    if usage is None or not usage["should_limit"]:  # None: the cache could not count (RATELIMIT_FAIL_OPEN)
        return None
    # ``time_left`` counts to the window's last second, which is still refused.
    return timezone.now() + timedelta(seconds=usage["time_left"] + 1)


def failure_record(request):
    """Count a code that matched nothing; the tenth within the window pauses the address."""
    _usage(request, increment=True)


def failures_clear(request):
    """Forget this client address's wrong codes, and lift its pause.

    Its later codes count under a new key, from nought; the key lives as long as a window, by when
    the count it replaced has expired.
    """
    seconds = int(COOL_OFF.total_seconds())
    _cache().set(_clearing_key(request), secrets.token_hex(8), timeout=seconds)


def _usage(request, *, increment):
    return get_usage(request, group="invitation-codes", key=_count_key, rate=_RATE, increment=increment)


def _count_key(group, request):
    """What django-ratelimit counts this address's wrong codes under: the address and its latest clearing."""
    return f"{client_ip_address(request)}/{_cache().get(_clearing_key(request), '')}"


def _clearing_key(request):
    return f"invitation-codes-cleared:{client_ip_address(request)}"


def _cache():
    return caches[settings.RATELIMIT_USE_CACHE]
