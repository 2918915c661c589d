"""State changes of the learning journey: enrol, mark read, take a quiz, complete.

Every function here is the one place its rule lives. Each runs in a transaction and
leaves nothing half-done; repeated calls (a double click, a second tab, a re-post)
change nothing the second time.
"""

import random
import uuid

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from courses.hooks import completion_requirements_met
from courses.models import CoursePage, Enrolment, ModuleProgress, QuizAttempt
from courses.selectors import course_of, enrolment_for, live_module_ids, quiz_attempts_allowed
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
    progress = _progress_for_update(enrolment=enrolment, module_id=module.id)
    if progress.read_at is None:
        progress.read_at = timezone.now()
        progress.save(update_fields=["read_at"])
    _complete_module_if_done(progress=progress, has_quiz=module.quiz_questions.exists())
    return progress


def _progress_for_update(*, enrolment, module_id):
    """The resident's progress row in a module, locked until the transaction ends; made when missing."""
    progress = ModuleProgress.objects.select_for_update().filter(enrolment=enrolment, module_id=module_id).first()
    if progress is None:
        try:
            with transaction.atomic():
                progress = ModuleProgress.objects.create(enrolment=enrolment, module_id=module_id)
        except IntegrityError:
            # Another request made it at the same moment: wait for its lock, then use it.
            progress = ModuleProgress.objects.select_for_update().get(enrolment=enrolment, module_id=module_id)
    progress.enrolment = enrolment
    return progress


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
    if any(submitted) or len(submitted) >= quiz_attempts_allowed(course=course, enrolment=enrolment):
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


_COURSE_FIELDS_GRADING_READS = {"id", "page_ptr", "path", "depth", "pass_mark_percent", "title", "slug", "url_path"}
_COURSE_FIELDS_NOT_FOR_GRADING = [
    field.name for field in CoursePage._meta.concrete_fields if field.name not in _COURSE_FIELDS_GRADING_READS
]


@transaction.atomic
def quiz_attempt_submit(*, user, token, answers, module=None):
    """Grade an attempt once. `answers` maps question ids (str) to lists of choice ids.

    A second submission of the same attempt changes nothing and returns the attempt as
    graded the first time, flagged with ``already_submitted``. Refusals raise
    LearningError and save nothing. Given a `module`, an attempt at another module's quiz
    is refused too.
    """
    not_yours = LearningError(_("This quiz attempt does not exist or is not yours."))
    try:
        token = uuid.UUID(str(token))
    except ValueError:
        raise not_yours from None
    attempt = (
        # Lock the attempt row only: locking the joined course row too would make every
        # resident taking the same course wait for each other.
        QuizAttempt.objects.select_for_update(of=("self",))
        .select_related("enrolment__course")
        # Of the course, only what grading and completion read: its page row is wide.
        .defer(*(f"enrolment__course__{name}" for name in _COURSE_FIELDS_NOT_FOR_GRADING))
        .filter(token=token, enrolment__user=user)
        .first()
    )
    if attempt is None or (module is not None and attempt.module_id != module.id):
        raise not_yours
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

    # The module has a quiz: this attempt is at it.
    if _progress_record_attempt(attempt=attempt):
        _complete_enrolment_if_done(enrolment=attempt.enrolment)
    return attempt


def _progress_record_attempt(*, attempt):
    """Record a graded attempt in the resident's progress row of its module, made when missing: the best
    score, when the quiz was passed, and the module's completion when it is read and now passed. Returns
    whether this call completed the module.

    One statement (an upsert) where locking the row, then saving it, took two (a quiz submission's
    queries are most of its cost under load). The row is locked by the statement itself and the new
    values are worked out from the row as it is once locked, so two submissions at once still each
    see the other's (as ``_complete_module_if_done`` does with the row locked first).
    """
    table = connection.ops.quote_name(ModuleProgress._meta.db_table)
    submitted_at = ModuleProgress._meta.get_field("quiz_passed_at").get_db_prep_value(attempt.submitted_at, connection)
    passed_at = submitted_at if attempt.passed else None
    # A row made here is not read yet (read_at empty), so it is not complete either.
    sql = f"""
        INSERT INTO {table} (enrolment_id, module_id, read_at, best_score_percent, quiz_passed_at, completed_at)
        VALUES (%s, %s, NULL, %s, %s, NULL)
        ON CONFLICT (enrolment_id, module_id) DO UPDATE SET
            best_score_percent = CASE
                WHEN {table}.best_score_percent >= excluded.best_score_percent THEN {table}.best_score_percent
                ELSE excluded.best_score_percent END,
            quiz_passed_at = COALESCE({table}.quiz_passed_at, excluded.quiz_passed_at),
            completed_at = CASE
                WHEN {table}.completed_at IS NULL AND {table}.read_at IS NOT NULL
                    AND COALESCE({table}.quiz_passed_at, excluded.quiz_passed_at) IS NOT NULL THEN %s
                ELSE {table}.completed_at END
        RETURNING completed_at IS NOT NULL AND completed_at = %s
    """  # noqa: S608 (the table's name is the model's, every value a parameter)
    completed_at = timezone.now()
    completed_at_value = ModuleProgress._meta.get_field("completed_at").get_db_prep_value(completed_at, connection)
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [
                attempt.enrolment_id,
                attempt.module_id,
                attempt.score_percent,
                passed_at,
                completed_at_value,
                completed_at_value,
            ],
        )
        (completed,) = cursor.fetchone()
    # Compared with this call's own time: a completion recorded by another request (earlier, at its own
    # time) is not this call's. Were the two the same to the microsecond, the course's completion below
    # is checked once more, which changes nothing (enrolment_complete records it once).
    return bool(completed)


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


def _complete_module_if_done(*, progress, has_quiz, changed=()):
    """A module is complete when read and, if it has a quiz, the quiz is passed.

    Saves the progress row once: the fields in `changed`, and the completion when it happens.
    """
    changed = list(changed)
    done = progress.read_at is not None and (progress.quiz_passed_at is not None or not has_quiz)
    if progress.completed_at is None and done:
        progress.completed_at = timezone.now()
        changed.append("completed_at")
    if changed:
        progress.save(update_fields=changed)
    if "completed_at" in changed:
        _complete_enrolment_if_done(enrolment=progress.enrolment)


@transaction.atomic
def enrolment_complete_if_done(*, enrolment):
    """Record the completion if every rule is met now: after attendance is taken, for instance."""
    _complete_enrolment_if_done(enrolment=enrolment)


def _complete_enrolment_if_done(*, enrolment):
    """The course is complete when every published module is, and every requirement that higher apps
    add (courses.hooks: a class's minimum attendance) is met; recorded once, announced once."""
    # Two modules completed at the same moment (two tabs) must not each miss the other's
    # completion: the resident's enrolment row is locked while its modules are counted.
    _enrolment_lock(enrolment=enrolment)
    module_ids = live_module_ids(course=enrolment.course)
    done = _completed_module_count(enrolment=enrolment, module_ids=module_ids)
    # The modules first: most modules completed are not a course's last, and the requirements cost
    # queries of their own (a quiz submission's share of them was a fifth).
    if not module_ids or done < len(module_ids):
        return
    # Done by the kept list: checked against the page tree itself before the course is completed (a
    # publish made while Redis was unreachable would not have made the kept list stale).
    module_ids = live_module_ids(course=enrolment.course, fresh=True)
    done = _completed_module_count(enrolment=enrolment, module_ids=module_ids)
    if not module_ids or done < len(module_ids):
        return
    if not completion_requirements_met(enrolment=enrolment):
        return
    enrolment_complete(enrolment=enrolment)


# The two statements below run on every module a resident completes (most quiz submissions): written
# as SQL, they cost a fifth of the CPU time the ORM took to build them (about 1 ms per submission).


def _enrolment_lock(*, enrolment):
    """Lock the enrolment's row until the transaction ends (SQLite locks the whole database on write)."""
    if not connection.features.has_select_for_update:
        return
    table = connection.ops.quote_name(Enrolment._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {table} WHERE id = %s FOR UPDATE", [enrolment.pk])  # noqa: S608


def _completed_module_count(*, enrolment, module_ids):
    """How many of `module_ids` the enrolment has completed."""
    if not module_ids:
        return 0
    table = connection.ops.quote_name(ModuleProgress._meta.db_table)
    placeholders = ", ".join(["%s"] * len(module_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM {table} WHERE enrolment_id = %s AND completed_at IS NOT NULL"  # noqa: S608
            f" AND module_id IN ({placeholders})",
            [enrolment.pk, *module_ids],
        )
        return cursor.fetchone()[0]


@transaction.atomic
def enrolment_complete(*, enrolment, by=None, note=""):
    """Record that the learner completed the course: the one place a completion is written.

    `by` is who recorded the completion for the learner, `note` how they completed it: a facilitator
    recording a course done on paper in class ("dicatat fasilitator"; classes.services checks their
    own rules first). Without `by` the learner completed it themselves, online: every module done
    and every requirement met (enrolment_complete_if_done checks). Either way the completion goes to
    Wagtail's audit log with who did it (the learner, online) and is announced (enrolment_completed)
    once the transaction commits.

    Happens once whatever races: returns True when this call completed the enrolment, False (and
    changes nothing) when it was already complete.
    """
    now = timezone.now()
    note = note[:300]
    # The conditional update is what makes the completion happen once, whatever races.
    updated = Enrolment.objects.filter(pk=enrolment.pk, completed_at__isnull=True).update(
        status=Enrolment.Status.COMPLETED, completed_at=now, completion_recorded_by=by, completion_note=note
    )
    if not updated:
        return False
    enrolment.status, enrolment.completed_at = Enrolment.Status.COMPLETED, now
    enrolment.completion_recorded_by, enrolment.completion_note = by, note
    # Two actions, so that the history tells them apart (courses.wagtail_hooks names both).
    action = "sekolah_warga.completion" if by is None else "sekolah_warga.completion_on_paper"
    log(enrolment, action, user=by or enrolment.user, data={"note": note} if note else None)
    transaction.on_commit(lambda: enrolment_completed.send(sender=Enrolment, enrolment=enrolment))
    return True
