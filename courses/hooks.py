"""Where apps above courses add what courses cannot know of itself (docs/architecture.md, "Hooks").

courses sits below classes, so it never asks about a learner's class. A higher app registers, from its
AppConfig.ready():

- a **completion requirement**: besides reading every module and passing its quiz, what an enrolment
  must meet to be complete. classes registers its class's minimum attendance.
- an **enrolment group**: the group (a class) an enrolment is taken in, named on the resident's
  dashboard and course page. classes registers the class's name.
- a **completed-enrolment part**: HTML shown under each completed course on the resident's dashboard.
  certificates registers the certificate's state and download link.
"""

from typing import Protocol


class CompletionRequirement(Protocol):
    def is_met(self, *, enrolment) -> bool:
        """Whether `enrolment` meets it now. Asked while the enrolment's row is locked for the completion."""

    def still_to_do(self, enrolments) -> dict:
        """{enrolment id: what is still to do, in the resident's words} for those of these unfinished
        `enrolments` that do not meet it: a constant number of queries, whatever their number."""


_completion_requirements: list[CompletionRequirement] = []
_enrolment_group_finders = []
_completed_enrolment_parts = []


def register_completion_requirement(requirement: CompletionRequirement):
    if requirement not in _completion_requirements:
        _completion_requirements.append(requirement)


def register_enrolment_group_finder(finder):
    """`finder(enrolments)` returns {enrolment id: the name of the group it is taken in} for those in one."""
    if finder not in _enrolment_group_finders:
        _enrolment_group_finders.append(finder)


def register_completed_enrolment_part(renderer):
    """`renderer(enrolments)` returns {enrolment id: HTML} for these completed enrolments, in a constant
    number of queries."""
    if renderer not in _completed_enrolment_parts:
        _completed_enrolment_parts.append(renderer)


def completion_requirements_met(*, enrolment):
    return all(requirement.is_met(enrolment=enrolment) for requirement in _completion_requirements)


def still_to_do(enrolments):
    """{enrolment id: [what each requirement still asks of it]} for the unfinished ones among `enrolments`."""
    unfinished = [enrolment for enrolment in enrolments if enrolment.completed_at is None]
    lines = {}
    if not unfinished:
        return lines
    for requirement in _completion_requirements:
        for enrolment_id, line in requirement.still_to_do(unfinished).items():
            lines.setdefault(enrolment_id, []).append(line)
    return lines


def enrolment_groups(enrolments):
    """{enrolment id: the name of the group (class) it is taken in}, for those taken in one."""
    groups = {}
    if not enrolments:
        return groups
    for finder in _enrolment_group_finders:
        groups.update(finder(enrolments))
    return groups


def completed_enrolment_parts(enrolments):
    """{enrolment id: [HTML of each part]} for the completed ones among `enrolments`."""
    completed = [enrolment for enrolment in enrolments if enrolment.completed_at is not None]
    parts = {}
    if not completed:
        return parts
    for renderer in _completed_enrolment_parts:
        for enrolment_id, html in renderer(completed).items():
            parts.setdefault(enrolment_id, []).append(html)
    return parts
