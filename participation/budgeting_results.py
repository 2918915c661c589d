"""A budgeting call's results and turnout: counts only, never who voted for what.

**The votes.** For each feasible proposal: its online votes (the ballots choosing it, BallotChoice), its
paper votes (the sum of its tallies at every polling place, PaperTally) and their total.

**The winners.** Proposals compete in budget pools:

- a call without budgets per kelurahan is one pool, its total budget;
- a call with budgets per kelurahan (``call.kelurahan_budgets``, as CONSUL's headings): each kelurahan
  with a budget is its own pool, for its proposals, with its budget; the proposals of kelurahan without a
  budget share one more pool, the total budget minus the kelurahan budgets (nothing when they use it up).

In each pool the proposals are ranked by total votes, most first; a tie goes to the lower reviewed cost,
then the earlier submission (then the earlier record). Winners are chosen in rank order while they fit
what is left of the pool's budget: a proposal that does not fit is skipped (marked so) and the next one
is tried, so a cheaper proposal further down may still win. A proposal without a single vote (online or
paper) is never chosen, whatever budget is left. ``RULE_TEXT`` says this on the page.

**The turnout.** Online ballots by the kelurahan and gender the voter had when casting (Ballot), paper
ballots by the kelurahan of the polling place (PollingPlace.ballots_cast; a paper ballot has no gender).
Small counts are hidden by core.small_counts, the rule of /data/ and of a forum's attendance.

Queries: the results are three queries (the proposals, and one GROUP BY count each of the online and the
paper votes) and one for the kelurahan budgets, however many proposals; the turnout is two GROUP BY queries
and one of the kelurahan's names, for one call or many (reports.open_data_budgeting).
"""

from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from core.small_counts import Figure, small_counts_suppress
from participation.budgeting_phases import results_public
from participation.budgeting_pools import budget_pools
from participation.models import Ballot, BallotChoice, PaperTally, PollingPlace, Proposal
from regions.models import Region

RULE_TEXT = _(
    "Proposals are ranked by their votes, online and on paper together. When two have as many votes, the "
    "cheaper one (by its reviewed cost) comes first, then the one submitted first. Winners are chosen from "
    "the top while they fit the budget that is left: a proposal that costs more than what is left is skipped, "
    "and the next one is tried. A proposal without a vote is not chosen."
)
RULE_TEXT_KELURAHAN = _(
    "Each kelurahan with its own budget chooses its winners from its own proposals, within its budget. The "
    "proposals of the other kelurahan share what is left of the total budget."
)


@dataclass
class ResultRow:
    proposal: Proposal
    online: int
    paper: int
    rank: int = 0
    chosen: bool = False
    skipped: bool = False  # would have been chosen by its votes, but did not fit the budget left

    @property
    def total(self):
        return self.online + self.paper


@dataclass
class Pool:
    """Proposals competing for one budget: a kelurahan's (``kelurahan`` set) or the call's."""

    budget: int
    kelurahan: Region | None = None
    is_rest: bool = False  # the proposals of kelurahan without their own budget
    rows: list = field(default_factory=list)

    @property
    def spent(self):
        return sum(row.proposal.reviewed_cost for row in self.rows if row.chosen)

    @property
    def left(self):
        return self.budget - self.spent


@dataclass
class CallResults:
    pools: list
    per_kelurahan: bool

    @property
    def rows(self):
        return [row for pool in self.pools for row in pool.rows]

    @property
    def winner_ids(self):
        return {row.proposal.pk for row in self.rows if row.chosen}


def _rank_key(row):
    proposal = row.proposal
    return (-row.total, proposal.reviewed_cost, proposal.submitted_at, proposal.pk)


def choose_winners(rows, budget):
    """Rank ``rows`` (one pool's) and mark the winners, in place: the rule of the module's docstring.
    Returns the rows in rank order."""
    ranked = sorted(rows, key=_rank_key)
    left = budget
    for rank, row in enumerate(ranked, start=1):
        row.rank = rank
        cost = row.proposal.reviewed_cost
        if row.total > 0 and cost <= left:
            row.chosen = True
            left -= cost
        elif row.total > 0:
            row.skipped = True
    return ranked


def feasible_proposals_with_votes(call):
    """The call's feasible proposals with ``online_votes`` and ``paper_votes``: three queries, the proposals
    and one GROUP BY count for each kind of vote (a correlated count per proposal was four times a plain
    GROUP BY over 100,000 ballots: bench/bench_budgeting.py)."""
    proposals = list(
        Proposal.objects.filter(call=call, status=Proposal.Status.FEASIBLE)
        .select_related("kelurahan", "category")
        .only(
            "pk",
            "title",
            "reviewed_cost",
            "submitted_at",
            "kelurahan__code",
            "kelurahan__name",
            "category__name",
            "call_id",
        )
    )
    online = dict(
        BallotChoice.objects.filter(ballot__call_id=call.pk)
        .order_by()
        .values("proposal_id")
        .annotate(votes=Count("*"))
        .values_list("proposal_id", "votes")
    )
    paper = dict(
        PaperTally.objects.filter(polling_place__call_id=call.pk)
        .order_by()
        .values("proposal_id")
        .annotate(votes=Sum("votes"))
        .values_list("proposal_id", "votes")
    )
    # Only the feasible proposals are read back: a choice or tally of any other is not counted.
    for proposal in proposals:
        proposal.online_votes = online.get(proposal.pk, 0)
        proposal.paper_votes = paper.get(proposal.pk) or 0
    return proposals


def call_results(call):
    """The call's results, whatever the day (the views show them only once they are public): four queries.
    Each pool of participation.budgeting_pools chooses its own winners."""
    rows = [
        ResultRow(proposal=proposal, online=proposal.online_votes, paper=proposal.paper_votes)
        for proposal in feasible_proposals_with_votes(call)
    ]
    pools = []
    for budget_pool in budget_pools(call):
        pool = Pool(budget=budget_pool.budget, kelurahan=budget_pool.kelurahan, is_rest=budget_pool.is_rest)
        pool.rows = choose_winners([row for row in rows if budget_pool.holds(row.proposal.kelurahan_id)], pool.budget)
        if pool.rows or not pool.is_rest:
            pools.append(pool)
    return CallResults(pools=pools, per_kelurahan=len(pools) > 1 or pools[0].kelurahan is not None)


def winning_proposal_ids(call):
    """The ids of the proposals that won ``call`` (empty before its results are public)."""
    if not results_public(call):
        return set()
    return call_results(call).winner_ids


# --- Turnout -------------------------------------------------------------------------------------------


@dataclass(eq=False)
class _Count:
    """One count while small counts are being hidden (core.small_counts' group, measure ``count``)."""

    count: int = 0
    marks: dict = field(default_factory=dict)

    def figure(self):
        mark = self.marks.get("count", "")
        return Figure(count=None if mark else self.count, suppressed=mark)


@dataclass(frozen=True)
class TurnoutRow:
    code: str  # the kelurahan's BPS code, the gender's code, or "" for the total
    name: str
    kecamatan: str
    online: Figure
    paper: Figure | None
    total: Figure | None


@dataclass(frozen=True)
class Turnout:
    total: TurnoutRow
    kelurahan: tuple
    genders: tuple  # online ballots only: paper ballots have no gender


GENDERS = (("perempuan", _("Women")), ("laki-laki", _("Men")), ("", _("Not known")))


def calls_turnout(calls):
    """{call pk: Turnout} for ``calls``: two GROUP BY queries and one of the kelurahan, however many calls."""
    call_ids = [call.pk for call in calls]
    online_rows = list(
        Ballot.objects.filter(call_id__in=call_ids)
        .order_by()
        .values_list("call_id", "kelurahan_id", "gender")
        .annotate(n=Count("pk"))
    )
    paper_rows = list(
        PollingPlace.objects.filter(call_id__in=call_ids)
        .order_by()
        .values_list("call_id", "kelurahan_id")
        .annotate(n=Sum("ballots_cast"))
    )
    codes = {row[1] for row in online_rows} | {row[1] for row in paper_rows}
    regions = {region.code: region for region in Region.objects.filter(code__in=codes).select_related("parent")}
    online, paper, genders = {}, {}, {}
    for call_id, kelurahan_id, gender, n in online_rows:
        key = (call_id, kelurahan_id)
        online[key] = online.get(key, 0) + n
        gender = gender if gender in dict(GENDERS) else ""
        genders[(call_id, gender)] = genders.get((call_id, gender), 0) + n
    for call_id, kelurahan_id, n in paper_rows:
        paper[(call_id, kelurahan_id)] = paper.get((call_id, kelurahan_id), 0) + (n or 0)
    return {
        call_id: _turnout(
            kelurahan={code for (call, code) in (*online, *paper) if call == call_id},
            online={code: n for (call, code), n in online.items() if call == call_id},
            paper={code: n for (call, code), n in paper.items() if call == call_id},
            genders={gender: genders.get((call_id, gender), 0) for gender, _label in GENDERS},
            regions=regions,
        )
        for call_id in call_ids
    }


def call_turnout(call):
    return calls_turnout([call])[call.pk]


def _turnout(*, kelurahan, online, paper, genders, regions):
    """The figures of one call, small counts hidden. Every count is a group of core.small_counts with the
    measure ``count``; the sums that a reader could subtract are each kelurahan's total (online + paper),
    each column's total (the kelurahan's), the call's total (online + paper) and the online total (the
    genders')."""
    places = sorted(kelurahan, key=lambda code: (regions[code].name if code in regions else "", code))
    cells = {code: (_Count(online.get(code, 0)), _Count(paper.get(code, 0))) for code in places}
    totals = {code: _Count(a.count + b.count) for code, (a, b) in cells.items()}
    all_online = _Count(sum(online.values()))
    all_paper = _Count(sum(paper.values()))
    everyone = _Count(all_online.count + all_paper.count)
    by_gender = {gender: _Count(genders[gender]) for gender, _label in GENDERS}
    sums = [(totals[code], list(cells[code])) for code in places]
    sums += [
        (all_online, [cells[code][0] for code in places]),
        (all_paper, [cells[code][1] for code in places]),
        (everyone, [totals[code] for code in places]),
        (everyone, [all_online, all_paper]),
        (all_online, list(by_gender.values())),
    ]
    groups = [everyone, all_online, all_paper, *totals.values(), *by_gender.values()]
    groups += [cell for pair in cells.values() for cell in pair]
    small_counts_suppress(groups, sums, ("count",))

    def region_names(code):
        region = regions.get(code)
        if region is None:
            return code, ""
        return region.name, region.parent.name if region.parent else ""

    return Turnout(
        total=TurnoutRow(
            code="",
            name=str(_("Total")),
            kecamatan="",
            online=all_online.figure(),
            paper=all_paper.figure(),
            total=everyone.figure(),
        ),
        kelurahan=tuple(
            TurnoutRow(
                code=code,
                name=region_names(code)[0],
                kecamatan=region_names(code)[1],
                online=cells[code][0].figure(),
                paper=cells[code][1].figure(),
                total=totals[code].figure(),
            )
            for code in places
        ),
        genders=tuple(
            TurnoutRow(
                code=gender, name=str(label), kecamatan="", online=by_gender[gender].figure(), paper=None, total=None
            )
            for gender, label in GENDERS
        ),
    )
