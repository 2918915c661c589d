"""What a graded quiz attempt records in the resident's progress row of its module (one upsert,
courses.services._progress_record_attempt): the best score, when the quiz was first passed, the module's
completion, and the row made when the module was not read yet."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import Enrolment, ModuleProgress
from courses.services import enrolment_create, module_mark_read, quiz_attempt_open, quiz_attempt_submit

pytestmark = pytest.mark.django_db


def submit(user, module, *, right):
    attempt = quiz_attempt_open(user=user, module=module)
    answers = {}
    for question in attempt.questions:
        chosen = [choice["id"] for choice in question["choices"] if choice["is_correct"] is right]
        answers[str(question["id"])] = chosen if right else chosen[:1]
    return quiz_attempt_submit(user=user, token=attempt.token, answers=answers)


def right_answers(attempt):
    return {
        str(question["id"]): [choice["id"] for choice in question["choices"] if choice["is_correct"]]
        for question in attempt.questions
    }


def progress(resident, module):
    return ModuleProgress.objects.get(enrolment__user=resident, module=module)


def test_a_quiz_taken_before_reading_makes_the_row_and_leaves_the_module_unfinished(course, modules, resident):
    enrolment_create(user=resident, course=course)
    graded = submit(resident, modules[1], right=True)
    row = progress(resident, modules[1])
    assert (row.best_score_percent, row.quiz_passed_at, row.read_at, row.completed_at) == (
        100,
        graded.submitted_at,
        None,
        None,
    )
    module_mark_read(user=resident, module=modules[1])
    assert progress(resident, modules[1]).completed_at is not None


def test_the_best_score_and_the_first_pass_stay(course, modules, resident):
    enrolment_create(user=resident, course=course)
    module_mark_read(user=resident, module=modules[1])
    failed = submit(resident, modules[1], right=False)
    assert failed.passed is False
    row = progress(resident, modules[1])
    assert (row.best_score_percent, row.quiz_passed_at, row.completed_at) == (failed.score_percent, None, None)

    passed = submit(resident, modules[1], right=True)
    row = progress(resident, modules[1])
    assert (row.best_score_percent, row.quiz_passed_at) == (100, passed.submitted_at)
    assert row.completed_at is not None and row.completed_at >= passed.submitted_at


def test_passing_the_last_module_completes_the_course_once(course, modules, resident):
    enrolment_create(user=resident, course=course)
    for module in modules:
        module_mark_read(user=resident, module=module)
    assert Enrolment.objects.get(user=resident).completed_at is None
    submit(resident, modules[1], right=True)
    assert Enrolment.objects.get(user=resident).completed_at is not None


def test_a_submission_records_its_progress_in_one_statement(course, modules, resident):
    """Grading an attempt at a read module: the attempt locked and saved, the progress row upserted, then the
    course's completion checked (its enrolment locked, its completed modules counted)."""
    enrolment_create(user=resident, course=course)
    module_mark_read(user=resident, module=modules[0])
    module_mark_read(user=resident, module=modules[1])
    attempt = quiz_attempt_open(user=resident, module=modules[1])
    right = right_answers(attempt)
    with CaptureQueriesContext(connection) as captured:
        quiz_attempt_submit(user=resident, token=attempt.token, answers=right)
    statements = [
        query["sql"] for query in captured.captured_queries if not query["sql"].startswith(("SAVEPOINT", "RELEASE"))
    ]
    # SQLite has no row locks (it locks the whole database on write): no statement for the enrolment's.
    assert len(statements) == (5 if connection.features.has_select_for_update else 4), statements
    assert sum("courses_moduleprogress" in sql and "FOR UPDATE" in sql for sql in statements) == 0
    assert progress(resident, modules[1]).completed_at is not None


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: concurrent transactions")
def test_reading_and_passing_the_last_module_at_once_completes_the_course(
    wagtail_root, course, modules, resident, run_together
):
    enrolment_create(user=resident, course=course)
    module_mark_read(user=resident, module=modules[0])
    module_mark_read(user=resident, module=modules[2])
    attempt = quiz_attempt_open(user=resident, module=modules[1])
    right = right_answers(attempt)
    run_together(
        lambda: module_mark_read(user=resident, module=modules[1]),
        lambda: quiz_attempt_submit(user=resident, token=attempt.token, answers=right),
    )
    assert progress(resident, modules[1]).completed_at is not None
    assert Enrolment.objects.get(user=resident).completed_at is not None
