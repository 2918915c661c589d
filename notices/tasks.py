"""The channels by which a notice reaches a resident besides /saya/. Each is a Celery task that notices.services
enqueues after the commit; a new channel (SMS, WhatsApp) is a task here and one line in notice_send."""

from celery import shared_task
from django.core.mail import EmailMessage
from django.utils import timezone

from core.site_address import absolute_url
from notices.models import Notice


@shared_task(name="notices.email", acks_late=True, autoretry_for=(OSError,), retry_backoff=5, max_retries=5)
def email_deliver(*, notice_id=None, email, subject, body, link=""):
    """E-mail one notice. Idempotent for a kept notice: one that was e-mailed already is not sent again."""
    # Built before the claim: a link that cannot be made into an address must not leave the notice claimed
    # and its e-mail never sent.
    text = body if not link else f"{body}\n\n{_address(link)}"
    if notice_id is not None:
        # Claim the notice before sending: a second run of the task finds it e-mailed and stops.
        claimed = Notice.objects.filter(pk=notice_id, emailed_at__isnull=True).update(emailed_at=timezone.now())
        if not claimed:
            return False
    try:
        EmailMessage(subject=subject, body=text, to=[email]).send()
    except Exception:
        if notice_id is not None:
            Notice.objects.filter(pk=notice_id).update(emailed_at=None)
        raise
    return True


def _address(link):
    """A page's URL is already a full address when the install serves several sites; else it is a path."""
    return link if link.startswith(("https://", "http://")) else absolute_url(link)
