"""Where apps above courses add what courses cannot know of itself (docs/architecture.md, "Hooks").

courses sits below classes, so it never asks about a learner's class. A higher app registers, from its
AppConfig.ready():

- a **completion requirement**: besides reading every module and passing its quiz, what an enrolment
  must meet to be complete. classes registers its class's minimum attendance.
- an **enrolment group**: the group (a class) an enrolment is taken in, named on the resident's
  dashboard and course page. classes registers the class's name.
- a **completed-enrolment part**: HTML shown under each completed course on the resident's dashboard.
  certificates registers the certificate's state and download link.
- a **course-leads-to finder**: what a course prepares for (coming forums, open budgeting calls), listed
  on the course page as "This course prepares you for …". participation registers its forums and calls.
- a **participation part**: a section of "My participation" on the resident's dashboard (/saya/).
  participation registers the resident's Suara Warga items (and, in later issues, registrations,
  proposals and ballots).
"""

from dataclasses import dataclass
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
_course_leads_to_finders = []
_participation_parts = []


@dataclass(frozen=True)
class Lead:
    """One thing a course prepares for, as the course page lists it. Every field is text ready to show,
    in the visitor's language: courses knows nothing else of it."""

    kind: str  # what it is ("Public forum", "Participatory budgeting")
    title: str
    url: str
    when: str  # when and where, or how long it is open ("until 28 Februari 2027")


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


def register_course_leads_to(finder):
    """`finder(course, *, now)` returns a list of `Lead`s: what `course` prepares for that is still to
    come or open at `now`, live and public only, soonest first, in a constant number of queries."""
    if finder not in _course_leads_to_finders:
        _course_leads_to_finders.append(finder)


def register_participation_part(renderer):
    """`renderer(user)` returns the HTML of one section of "My participation" on `user`'s dashboard
    (a heading of its own, level 3, and what the resident took part in), or "" when there is nothing to
    show. Only `user`'s own rows, in a constant number of queries."""
    if renderer not in _participation_parts:
        _participation_parts.append(renderer)


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


def course_leads_to(course, *, now):
    """[Lead] for `course`: each finder's in the order the finders were registered."""
    leads = []
    for finder in _course_leads_to_finders:
        leads.extend(finder(course, now=now))
    return leads


def participation_parts(user):
    """[HTML of each non-empty part of "My participation"] for `user`."""
    parts = (renderer(user) for renderer in _participation_parts)
    return [part for part in parts if part]
