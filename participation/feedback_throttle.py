"""How much Suara Warga feedback one person and one client address may send, and how many wrong
tracking codes one address may try.

Like the sign-ups (accounts.sign_up_throttle) and the certificate look-ups
(certificates.verification_throttle), django-ratelimit counts in the shared cache (``RATELIMIT_*``),
in fixed windows that the library lines up with the clock (each key's at its own offset); past a
limit within its window, the form answers 429 with a page saying when to come back.

- **Per address** (``FEEDBACK_ADDRESS_LIMIT`` per ``FEEDBACK_WINDOW_MINUTES``): every form sent counts,
  accepted or refused, before its photo is read, so nobody loads the server with uploads. Keyed on the
  address as core.client_address finds it, an IPv6 address by its /64 (``client_network_key``).
- **Per person** (``FEEDBACK_PERSON_LIMIT`` per ``FEEDBACK_WINDOW_MINUTES``): each item about to be
  saved counts for its sender: the account when signed in, else each e-mail address and phone number
  given (normalised, so "0812…" and "+62812…" are one person). A form with mistakes counts nothing
  here: a resident correcting a typo is not spamming.
- **Wrong tracking codes** (``LOOKUP_MISS_LIMIT`` per ``LOOKUP_WINDOW``, per address): a tracking page
  shows the status and the reply to whoever has the code; the codes are random (25⁸), and this keeps
  anyone from trying them one after another. A code that is found counts nothing, so a sender
  reloading their own page never meets it.

django-ratelimit keys its counters on a SHA-256 of the key: no contact is kept in the cache as it is.
"""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django_ratelimit.core import get_usage

from core.client_address import client_network_key

LOOKUP_MISS_LIMIT = 30
LOOKUP_WINDOW = timedelta(minutes=10)


@dataclass(frozen=True)
class Pause:
    """A refusal: until when, and by which limit (``per`` is "address", "person" or "lookup")."""

    retry_at: datetime
    per: str
    limit: int
    window_minutes: int

    @property
    def seconds(self):
        return max(1, math.ceil((self.retry_at - timezone.now()).total_seconds()))

    @property
    def minutes(self):
        return max(1, math.ceil(self.seconds / 60))


def send_from_address_record(request):
    """Count one form sent from this client address; a Pause once past the limit, else None."""
    return _count(
        request,
        group="suara-warga-address",
        key=client_network_key,
        per="address",
        limit=settings.FEEDBACK_ADDRESS_LIMIT,
        window=timedelta(minutes=settings.FEEDBACK_WINDOW_MINUTES),
    )


def send_by_person_record(request, *, sender=None, email="", phone=""):
    """Count one item about to be saved for its sender (`sender`, an account, or the normalised
    `email` and `phone` given without one); a Pause once any of them is past the limit, else None."""
    if sender is not None:
        keys = [f"account:{sender.pk}"]
    else:
        keys = [f"{kind}:{value}" for kind, value in (("email", email), ("phone", phone)) if value]
    pauses = [
        _count(
            request,
            group="suara-warga-person",
            key=lambda _group, _request, value=value: value,
            per="person",
            limit=settings.FEEDBACK_PERSON_LIMIT,
            window=timedelta(minutes=settings.FEEDBACK_WINDOW_MINUTES),
        )
        for value in keys
    ]
    pauses = [pause for pause in pauses if pause is not None]
    return max(pauses, key=lambda pause: pause.retry_at) if pauses else None


def lookup_paused(request):
    """A Pause while this address has tried too many wrong tracking codes, else None (counts nothing)."""
    return _count(request, increment=False, **_LOOKUP_MISS)


def lookup_miss_record(request):
    """Count one tracking code from this address that was not found."""
    _count(request, **_LOOKUP_MISS)


_LOOKUP_MISS = {
    "group": "suara-warga-lookup-misses",
    "key": client_network_key,
    "per": "lookup",
    "limit": LOOKUP_MISS_LIMIT,
    "window": LOOKUP_WINDOW,
}


def _count(request, *, group, key, per, limit, window, increment=True):
    rate = f"{limit}/{int(window.total_seconds())}s"
    usage = get_usage(request, group=group, key=key, rate=rate, increment=increment)
    if usage is None:  # the cache could not count (RATELIMIT_FAIL_OPEN): let it through
        return None
    # Without counting, the limit is reached when the next would pass it.
    reached = usage["should_limit"] if increment else usage["count"] >= limit
    if not reached:
        return None
    # ``time_left`` counts to the window's last second, which is still refused.
    return Pause(
        retry_at=timezone.now() + timedelta(seconds=usage["time_left"] + 1),
        per=per,
        limit=limit,
        window_minutes=int(window.total_seconds() // 60),
    )
