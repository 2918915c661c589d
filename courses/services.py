"""State changes of the learning journey: enrol, mark read, take a quiz, complete.

Every function here is the one place its rule lives. Each runs in a transaction and
leaves nothing half-done; repeated calls (a double click, a second tab, a re-post)
change nothing the second time.
"""

import random

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import Enrolment, ModulePage, ModuleProgress, QuizAttempt
from courses.selectors import course_of, enrolment_for, quiz_attempts_allowed
from courses.signals import enrolment_completed


class LearningError(Exception):
    """A request the rules refuse; the message says why, for the resident."""


# --- Enrolment ----------------------------------------------------------------------------


def enrolment_create(*, user, course):
    """Enrol `user` in `course`; an existing enrolment is returned unchanged."""
    if not course.live:
        raise LearningError(_("This course is not published."))
    try:
        with transaction.atomic():
            return Enrolment.objects.get_or_create(user=user, course=course)[0]
    except IntegrityError:
        # Two requests raced past get(); the unique constraint let one in.
        return Enrolment.objects.get(user=user, course=course)


def _required_enrolment(*, user, module):
    enrolment = enrolment_for(user=user, course=course_of(module=module))
    if enrolment is None:
        raise LearningError(_("Enrol in the course first."))
    return enrolment


# --- Reading ------------------------------------------------------------------------------


@transaction.atomic
def module_mark_read(*, user, module):
    enrolment = _required_enrolment(user=user, module=module)
    progress = _progress_for_update(enrolment=enrolment, module=module)
    if progress.read_at is None:
        progress.read_at = timezone.now()
        progress.save(update_fields=["read_at"])
    _complete_module_if_done(progress=progress, module=module)
    return progress


def _progress_for_update(*, enrolment, module):
    progress, _created = ModuleProgress.objects.get_or_create(enrolment=enrolment, module=module)
    return ModuleProgress.objects.select_for_update().get(pk=progress.pk)


# --- Quizzes ------------------------------------------------------------------------------


@transaction.atomic
def quiz_attempt_open(*, user, module):
    """The resident's unfinished attempt at this module's quiz, or a new one if attempts remain.

    Returns None when the quiz is passed or no attempts are left.
    """
    enrolment = _required_enrolment(user=user, module=module)
    course = enrolment.course
    attempts = QuizAttempt.objects.filter(enrolment=enrolment, module=module)
    open_attempt = attempts.filter(submitted_at__isnull=True).first()
    if open_attempt is not None:
        return open_attempt
    submitted = list(attempts.filter(submitted_at__isnull=False).values_list("passed", flat=True))
    if any(submitted) or len(submitted) >= quiz_attempts_allowed(course=course):
        return None
    questions = list(module.quiz_questions.all())
    if not questions:
        return None
    try:
        with transaction.atomic():
            return QuizAttempt.objects.create(
                enrolment=enrolment,
                module=module,
                number=len(submitted) + 1,
                questions=_snapshot(questions, shuffle=course.shuffle_choices),
            )
    except IntegrityError:
        # Another tab opened the attempt at the same moment: use that one.
        return attempts.get(submitted_at__isnull=True)


def _snapshot(questions, *, shuffle):
    snapshot = []
    for question in questions:
        choices = [
            {"id": choice.id, "text": choice.value["text"], "is_correct": bool(choice.value["is_correct"])}
            for choice in question.choices
        ]
        if shuffle and question.kind != question.Kind.TRUE_FALSE:
            random.shuffle(choices)
        snapshot.append(
            {
                "id": question.pk,
                "kind": question.kind,
                "prompt": question.prompt,
                "explanation": question.explanation,
                "choices": choices,
            }
        )
    return snapshot


@transaction.atomic
def quiz_attempt_submit(*, user, token, answers):
    """Grade an attempt once. `answers` maps question ids (str) to lists of choice ids.

    A second submission of the same attempt changes nothing and returns the attempt as
    graded the first time, flagged with ``already_submitted``. Refusals raise
    LearningError and save nothing.
    """
    attempt = (
        # Lock the attempt row only: locking the joined course and module rows too would make
        # every resident taking the same quiz wait for each other.
        QuizAttempt.objects.select_for_update(of=("self",))
        .select_related("enrolment__course", "module")
        .filter(token=token)
        .first()
    )
    if attempt is None or attempt.enrolment.user_id != user.pk:
        raise LearningError(_("This quiz attempt does not exist or is not yours."))
    if attempt.is_submitted:
        attempt.already_submitted = True
        return attempt
    _validate_answers(attempt.questions, answers)

    correct = sum(
        1
        for question in attempt.questions
        if set(answers[str(question["id"])]) == {c["id"] for c in question["choices"] if c["is_correct"]}
    )
    course = attempt.enrolment.course
    attempt.answers = {str(q["id"]): sorted(answers[str(q["id"])]) for q in attempt.questions}
    attempt.score_percent = round(100 * correct / len(attempt.questions))
    attempt.passed = attempt.score_percent >= course.pass_mark_percent
    attempt.submitted_at = timezone.now()
    attempt.save(update_fields=["answers", "score_percent", "passed", "submitted_at"])
    attempt.already_submitted = False

    progress = _progress_for_update(enrolment=attempt.enrolment, module=attempt.module)
    progress.best_score_percent = max(progress.best_score_percent or 0, attempt.score_percent)
    if attempt.passed and progress.quiz_passed_at is None:
        progress.quiz_passed_at = attempt.submitted_at
    progress.save(update_fields=["best_score_percent", "quiz_passed_at"])
    _complete_module_if_done(progress=progress, module=attempt.module)
    return attempt


def _validate_answers(questions, answers):
    problems = []
    for number, question in enumerate(questions, start=1):
        chosen = answers.get(str(question["id"])) or []
        valid_ids = {choice["id"] for choice in question["choices"]}
        if not chosen:
            problems.append(_("Question %(number)s has no answer.") % {"number": number})
        elif not set(chosen) <= valid_ids:
            problems.append(
                _("Question %(number)s has an answer that is not one of its choices.") % {"number": number}
            )
        elif question["kind"] != "multiple" and len(chosen) > 1:
            problems.append(_("Question %(number)s takes only one answer.") % {"number": number})
    if problems:
        raise LearningError(" ".join(problems))


# --- Completion -----------------------------------------------------------------------------


def _complete_module_if_done(*, progress, module):
    """A module is complete when read and, if it has a quiz, the quiz is passed."""
    if progress.completed_at is not None or progress.read_at is None:
        return
    if progress.quiz_passed_at is None and module.quiz_questions.exists():
        return
    progress.completed_at = timezone.now()
    progress.save(update_fields=["completed_at"])
    _complete_enrolment_if_done(enrolment=progress.enrolment)


def _complete_enrolment_if_done(*, enrolment):
    """The course is complete when every published module is; recorded once, announced once."""
    module_ids = set(ModulePage.objects.child_of(enrolment.course).live().values_list("id", flat=True))
    done_ids = set(
        ModuleProgress.objects.filter(enrolment=enrolment, completed_at__isnull=False).values_list(
            "module_id", flat=True
        )
    )
    if not module_ids or not module_ids <= done_ids:
        return
    now = timezone.now()
    # The conditional update is what makes the completion happen once, whatever races.
    updated = Enrolment.objects.filter(pk=enrolment.pk, completed_at__isnull=True).update(
        status=Enrolment.Status.COMPLETED, completed_at=now
    )
    if updated:
        enrolment.status, enrolment.completed_at = Enrolment.Status.COMPLETED, now
        transaction.on_commit(lambda: enrolment_completed.send(sender=Enrolment, enrolment=enrolment))
