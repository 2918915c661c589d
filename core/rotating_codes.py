"""Check-in codes that change every minute: shown as a QR code on a screen in the room, scanned by phones.

A code is an HMAC of what is checked into (a class meeting, a forum) and the current minute, keyed
with that thing's own secret and the site's: it cannot be made up from an id, changes every minute,
and stops working a few minutes after it was shown. classes (meetings) and participation (forums)
each build their addresses and their records on it; the rule of what a code is lives only here.
"""

import base64
import hashlib
import hmac
import secrets

from django.conf import settings
from django.utils import timezone

WINDOW_SECONDS = 60
# How many minutes old a code may be: the code on the screen is up to a minute old when scanned (it
# changes every minute), and a resident who scans it just before it changes needs another minute or so
# to log in and press "Saya hadir". So the current minute's code and the two before it are accepted;
# an older one was not scanned in the room but photographed and passed on.
MAX_AGE_MINUTES = 2
# 16 url-safe base64 characters: 96 bits of the HMAC, far beyond guessing in the minutes a code lives.
SIGNATURE_LENGTH = 16


def new_check_in_secret():
    return secrets.token_hex(32)


def code_window(now=None):
    """The number of the minute `now` falls in: the part of a code that changes."""
    return int((now or timezone.now()).timestamp()) // WINDOW_SECONDS


def code_seconds_left(now=None):
    """Seconds until the code shown now changes (1 to 60)."""
    now = now or timezone.now()
    return WINDOW_SECONDS - int(now.timestamp()) % WINDOW_SECONDS


def code_signature(*, secret, subject, window):
    """The signature of `subject` (e.g. "check-in:12" for class meeting 12) in minute `window`."""
    key = f"{secret}:{settings.SECRET_KEY}".encode()
    digest = hmac.new(key, f"{subject}:{window}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode()[:SIGNATURE_LENGTH]


def code_state(*, secret, subject, window, signature, now=None):
    """ "valid", "expired" or "invalid": whether a scanned code is one shown for `subject` in the last minutes."""
    if not isinstance(signature, str) or not isinstance(window, int):
        return "invalid"
    expected = code_signature(secret=secret, subject=subject, window=window)
    if not hmac.compare_digest(signature.encode(), expected.encode()):
        return "invalid"
    age = code_window(now) - window
    if age < 0:  # signed, yet not shown yet: a clock gone wrong, not a resident in the room
        return "invalid"
    if age > MAX_AGE_MINUTES:
        return "expired"
    return "valid"
