"""How many sign-ups one client address may send: ``SIGN_UP_LIMIT`` per ``SIGN_UP_WINDOW_MINUTES``.

Every sign-up form sent counts, accepted or refused: the limit keeps anyone from making accounts
in bulk, and from asking, one phone number or e-mail address after another, which of them already
have an account (the form says so). Opening the form counts nothing. Like the certificate
look-ups (certificates.verification_throttle), the window is fixed: it opens at an address's
first sign-up and closes ``SIGN_UP_WINDOW_MINUTES`` later; past the limit within it, the address
gets a 429 page saying when to come back. The default (20 in an hour) leaves room for a family or
a kelurahan hall sharing one address; classes whose learners join on paper use rosters and
invitation codes, which do not go through this form. The counts live in Django's cache
(core.rate_limit).
"""

from datetime import timedelta

from django.conf import settings

from core.rate_limit import fixed_window_hit


def window():
    return timedelta(minutes=settings.SIGN_UP_WINDOW_MINUTES)


def attempt_record(request):
    """Count one sign-up sent from this client address.

    Returns None while the address is within the limit, else the time its window closes (when it
    may sign up again); a sign-up past the limit is refused, not made.
    """
    return fixed_window_hit(request, name="sign-ups", limit=settings.SIGN_UP_LIMIT, window=window())
