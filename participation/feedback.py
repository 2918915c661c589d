"""Suara Warga's services: sending an item, triaging it, publishing it, and erasing its sender.

Each state change is one function here, after django-oscar's ``set_status``: it checks the change is
allowed and raises ``FeedbackError`` (translated, naming what is wrong) when it is not, saves under the
item's row lock, writes Wagtail's audit log (the item's history in the admin) and tells the sender
through notices.services.notice_send (kept on /saya/ for an account; e-mailed where there is an address).
Every change after an item arrives also makes the anonymous page cache stale (core.page_cache):
/suara-warga/ lists published items and their counts, which must not be served old to anyone.
"""

import re
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from core.codes import LOOKALIKE_FREE_ALPHABET, human_code
from core.page_cache import page_cache_invalidate
from notices.services import notice_send
from participation.models import Feedback

CODE_LENGTH = 8

# status → the statuses it may move to. An item may be answered without being forwarded, and closed
# without a separate answer (a duplicate, or outside the government's remit), but closing needs a reply
# too: the sender is always told why.
TRANSITIONS = {
    Feedback.Status.RECEIVED: (Feedback.Status.FORWARDED, Feedback.Status.ANSWERED, Feedback.Status.CLOSED),
    Feedback.Status.FORWARDED: (Feedback.Status.ANSWERED, Feedback.Status.CLOSED),
    Feedback.Status.ANSWERED: (Feedback.Status.CLOSED,),
    Feedback.Status.CLOSED: (),
}


class FeedbackError(Exception):
    """A change the rules refuse; the message says why, in the person's language."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


def feedback_code_format(code):
    """How a tracking code is shown and printed: SW-XXXX-XXXX, easy to read out at a counter."""
    return f"SW-{code[:4]}-{code[4:]}"


def feedback_code_parse(typed):
    """The code in what someone typed (any case, with or without "SW-" and dashes or spaces)."""
    cleaned = "".join(character for character in typed.upper() if character.isalnum())
    # A code never holds an S (core.codes.LOOKALIKE_FREE_ALPHABET), so a leading "SW" is always the
    # prefix, also on a code typed too short or too long: what is left is what to check and name.
    return cleaned.removeprefix("SW")


def feedback_submit(
    *,
    category,
    kelurahan,
    text,
    sender=None,
    sender_name="",
    sender_email="",
    sender_phone="",
    photo=None,
    channel=Feedback.Channel.ONLINE,
    recorded_by=None,
    now=None,
    code=None,
):
    """Record a new item and return it with its tracking code. The caller has validated the input
    (participation.feedback_forms); a photo arrives already resized and stripped of its metadata.
    Staff who type in an item received at the counter, on paper or by telephone are `recorded_by`.
    `code`: a chosen tracking code, for the demo's items (the README names one); drawn at random otherwise."""
    now = now or timezone.now()
    if code is not None and (len(code) != CODE_LENGTH or set(code) - set(LOOKALIKE_FREE_ALPHABET)):
        raise ValueError(f"A tracking code is {CODE_LENGTH} characters of {LOOKALIKE_FREE_ALPHABET}: {code!r}")
    # A chosen code that is taken stays taken: one try only.
    for _attempt in range(1 if code else 5):
        try:
            with transaction.atomic():
                feedback = Feedback(
                    code=code or human_code(CODE_LENGTH),
                    category=category,
                    kelurahan=kelurahan,
                    text=text,
                    sender=sender,
                    sender_name="" if sender else sender_name,
                    sender_email="" if sender else sender_email,
                    sender_phone="" if sender else sender_phone,
                    channel=channel,
                    recorded_by=recorded_by,
                    received_at=now,
                    status_changed_at=now,
                    due_at=now + timedelta(days=category.response_days),
                )
                if photo is not None:
                    feedback.photo.save(f"{feedback.code}.jpg", photo, save=False)
                feedback.save()
                break
        except IntegrityError:
            # 25^8 codes: a clash is all but impossible, and a new draw settles it.
            if feedback.photo:
                feedback.photo.delete(save=False)
            continue
    else:  # pragma: no cover - five clashes in a row
        raise FeedbackError(_("No tracking code could be made. Please try again."))
    # No page cache flush: nothing public changes when an item arrives (the list shows published items,
    # and the tracking page is never cached), and anyone may send.
    log(feedback, "sekolah_warga.feedback_received", user=recorded_by or sender)
    return feedback


@transaction.atomic
def feedback_status_set(*, feedback, status, by, office="", reply=""):
    """Move `feedback` to `status`: forwarded names the office; answered and closed need a reply
    (given now, or given before). Tells the sender. Returns the item as saved."""
    feedback = Feedback.objects.select_for_update().select_related("category").get(pk=feedback.pk)
    if status == feedback.status:
        raise FeedbackError(_("The item is already “%(status)s”.") % {"status": feedback.get_status_display()})
    if status not in TRANSITIONS[feedback.status]:
        raise FeedbackError(
            _("An item that is “%(current)s” cannot become “%(status)s”.")
            % {"current": feedback.get_status_display(), "status": Feedback.Status(status).label},
            field="status",
        )
    office, reply = office.strip(), reply.strip()
    now = timezone.now()
    if status == Feedback.Status.FORWARDED:
        if not office:
            raise FeedbackError(_("Name the office the item is forwarded to."), field="office")
        feedback.office = office
    if status in (Feedback.Status.ANSWERED, Feedback.Status.CLOSED) and not reply and not feedback.reply:
        raise FeedbackError(_("Write the reply the sender will read."), field="reply")
    if reply and reply != feedback.reply:
        feedback.reply, feedback.replied_at, feedback.replied_by = reply, now, by
    feedback.status, feedback.status_changed_at = status, now
    feedback.save()
    log(feedback, "sekolah_warga.feedback_status", user=by, data={"status": status, "office": feedback.office})
    _tell_sender(feedback)
    page_cache_invalidate()
    return feedback


@transaction.atomic
def feedback_reply_set(*, feedback, reply, by):
    """Correct the reply of an answered or closed item (or write one ahead of answering). Not announced
    again: the sender is told when the status changes."""
    reply = reply.strip()
    feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
    if not reply and feedback.status in (Feedback.Status.ANSWERED, Feedback.Status.CLOSED):
        raise FeedbackError(_("An answered item keeps a reply."), field="reply")
    if not reply and feedback.published_at:
        raise FeedbackError(_("A published item keeps a reply."), field="reply")
    if feedback.published_at:
        _refuse_what_names_the_sender(feedback, public_text=feedback.public_text, reply=reply)
    if reply != feedback.reply:
        feedback.reply, feedback.replied_at, feedback.replied_by = reply, timezone.now(), by
        feedback.save(update_fields=["reply", "replied_at", "replied_by"])
        log(feedback, "sekolah_warga.feedback_reply", user=by)
    page_cache_invalidate()
    return feedback


@transaction.atomic
def feedback_publish(*, feedback, public_text, by):
    """Show `feedback` on /suara-warga/ with `public_text` (what the public reads of the sender's words)
    and its reply. Only an answered or closed item, with a reply, is published."""
    public_text = public_text.strip()
    feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
    if feedback.status not in (Feedback.Status.ANSWERED, Feedback.Status.CLOSED) or not feedback.reply:
        raise FeedbackError(_("Only an item with the government's reply can be published."))
    if not public_text:
        raise FeedbackError(
            _("Write the text to publish (take out anything that names a person)."), field="public_text"
        )
    _refuse_what_names_the_sender(feedback, public_text=public_text, reply=feedback.reply)
    first_time = feedback.published_at is None
    feedback.public_text = public_text
    feedback.published_at = feedback.published_at or timezone.now()
    feedback.save(update_fields=["public_text", "published_at"])
    log(feedback, "sekolah_warga.feedback_publish", user=by)
    if first_time:
        _tell_sender(feedback, published=True)
    page_cache_invalidate()
    return feedback


@transaction.atomic
def feedback_unpublish(*, feedback, by):
    feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
    if feedback.published_at is not None:
        feedback.published_at = None
        feedback.save(update_fields=["published_at"])
        log(feedback, "sekolah_warga.feedback_unpublish", user=by)
    page_cache_invalidate()
    return feedback


@transaction.atomic
def feedback_of_resident_erase(*, user):
    """Erase what identifies `user` in their items (account link, name, contact, photo) and keep the
    item's category, kelurahan, text as published and reply (privacy's erasure calls this)."""
    items = list(Feedback.objects.select_for_update().filter(sender=user))
    for feedback in items:
        feedback_sender_erase(feedback=feedback)
    if items:
        page_cache_invalidate()
    return len(items)


def feedback_sender_erase(*, feedback):
    """Empty what identifies the sender of `feedback`. Its photo file goes once the transaction commits
    (as privacy's erasure deletes certificates' files): an erasure rolled back keeps the photo."""
    photo, storage = feedback.photo.name, feedback.photo.storage
    feedback.sender = None
    feedback.sender_name = feedback.sender_email = feedback.sender_phone = ""
    # The sender's own words may name them; what staff published (public_text) was checked for that.
    feedback.text = ""
    feedback.photo = ""
    feedback.erased_at = timezone.now()
    feedback.save()
    if photo:
        transaction.on_commit(lambda: storage.delete(photo))


def _refuse_what_names_the_sender(feedback, *, public_text, reply):
    """What is published (the text and the reply) must not name the sender: their name (or a word of it
    of four letters or more), e-mail or phone number. Staff take it out; other people's names are theirs
    to notice, as no list of them exists."""
    sender = feedback.sender
    name = sender.get_full_name() if sender else feedback.sender_name
    email = (sender.email if sender else feedback.sender_email) or ""
    phone = (sender.phone if sender else feedback.sender_phone) or ""
    words = [name.strip(), *(word for word in name.split() if len(word) >= 4)] if name.strip() else []
    for field, text in (("public_text", public_text), ("reply", reply)):
        lowered = text.casefold()
        digits = "".join(character for character in text if character.isdigit())
        found = [word for word in words if re.search(rf"\b{re.escape(word.casefold())}\b", lowered)]
        if email and email.casefold() in lowered:
            found.append(email)
        # A number written 0812-3456-7890, +62 812 3456 7890 …: its last nine digits are enough to call.
        if len(phone_digits := "".join(c for c in phone if c.isdigit())) >= 9 and phone_digits[-9:] in digits:
            found.append(_("their phone number"))
        if found:
            raise FeedbackError(
                _("This would publish what names the sender (%(found)s): take it out first.")
                % {"found": ", ".join(dict.fromkeys(found))},
                field=field,
            )


def feedback_tracking_path(feedback, *, page=None):
    """The address of `feedback`'s tracking page on this site, or "" while no Suara Warga page is live.
    A caller listing several items passes the live Suara Warga `page`, read once for them all."""
    from participation.models import SuaraWargaPage

    page = page or SuaraWargaPage.objects.live().first()
    if page is None:
        return ""
    return page.url + page.reverse_subpage("track", kwargs={"code": feedback_code_format(feedback.code)})


def _tell_sender(feedback, published=False):
    if feedback.sender is None and not feedback.sender_email:
        return  # a phone-only sender without an account follows the tracking page
    # Residents read the site in Indonesian first; staff may work in the admin in English.
    with translation.override(settings.LANGUAGE_CODE):
        code = feedback_code_format(feedback.code)
        if published:
            subject = _("Suara Warga %(code)s: published with the reply") % {"code": code}
            body = _("Your feedback and the government's reply are now on the Suara Warga page, without your name.")
        else:
            subject = _("Suara Warga %(code)s: %(status)s") % {"code": code, "status": feedback.get_status_display()}
            body = _status_message(feedback)
    notice_send(
        user=feedback.sender,
        email="" if feedback.sender else feedback.sender_email,
        subject=subject,
        body=body,
        link=feedback_tracking_path(feedback),
    )


def _status_message(feedback):
    if feedback.status == Feedback.Status.FORWARDED:
        return _("Your feedback was forwarded to %(office)s, which is responsible for it.") % {
            "office": feedback.office
        }
    return _("The government's reply: %(reply)s") % {"reply": feedback.reply}
