"""Background work for accounts: invitation e-mails to residents enrolled from a class roster.

Callers enqueue after their transaction commits, so the worker sees the new accounts:
``transaction.on_commit(lambda: invitation_emails_send.delay(user_ids, created_by_id, invited_to))``.
"""

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from wagtail.admin.utils import get_user_display_name

from accounts.invitations import ACTIVATION_VALID_FOR, code_digest, invitation_codes_create, invitation_url
from accounts.models import AccountInvitation

# Accounts handled per transaction: their rows stay locked while their e-mails go out, so a
# second run of the task waits and then finds them invited, instead of e-mailing them again.
# Small enough that the lock is short, large enough that the queries per e-mail are few.
EMAIL_CHUNK = 200


@shared_task
def invitation_emails_send(user_ids, created_by_id=None, invited_to=None):
    """E-mail an invitation (a link and a code) to each of these accounts that still needs one.

    ``invited_to`` says what the resident was enrolled in, as plain text (accounts knows nothing of
    classes): ``{"class": …, "course": …, "organisation": …, "facilitator": …, "contact": …}``. An
    e-mail from a stranger asking to "choose a password" reads as phishing; one naming the class,
    the organisation and the facilitator the resident met, with the organisation's contact to check
    it with, does not.

    Idempotent: an account is skipped when it has no e-mail address, has a password by now, or
    has an unexpired, unused invitation that was e-mailed already; a second run sends nothing
    new. All e-mails go through one connection to the mail server. Returns how many were sent.
    """
    User = get_user_model()
    created_by = User._default_manager.filter(pk=created_by_id).first() if created_by_id else None
    ids = sorted(set(user_ids))
    connection = get_connection()
    sent = 0
    try:
        for start in range(0, len(ids), EMAIL_CHUNK):
            chunk = ids[start : start + EMAIL_CHUNK]
            chunk_sent, error = _send_chunk(chunk, created_by, connection, invited_to=invited_to or {})
            sent += chunk_sent
            if error is not None:
                raise error
    finally:
        connection.close()  # nothing to do if it was never opened
    return sent


def _send_chunk(ids, created_by, connection, *, invited_to):
    """Invite the accounts of ``ids`` that need it; returns (e-mails sent, the error that stopped them).

    The e-mails sent before a failure keep their codes and are stamped, so a retry of the task
    e-mails only the others: the transaction is committed before the error is raised again.
    """
    now = timezone.now()
    error = None
    sent_codes = []
    with transaction.atomic():
        # Lock first, then look, in two statements: a run that waited for the lock must see the
        # invitations the other run committed meanwhile (PostgreSQL's READ COMMITTED takes a fresh
        # snapshot per statement, and one SELECT … FOR UPDATE would judge with its old one).
        _lock(ids)
        users = list(_awaiting_invitation_email(ids, now))
        if not users:
            return 0, None
        codes = invitation_codes_create(users=users, kind=AccountInvitation.Kind.ACTIVATION, created_by=created_by)
        expires_at = now + ACTIVATION_VALID_FOR
        connection.open()  # once: it stays open for the next chunks, and the task closes it
        for user in users:
            try:
                email = _invitation_email(
                    user, codes[user.pk], connection, expires_at=expires_at, invited_to=invited_to
                )
                connection.send_messages([email])
            except Exception as exc:  # the mail server refused or went away: stop, keep what was sent
                error = exc
                break
            sent_codes.append(codes[user.pk])
        AccountInvitation.objects.filter(code_digest__in=[code_digest(code) for code in sent_codes]).update(
            emailed_at=now
        )
    return len(sent_codes), error


def _lock(ids):
    """Lock these accounts' rows (in id order, so two runs never wait for each other in a circle)."""
    list(get_user_model()._default_manager.filter(pk__in=ids).order_by("pk").select_for_update().values_list("pk"))


def _awaiting_invitation_email(ids, now):
    """Accounts among ``ids`` with an e-mail address, no password yet, and no e-mailed invitation still good."""
    emailed = AccountInvitation.objects.filter(
        kind=AccountInvitation.Kind.ACTIVATION, used_at__isnull=True, expires_at__gt=now, emailed_at__isnull=False
    )
    return (
        get_user_model()
        ._default_manager.filter(
            pk__in=ids, is_active=True, email__isnull=False, password__startswith=UNUSABLE_PASSWORD_PREFIX
        )
        .exclude(email="")
        .exclude(pk__in=emailed.values("user_id"))
        .order_by("pk")
    )


def _invitation_email(user, code, connection, *, expires_at, invited_to):
    """The invitation in the site's language (Bahasa Indonesia): there is no visitor to choose another."""
    context = {
        "class_name": invited_to.get("class", ""),
        "course": invited_to.get("course", ""),
        "organisation": invited_to.get("organisation", ""),
        "facilitator": invited_to.get("facilitator", ""),
        "contact": invited_to.get("contact", ""),
        "name": get_user_display_name(user),
        "site_name": settings.WAGTAIL_SITE_NAME,
        "url": invitation_url(code),
        "code_page_url": invitation_url(),
        "code": code,
        "expires_at": expires_at,
        "days": ACTIVATION_VALID_FOR.days,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("accounts/email/invitation_subject.txt", context)
        body = render_to_string("accounts/email/invitation_email.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()),  # one line: a header cannot hold a newline
        body=body,
        to=[user.email],
        connection=connection,
    )
