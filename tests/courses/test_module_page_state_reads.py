"""The module page reads a resident's progress and quiz attempts with statements each process compiles once
(core.compiled_reads.read_compiled): what it reads is still each resident's own, as it is now."""

import pytest

from core.compiled_reads import CompiledRead
from courses import selectors
from courses.models import ModuleProgress
from courses.selectors import module_outline, module_page_state
from courses.services import enrolment_create, module_mark_read, quiz_attempt_open
from tests import factories

pytestmark = pytest.mark.django_db


def _state(user, module):
    return module_page_state(user=user, module=module, outline=module_outline(module=module))


def _read(state):
    return [each.module.id for each in state["course_progress"]["module_states"] if each.is_read]


def test_each_resident_reads_their_own_progress_and_attempts(resident, course, modules):
    other = factories.resident(username="warga-lain")
    enrolment_create(user=resident, course=course)
    enrolment_create(user=other, course=course)
    module_mark_read(user=resident, module=modules[0])
    attempt = quiz_attempt_open(user=resident, module=modules[1])
    module_mark_read(user=other, module=modules[2])
    for _ in range(2):  # the second time from the compiled statements
        mine, theirs = _state(resident, modules[1]), _state(other, modules[1])
        assert mine["enrolment"].user_id == resident.pk
        assert mine["open_attempt"].token == attempt.token
        assert _read(mine) == [modules[0].id]
        assert theirs["enrolment"].user_id == other.pk
        assert theirs["open_attempt"] is None
        assert theirs["submitted_attempts"] == []
        assert _read(theirs) == [modules[2].id]


def test_a_change_shows_at_once(resident, course, modules):
    enrolment_create(user=resident, course=course)
    module = modules[1]
    first = _state(resident, module)
    assert first["open_attempt"] is None
    assert first["module_progress"] is None
    attempt = quiz_attempt_open(user=resident, module=module)
    module_mark_read(user=resident, module=module)
    now = _state(resident, module)
    assert now["open_attempt"].token == attempt.token
    assert now["module_progress"].read_at is not None
    assert _read(now) == [module.id]
    assert now["enrolment"].pk == first["enrolment"].pk


def test_the_statements_are_compiled_once(resident, course, modules, monkeypatch, django_assert_num_queries):
    enrolment_create(user=resident, course=course)
    module_mark_read(user=resident, module=modules[0])
    module = modules[1]
    outline = module_outline(module=module)
    module_page_state(user=resident, module=module, outline=outline)

    def not_again(*values):
        raise AssertionError("built again")

    monkeypatch.setattr(selectors, "_progress_rows", not_again)
    monkeypatch.setattr(selectors, "_quiz_attempts", not_again)
    with django_assert_num_queries(2):  # their progress with the enrolment, their attempts
        state = module_page_state(user=resident, module=module, outline=outline)
    assert state["enrolment"].user_id == resident.pk
    assert state["course_progress"] is not None


def test_a_statement_with_parameters_of_its_own_is_refused(course):
    def with_a_constant(user_id, course_id):
        return ModuleProgress.objects.filter(
            enrolment__user=user_id, enrolment__course=course_id, best_score_percent=7
        )

    with pytest.raises(ValueError):
        CompiledRead(with_a_constant, 2)
