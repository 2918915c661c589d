"""How many sign-ups one client address may send: ``SIGN_UP_LIMIT`` per ``SIGN_UP_WINDOW_MINUTES``.

Every sign-up form sent counts, accepted or refused: the limit keeps anyone from making accounts
in bulk, and from asking, one phone number or e-mail address after another, which of them already
have an account (the form says so). Opening the form counts nothing. Like the certificate
look-ups (certificates.verification_throttle), django-ratelimit counts them in the shared cache,
per client address, in fixed windows that the library lines up with the clock (each address's at
its own offset); past the limit within one, the address gets a 429 page saying when to come back.
The default (20 in an hour) leaves room for a family or a kelurahan hall sharing one address;
classes whose learners join on paper use rosters and invitation codes, which do not go through
this form.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_ratelimit.core import get_usage

from core.client_address import client_address_key


def attempt_record(request):
    """Count one sign-up sent from this client address.

    Returns None while the address is within the limit, else the time its window closes (when it
    may sign up again); a sign-up past the limit is refused, not made.
    """
    rate = f"{settings.SIGN_UP_LIMIT}/{settings.SIGN_UP_WINDOW_MINUTES}m"
    usage = get_usage(request, group="sign-ups", key=client_address_key, rate=rate, increment=True)
    if usage is None or not usage["should_limit"]:  # None: the cache could not count (RATELIMIT_FAIL_OPEN)
        return None
    # ``time_left`` counts to the window's last second, which is still refused.
    return timezone.now() + timedelta(seconds=usage["time_left"] + 1)
