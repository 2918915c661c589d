"""How many certificate look-ups one client address may make: 30 in 10 minutes, then a pause.

Certificate codes are random (50 bits), so guessing them is hopeless; the limit is there to keep
anyone from reading the register by brute force or loading the server with uploads. Every
look-up that reaches the database counts: a verification page opened by its code, the Open
Badges JSON, a PDF upload. A code typed in the lookup form counts once, at the page it leads to;
a malformed code, a redirect to a code's canonical address and the empty form count nothing.

The window is fixed: it opens at an address's first look-up and closes ``WINDOW`` later, when
the count starts again; past ``LOOKUP_LIMIT`` within it, the address gets a 429 page saying when
the window closes. An employer checking a handful of certificates never meets the limit; a
kelurahan hall that shares one address could, at 30, only when many people check at once. The
counts live in Django's cache (core.rate_limit).
"""

from datetime import timedelta

from core.rate_limit import fixed_window_hit

LOOKUP_LIMIT = 30
WINDOW = timedelta(minutes=10)


def lookup_record(request):
    """Count one look-up from this client address.

    Returns None while the address is within the limit, else the time its window closes (when it
    may look up again); a look-up past the limit is refused, not made.
    """
    return fixed_window_hit(request, name="certificate-lookups", limit=LOOKUP_LIMIT, window=WINDOW)
