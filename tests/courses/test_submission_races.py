"""Two tabs or a double click submitting the same attempt at the same moment: it counts once.

Real concurrency needs real connections, so these run on PostgreSQL (as CI does). Two modules completed at
once completing the course once: tests/courses/test_completion.py.
"""

import pytest
from django.db import connection

from courses.models import ModuleProgress, QuizAttempt
from courses.services import enrolment_create, quiz_attempt_open, quiz_attempt_submit
from tests import factories

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: concurrent transactions"),
]


@pytest.fixture
def open_attempt(wagtail_tree):
    course, module = wagtail_tree
    resident = factories.resident()
    enrolment_create(user=resident, course=course)
    return resident, module, quiz_attempt_open(user=resident, module=module)


@pytest.fixture
def wagtail_tree(wagtail_root):
    tree = factories.site_tree(factories.home_page())
    course = factories.course_page(tree["courses"])
    module = factories.module_with_quiz(
        course,
        title="Kuis",
        questions=[factories.quiz_question(prompt="Benar?", choices=[("Ya", True), ("Tidak", False)])],
    )
    return course, module


def answers(attempt, *, right):
    question = attempt.questions[0]
    return {str(question["id"]): [next(c["id"] for c in question["choices"] if c["is_correct"] is right)]}


def test_the_same_attempt_submitted_twice_at_once_is_graded_once(open_attempt, run_together):
    resident, module, attempt = open_attempt
    first, second = run_together(
        lambda: quiz_attempt_submit(user=resident, token=attempt.token, answers=answers(attempt, right=True)),
        lambda: quiz_attempt_submit(user=resident, token=attempt.token, answers=answers(attempt, right=False)),
    )
    assert sorted([first.already_submitted, second.already_submitted]) == [False, True]
    graded = QuizAttempt.objects.get(pk=attempt.pk)
    winner = first if not first.already_submitted else second
    assert graded.score_percent == winner.score_percent
    assert QuizAttempt.objects.filter(submitted_at__isnull=False).count() == 1
    assert ModuleProgress.objects.get(module=module).best_score_percent == graded.score_percent


def test_two_tabs_starting_the_quiz_at_once_share_one_attempt(wagtail_tree, run_together):
    course, module = wagtail_tree
    resident = factories.resident()
    enrolment_create(user=resident, course=course)
    first, second = run_together(
        lambda: quiz_attempt_open(user=resident, module=module),
        lambda: quiz_attempt_open(user=resident, module=module),
    )
    assert first.pk == second.pk
    assert QuizAttempt.objects.count() == 1


def test_enrolling_twice_at_once_makes_one_enrolment(wagtail_tree, run_together):
    course, _module = wagtail_tree
    resident = factories.resident()
    first, second = run_together(
        lambda: enrolment_create(user=resident, course=course),
        lambda: enrolment_create(user=resident, course=course),
    )
    assert first.pk == second.pk
