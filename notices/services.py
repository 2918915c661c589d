"""Sending a notice: one function, whatever the feature and whatever the channel.

``notice_send`` keeps the notice for an account (listed on /saya/ until seen) and hands it to every
channel that can reach the recipient. Today the one channel is e-mail (notices.tasks); an SMS or
WhatsApp sender is one more channel (a task) there, and no feature changes.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator

from notices import tasks
from notices.models import Notice


def notice_send(*, subject, body, link="", user=None, email=""):
    """Tell a resident something: an account (`user`), or someone without one at `email`.

    For an account, the notice is kept and its e-mail goes to the account's address (or `email`, if
    given). Delivery is enqueued after the transaction commits, so nothing goes out for a change that
    is rolled back. Returns the Notice, or None when there is no account. A subject longer than a notice
    keeps (a page title may be) is shortened with an ellipsis, for every feature alike.
    """
    subject = Truncator(subject).chars(Notice._meta.get_field("subject").max_length)
    notice = None
    if user is not None:
        notice = Notice.objects.create(user=user, subject=subject, body=body, link=link)
        email = email or user.email or ""
    if email:
        transaction.on_commit(
            lambda: tasks.email_deliver.delay(
                notice_id=notice.pk if notice else None, email=email, subject=subject, body=body, link=link
            )
        )
    return notice


def notices_mark_seen(*, user, notices=None):
    """Mark `user`'s unread notices (or those of `notices` among them) as seen; returns how many."""
    unread = Notice.objects.filter(user=user, seen_at__isnull=True)
    if notices is not None:
        unread = unread.filter(pk__in=[notice.pk for notice in notices])
    return unread.update(seen_at=timezone.now())
