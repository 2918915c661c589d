"""Questions and topics for a forum's agenda: a resident sends one before the meeting; the organiser takes
it up (it is then shown on the forum's page, never with the sender's name) or not; after the meeting the
organiser marks a question taken up as discussed, with a short answer.

The sender is told each decision through notices.services.notice_send (on /saya/, and by e-mail where they
have an address), in Indonesian. Whether ``by`` may decide for this forum (their kelurahan) is the admin
screens' check (participation.scope); these functions record who decided.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from notices.services import notice_send
from participation.feedback_forms import clean_multi_line
from participation.forum_registration import forum_locked
from participation.models import ForumPage, ForumQuestion
from participation.models.forums import ANSWER_MAX_LENGTH, QUESTION_MAX_LENGTH

QUESTION_MIN_LENGTH = 10
# A resident's questions per meeting: enough for what matters to them, not a flood for the organiser.
QUESTIONS_PER_RESIDENT = 3


class QuestionError(Exception):
    """A question the rules refuse; the message says why. ``code``: "closed", "limit", "invalid", "state"."""

    def __init__(self, message, *, code):
        super().__init__(message)
        self.code = code


def questions_open(forum, now=None):
    """Questions are taken until the meeting starts, for a live meeting."""
    return forum.live and (now or timezone.now()) < forum.starts_at


def questions_left(*, forum, user):
    """How many more questions ``user`` may send for this meeting."""
    sent = ForumQuestion.objects.filter(forum_id=forum.pk, user=user).count()
    return max(QUESTIONS_PER_RESIDENT - sent, 0)


@transaction.atomic
def forum_question_send(*, forum, user, text, now=None):
    """A resident's question for the agenda. Refused once the meeting has started, and after their third
    for this meeting (counted under the meeting's row lock, so two tabs at once cannot make a fourth)."""
    now = now or timezone.now()
    if not questions_open(forum, now):
        raise QuestionError(_("Questions for this forum are closed: the meeting has started."), code="closed")
    text = clean_multi_line(text or "")
    if not QUESTION_MIN_LENGTH <= len(text) <= QUESTION_MAX_LENGTH:
        raise QuestionError(
            _("Write your question in %(min)d to %(max)d characters.")
            % {"min": QUESTION_MIN_LENGTH, "max": QUESTION_MAX_LENGTH},
            code="invalid",
        )
    forum_locked(forum)  # the limit is counted under the meeting's lock: two tabs cannot send a fourth
    if not questions_left(forum=forum, user=user):
        raise QuestionError(
            ngettext(
                "You have already sent %(count)d question for this forum, the most one resident may send.",
                "You have already sent %(count)d questions for this forum, the most one resident may send.",
                QUESTIONS_PER_RESIDENT,
            )
            % {"count": QUESTIONS_PER_RESIDENT},
            code="limit",
        )
    return ForumQuestion.objects.create(forum_id=forum.pk, user=user, text=text)


@transaction.atomic
def forum_question_take_up(*, question, by, taken_up):
    """The organiser's decision: taken up for the agenda (shown on the forum's page) or not. The sender is
    told either way. A question already discussed keeps its place on the agenda."""
    question = ForumQuestion.objects.select_for_update().get(pk=question.pk)
    if question.discussed_at is not None:
        raise QuestionError(_("This question was discussed at the meeting: it stays on the agenda."), code="state")
    status = ForumQuestion.Status.TAKEN_UP if taken_up else ForumQuestion.Status.NOT_TAKEN_UP
    if question.status == status:
        return question
    question.status, question.decided_by = status, by
    question.save(update_fields=["status", "decided_by"])
    forum = ForumPage.objects.get(pk=question.forum_id)
    with translation.override(settings.LANGUAGE_CODE):
        if taken_up:
            subject = _("Your question is on the agenda of %(forum)s") % {"forum": forum.title}
            body = _(
                "The organiser took up your question for the agenda of %(forum)s: “%(question)s”. It is shown on "
                "the forum's page, without your name."
            ) % {"forum": forum.title, "question": question.text}
        else:
            subject = _("Your question for %(forum)s") % {"forum": forum.title}
            body = _(
                "The organiser did not take up your question for the agenda of %(forum)s: “%(question)s”. You may "
                "still raise it at the meeting, or send it through Suara Warga."
            ) % {"forum": forum.title, "question": question.text}
    notice_send(user=question.user, subject=subject, body=body, link=forum.url or "")
    return question


@transaction.atomic
def forum_question_discussed(*, question, by, answer, now=None):
    """After (or during) the meeting: the question taken up was discussed, with a short answer shown on the
    forum's page under it. Marking it again corrects the answer; the sender is told the first time."""
    now = now or timezone.now()
    question = ForumQuestion.objects.select_for_update().get(pk=question.pk)
    forum = ForumPage.objects.get(pk=question.forum_id)
    if question.status != ForumQuestion.Status.TAKEN_UP:
        raise QuestionError(_("Only a question taken up for the agenda can be marked as discussed."), code="state")
    if now < forum.starts_at:
        raise QuestionError(_("The meeting has not started yet: nothing has been discussed."), code="state")
    answer = clean_multi_line(answer or "")
    if not answer:
        raise QuestionError(_("Write a short answer: what the meeting said about it."), code="invalid")
    if len(answer) > ANSWER_MAX_LENGTH:
        raise QuestionError(
            _("The answer has %(count)d characters; at most %(limit)d fit.")
            % {"count": len(answer), "limit": ANSWER_MAX_LENGTH},
            code="invalid",
        )
    first_time = question.discussed_at is None
    question.answer, question.decided_by = answer, by
    if first_time:
        question.discussed_at = now
    question.save(update_fields=["answer", "decided_by", "discussed_at"])
    if first_time:
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Your question was discussed at %(forum)s") % {"forum": forum.title}
            body = _("Your question “%(question)s” was discussed at %(forum)s. The answer: %(answer)s") % {
                "forum": forum.title,
                "question": question.text,
                "answer": answer,
            }
        notice_send(user=question.user, subject=subject, body=body, link=forum.url or "")
    return question
