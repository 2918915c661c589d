"""One save of the admin's triage form: a status change, the reply, and what is published, together.

Staff often answer and publish in one go. Each part is one of Suara Warga's services
(participation.feedback), which check their own rule, write the audit log and tell the sender; this
function only runs them in the order the rules need (the status first: publishing needs the answer)
inside one transaction, so a refusal of any part (``FeedbackError``) leaves the item as it was and
no notice goes out (notices leave only after the commit).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from participation.feedback import (
    FeedbackError,
    feedback_publish,
    feedback_reply_set,
    feedback_status_set,
    feedback_unpublish,
)
from participation.models import Feedback


@transaction.atomic
def feedback_triage(*, feedback, by, status="", office="", reply="", publish=False, public_text=""):
    """Apply the triage form to `feedback`: `status` ("" keeps it), `office` (only when forwarding),
    `reply` (the whole reply as it should read), `publish` (whether it is on /suara-warga/) with
    `public_text`. Returns the item as saved; raises FeedbackError (nothing saved) when a rule refuses."""
    office, reply, public_text = office.strip(), reply.strip(), public_text.strip()
    changes_status = bool(status) and status != feedback.status
    if changes_status:
        # First: a move the rules refuse is the one thing to say, whatever else the form holds.
        feedback = feedback_status_set(feedback=feedback, status=status, by=by, office=office, reply=reply)
    if office and not (changes_status and status == Feedback.Status.FORWARDED):
        raise FeedbackError(_("Name an office only when forwarding the item."), field="office")
    if reply != feedback.reply:
        # A correction, or a reply written ahead of answering; an emptied reply is refused where one is kept.
        feedback = feedback_reply_set(feedback=feedback, reply=reply, by=by)
    if publish:
        if not feedback.is_published or public_text != feedback.public_text:
            try:
                feedback = feedback_publish(feedback=feedback, public_text=public_text, by=by)
            except FeedbackError as error:
                # "Only an item with the reply can be published" concerns the choice to publish itself.
                raise FeedbackError(error.message, field=error.field or "publish") from error
    elif feedback.is_published:
        feedback = feedback_unpublish(feedback=feedback, by=by)
    return feedback
