"""How many wrong invitation codes one client address may try: 10 in 15 minutes, then a pause.

A code belongs to no account until it is found, so unlike log-ins (accounts.lockout, django-axes)
the count can only be kept per client address. Only well-formed codes that match nothing count:
a code of the wrong length or with letters codes never have is a typo, not a guess. A resident
who sets a password clears the count, because a class in a kelurahan hall shares one address and
its residents' typos should not pause the next resident. The counts live in Django's cache
(core.rate_limit).
"""

from datetime import timedelta

from core import rate_limit

FAILURE_LIMIT = 10
# The same pause as a locked-out log-in (AXES_COOLOFF_TIME).
COOL_OFF = timedelta(minutes=15)

_NAME = "invitation-code"


def paused_until(request):
    """When this client address may try codes again, if it is paused now; else None."""
    return rate_limit.paused_until(request, name=_NAME)


def failure_record(request):
    """Count a code that matched nothing; the tenth within the window pauses the address."""
    rate_limit.failure_record(request, name=_NAME, limit=FAILURE_LIMIT, window=COOL_OFF)


def failures_clear(request):
    rate_limit.failures_clear(request, name=_NAME)
