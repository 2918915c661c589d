"""What of a quiz attempt its resident may see: the one place this is decided.

Every exit that shows an attempt's questions goes through ``attempt_review``: the result page
(courses.views), the data download (privacy.archive) and the learner record (reports.learner_record,
where staff see everything). An attempt stores the answer key and the explanations in its snapshot;
nothing else may read the snapshot for display.

- An open attempt shows its questions and choices only, never the key: the resident is taking it.
- A submitted attempt always shows its score and the resident's own answers. Which answers were
  right (``CoursePage.review_marks``) and the correct answers with their explanations
  (``CoursePage.review_answers``) follow the course's settings: never, after the quiz is finished
  (passed, or the last allowed attempt submitted, extra attempts a facilitator granted counted),
  or always. Showing the correct answers shows which were right too: one follows from the other.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from courses.models import QuizAttempt
from courses.models.pages import QuizReview
from courses.selectors import quiz_attempts_allowed


@dataclass
class AttemptReview:
    """An attempt as its viewer may see it. A hidden part is absent, not merely unrendered."""

    submitted: bool
    score_percent: int | None
    passed: bool | None
    shows_marks: bool
    shows_answers: bool
    # What is hidden and whether it will be shown, for the resident; empty when nothing is hidden.
    note: str = ""
    questions: list = field(default_factory=list)

    def as_data(self):
        """The questions as plain data (JSON), with only the keys that may be shown."""
        return [
            {key: value for key, value in question.items() if key != "id"}
            | {"choices": [{k: v for k, v in choice.items() if k != "id"} for choice in question["choices"]]}
            for question in self.questions
        ]


def quiz_finished(*, course, enrolment, attempts):
    """Whether the resident is done with one module's quiz: passed it, or submitted every attempt
    allowed (the course's number and the extra attempts granted to them). ``attempts``: their
    attempts at that quiz."""
    submitted = [attempt for attempt in attempts if attempt.submitted_at is not None]
    return any(attempt.passed for attempt in submitted) or len(submitted) >= quiz_attempts_allowed(
        course=course, enrolment=enrolment
    )


def answers_seen_of_a_quiz_not_passed(*, enrolment, course):
    """Whether the learner was shown which answers were right (or the correct answers) of a quiz they
    have not passed. Asked before a facilitator grants another attempt: it has the same questions."""
    if course.review_marks == course.review_answers == QuizReview.NEVER:
        return False
    quizzes = (
        QuizAttempt.objects.filter(enrolment=enrolment, submitted_at__isnull=False)
        .values("module_id")
        .annotate(submitted=Count("pk"), passed=Count("pk", filter=Q(passed=True)))
    )
    not_passed = [quiz["submitted"] for quiz in quizzes if not quiz["passed"]]
    if QuizReview.ALWAYS in (course.review_marks, course.review_answers):
        return bool(not_passed)
    allowed = quiz_attempts_allowed(course=course, enrolment=enrolment)
    return any(submitted >= allowed for submitted in not_passed)


def _opens(setting, finished):
    return setting == QuizReview.ALWAYS or (setting == QuizReview.AFTER_FINISHING and finished)


def _review_note(*, course, shows_marks, shows_answers):
    # A setting that is not shown yet though "after finishing" will be shown once the quiz is finished.
    if not shows_answers and course.review_answers == QuizReview.AFTER_FINISHING:
        return _(
            "Which answers were right, and the correct answers, are shown here once you pass this quiz "
            "or have used all your attempts."
        )
    if not shows_marks and course.review_marks == QuizReview.AFTER_FINISHING:
        return _("Which answers were right is shown here once you pass this quiz or have used all your attempts.")
    if not shows_marks:
        return _("This course shows only the score of its quizzes.")
    if not shows_answers:
        return _("This course does not show the correct answers of its quizzes.")
    return ""


def questions_without_key(attempt):
    """An attempt's questions and choices as the quiz form shows them: never the answer key."""
    return [
        {
            "id": question["id"],
            "number": number,
            "kind": question["kind"],
            "prompt": question["prompt"],
            "choices": [{"id": choice["id"], "text": choice["text"]} for choice in question["choices"]],
        }
        for number, question in enumerate(attempt.questions, start=1)
    ]


def attempt_review(*, attempt, course, enrolment, attempts, for_staff=False):
    """What of `attempt` may be shown: to its resident, or everything to staff (``for_staff``).

    ``course`` and ``enrolment`` are the attempt's; ``attempts`` are the resident's attempts at the
    same module's quiz (the attempt itself may be among them), from which "finished" is read, so
    that a caller reviewing many attempts loads them once.
    """
    if attempt.submitted_at is None:
        # Being taken: what the quiz form shows, whoever asks (staff find the key in the page editor).
        return AttemptReview(
            submitted=False,
            score_percent=None,
            passed=None,
            shows_marks=False,
            shows_answers=False,
            questions=questions_without_key(attempt),
        )
    if for_staff:
        shows_marks = shows_answers = True
        note = ""
    else:
        same_quiz = {
            other.pk: other
            for other in attempts
            if other.module_id == attempt.module_id and other.enrolment_id == attempt.enrolment_id
        }
        same_quiz[attempt.pk] = attempt
        finished = quiz_finished(course=course, enrolment=enrolment, attempts=same_quiz.values())
        shows_answers = _opens(course.review_answers, finished)
        shows_marks = shows_answers or _opens(course.review_marks, finished)
        note = _review_note(course=course, shows_marks=shows_marks, shows_answers=shows_answers)
    # A list in old or hand-made rows: no answers recorded.
    given_answers = attempt.answers if isinstance(attempt.answers, dict) else {}
    questions = []
    for number, question in enumerate(attempt.questions, start=1):
        given = set(given_answers.get(str(question["id"]), []))
        correct = {choice["id"] for choice in question["choices"] if choice["is_correct"]}
        reviewed = {
            "id": question["id"],
            "number": number,
            "kind": question["kind"],
            "prompt": question["prompt"],
        }
        choices = []
        for choice in question["choices"]:
            shown = {"id": choice["id"], "text": choice["text"], "chosen": choice["id"] in given}
            if shows_answers:
                shown["correct"] = choice["is_correct"]
            choices.append(shown)
        reviewed["choices"] = choices
        if shows_marks:
            reviewed["right"] = given == correct
        if shows_answers:
            reviewed["explanation"] = question["explanation"]
        questions.append(reviewed)
    return AttemptReview(
        submitted=True,
        score_percent=attempt.score_percent,
        passed=attempt.passed,
        shows_marks=shows_marks,
        shows_answers=shows_answers,
        note=note,
        questions=questions,
    )
