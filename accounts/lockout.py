"""How django-axes keys, counts and reports failed log-ins (settings: AXES_*_CALLABLE).

A lock-out is keyed on the account and the client address together: many residents'
phones share a carrier's addresses, so an address alone must never lock everybody out,
and the account alone would let anyone lock a resident out by guessing wrong on purpose.

Asking a logged-in person for their password again (password_confirm) counts in the same
lock-out, so that a stolen session cannot be used to guess the password behind it.
"""

import datetime
import hashlib

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth import authenticate
from django.template.response import TemplateResponse
from django.utils import timezone

from accounts import selectors
from accounts.validators import normalise_identifier
from core.client_address import client_ip_address

LOCKED_OUT_TEMPLATE = "accounts/locked_out.html"


def account_key(request, credentials):
    """The account a log-in attempt is for, however it was typed.

    ``Siti@Contoh.id``, ``0812-3456-7890`` and the username of the same account count
    against one account; an unknown identifier counts in its normalised form.
    """
    identifier = (credentials or {}).get("username")
    if identifier is None and request is not None:
        identifier = request.POST.get("username")
    identifier = (identifier or "").strip()
    # Axes asks several times per attempt; look the account up once.
    cache = request.__dict__.setdefault("_lockout_account_keys", {}) if request is not None else {}
    if identifier not in cache:
        user = selectors.user_by_identifier(identifier)
        cache[identifier] = user.get_username() if user else normalise_identifier(identifier)
    return cache[identifier]


def cool_off():
    """AXES_COOLOFF_TIME as a timedelta (axes accepts hours as a number, or a timedelta)."""
    value = settings.AXES_COOLOFF_TIME
    if isinstance(value, datetime.timedelta):
        return value
    return datetime.timedelta(hours=value)


def lockout_response(request, original_response=None, credentials=None):
    """Our page, in the site's language, saying when to try again; 429 Too Many Requests.

    Every failure during a lock-out starts the cool-off again (axes' default), so the
    time to come back is counted from now.
    """
    wait = cool_off()
    context = {
        "retry_at": timezone.localtime() + wait,
        "minutes": int(wait.total_seconds() // 60),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    return TemplateResponse(request, LOCKED_OUT_TEMPLATE, context, status=429).render()


def password_confirm(*, request, password):
    """Whether `password` is the logged-in person's own; a wrong one counts as a failed log-in.

    Deleting the account or changing the e-mail or phone it logs in with asks for the password
    again, because whoever holds a stolen session could otherwise take the account over. So the
    answer goes through authenticate(), as a log-in does: django-axes' backend refuses it while
    the account is locked out from this address, each failure reaches axes through the
    user_login_failed signal with this request, and the failure that reaches the limit marks the
    request so that AxesMiddleware answers with the lock-out page. A right answer clears earlier
    failures, as a log-in does (AXES_RESET_ON_SUCCESS).

    The answer is kept for the rest of the request: Wagtail's account page builds and validates
    its forms again to show their errors, and one wrong password must count once.
    """
    answers = request.__dict__.setdefault("_password_confirmations", {})
    # Keyed by a digest, so that no password typed stays readable on the request (debug pages and
    # error reports show a request's attributes).
    key = hashlib.sha256((password or "").encode()).hexdigest()
    if key not in answers:
        answers[key] = _password_check(request, password)
    return answers[key]


def _password_check(request, password):
    user = request.user
    username = user.get_username()
    confirmed = authenticate(request, username=username, password=password or "")
    if confirmed is None or confirmed.pk != user.pk:
        return False
    if settings.AXES_RESET_ON_SUCCESS:
        AxesProxyHandler.reset_attempts(
            username=account_key(request, {"username": username}), ip_address=client_ip_address(request)
        )
    return True
