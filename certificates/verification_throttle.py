"""How many certificate look-ups one client address may make: 30 in 10 minutes, then a pause.

Certificate codes are random (50 bits), so guessing them is hopeless; the limit is there to keep
anyone from reading the register by brute force or loading the server with uploads. Every
look-up that reaches the database counts: a verification page opened by its code, the Open
Badges JSON, a PDF upload. A code typed in the lookup form counts once, at the page it leads to;
a malformed code, a redirect to a code's canonical address and the empty form count nothing.

django-ratelimit counts them in the shared cache (settings: ``RATELIMIT_*``), per client address,
in fixed windows of ``WINDOW`` that the library lines up with the clock (each address's at its own
offset); past ``LOOKUP_LIMIT`` within one, the address gets a 429 page saying when the window
closes. An employer checking a handful of certificates never meets the limit; a kelurahan hall
that shares one address could, at 30, only when many people check at once.
"""

from datetime import timedelta

from django.utils import timezone
from django_ratelimit.core import get_usage

from core.client_address import client_address_key

LOOKUP_LIMIT = 30
WINDOW = timedelta(minutes=10)

RATE = f"{LOOKUP_LIMIT}/{int(WINDOW.total_seconds())}s"


def lookup_record(request):
    """Count one look-up from this client address.

    Returns None while the address is within the limit, else the time its window closes (when it
    may look up again); a look-up past the limit is refused, not made.
    """
    usage = get_usage(request, group="certificate-lookups", key=client_address_key, rate=RATE, increment=True)
    if usage is None or not usage["should_limit"]:  # None: the cache could not count (RATELIMIT_FAIL_OPEN)
        return None
    # ``time_left`` counts to the window's last second, which is still refused.
    return timezone.now() + timedelta(seconds=usage["time_left"] + 1)
