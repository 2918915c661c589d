"""A budgeting call's phases, from its dates: proposals → review → voting → results → follow-up.

Each date is a whole day in Kota Balikpapan's time (WITA, ``TIME_ZONE``), first and last days included:
proposals are taken from ``proposals_open`` to ``proposals_close``; review runs until the day before
``voting_open``; voting ends with ``voting_close``; then paper ballots are counted until ``results_on``,
when the results are public; follow-up starts on ``follow_up_from``. Every rule that depends on the
phase reads it here (``call_phase``), with the day passed in, so tests and the page agree on "today".
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Phase:
    UPCOMING = "upcoming"
    PROPOSALS = "proposals"
    REVIEW = "review"
    VOTING = "voting"
    COUNTING = "counting"
    RESULTS = "results"
    FOLLOW_UP = "follow-up"


PHASE_NAMES = {
    Phase.UPCOMING: _("Not yet open"),
    Phase.PROPOSALS: _("Proposals"),
    Phase.REVIEW: _("Review"),
    Phase.VOTING: _("Voting"),
    Phase.COUNTING: _("Paper vote and count"),
    Phase.RESULTS: _("Results"),
    Phase.FOLLOW_UP: _("Follow-up"),
}


def today_in_balikpapan():
    return timezone.localdate()


def call_phase(call, today: date | None = None):
    """The phase ``call`` is in on ``today`` (by default, today in WITA)."""
    today = today or today_in_balikpapan()
    if today < call.proposals_open:
        return Phase.UPCOMING
    if today <= call.proposals_close:
        return Phase.PROPOSALS
    if today < call.voting_open:
        return Phase.REVIEW
    if today <= call.voting_close:
        return Phase.VOTING
    if today < call.results_on:
        return Phase.COUNTING
    if today < call.follow_up_from:
        return Phase.RESULTS
    return Phase.FOLLOW_UP


def results_public(call, today=None):
    return call_phase(call, today) in (Phase.RESULTS, Phase.FOLLOW_UP)


@dataclass(frozen=True)
class TimelineStep:
    phase: str
    name: str
    starts: date
    ends: date | None  # None: open-ended (follow-up)
    is_current: bool
    is_past: bool


def call_timeline(call, today=None):
    """The five phases residents see, with their dates, the current one marked (counting belongs to
    the results' step: it ends when they are published)."""
    today = today or today_in_balikpapan()
    current = call_phase(call, today)
    if current == Phase.COUNTING:
        current = Phase.RESULTS
    one_day = date.resolution
    steps = [
        (Phase.PROPOSALS, call.proposals_open, call.proposals_close),
        (Phase.REVIEW, call.proposals_close + one_day, call.voting_open - one_day),
        (Phase.VOTING, call.voting_open, call.voting_close),
        (Phase.RESULTS, call.voting_close + one_day, call.follow_up_from - one_day),
        (Phase.FOLLOW_UP, call.follow_up_from, None),
    ]
    return [
        TimelineStep(
            phase=phase,
            name=PHASE_NAMES[phase],
            starts=starts,
            ends=ends,
            is_current=phase == current,
            is_past=ends is not None and ends < today,
        )
        for phase, starts, ends in steps
    ]


def phase_dates_errors(call):
    """The call's dates out of order, as form errors by field (empty when they are in order)."""
    order = [
        ("proposals_open", "proposals_close", _("Proposals must close on or after the day they open.")),
        ("proposals_close", "voting_open", _("Voting must open after proposals close (review comes between).")),
        ("voting_open", "voting_close", _("Voting must close on or after the day it opens.")),
        ("voting_close", "results_on", _("Results come after voting closes.")),
        ("results_on", "follow_up_from", _("Follow-up starts on or after the day of the results.")),
    ]
    errors = {}
    for earlier, later, message in order:
        first, second = getattr(call, earlier), getattr(call, later)
        if first is None or second is None:
            continue
        strictly_after = later in ("voting_open", "results_on")
        if second < first or (strictly_after and second == first):
            errors[later] = message
    return errors
