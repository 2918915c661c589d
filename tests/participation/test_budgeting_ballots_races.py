"""Ballots racing on PostgreSQL (participation.budgeting_ballots): every cast in its own connection at the
same moment, as two tabs of one resident or a double click. One ballot row stays, its choices exactly one
of the sets sent, never over the approval limit or the knapsack budget, and each proposal counted once."""

import pytest
from django.db import connection

from participation.budgeting_ballots import BallotError, ballot_cast
from participation.budgeting_phases import Phase
from participation.models import Ballot, BallotChoice, BudgetingCallPage, Proposal
from tests import factories
from tests.participation import budgeting_factories as budgeting

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: concurrent transactions")

FEASIBLE = Proposal.Status.FEASIBLE


@pytest.fixture
def site(wagtail_root):
    return factories.site_tree(factories.home_page())


def racing_call(site, **fields):
    call = budgeting.call(site, phase=Phase.VOTING, **fields)
    proposals = [
        budgeting.proposal(call, title=f"Usulan nomor {number}", cost=40_000_000, status=FEASIBLE)
        for number in range(4)
    ]
    return call, [proposal.pk for proposal in proposals]


def choices_of(ballot_row):
    return set(BallotChoice.objects.filter(ballot=ballot_row).values_list("proposal_id", flat=True))


def cast(call, user, ids):
    return lambda: ballot_cast(call=call, user=user, proposal_ids=ids)


def test_two_tabs_casting_different_ballots_at_once_leave_one_row_with_one_of_the_two_sets(site, run_together):
    call, ids = racing_call(site, voting_rule=BudgetingCallPage.VotingRule.KNAPSACK)
    voter = budgeting.resident_in_area(verified=True)
    first, second = {ids[0], ids[1]}, {ids[2]}

    results = run_together(cast(call, voter, first), cast(call, voter, second))

    assert all(isinstance(result, Ballot) for result in results), results
    ballot_row = Ballot.objects.get(call=call, voter=voter)
    assert choices_of(ballot_row) in (first, second)


def test_many_tabs_changing_a_ballot_at_once_never_leave_it_over_the_budget(site, run_together):
    call, ids = racing_call(
        site,
        voting_rule=BudgetingCallPage.VotingRule.KNAPSACK,
        total_budget_rupiah=100_000_000,
        ceiling_rupiah=100_000_000,
    )
    voter = budgeting.resident_in_area(verified=True)
    ballot_cast(call=call, user=voter, proposal_ids=[ids[0]])
    # Each set fits (two proposals of 40 million in 100 million); any two together would not.
    sets = [{ids[0], ids[1]}, {ids[2], ids[3]}, {ids[1], ids[2]}, {ids[3]}]

    results = run_together(*(cast(call, voter, chosen) for chosen in sets))

    assert not [result for result in results if isinstance(result, Exception)], results
    ballot_row = Ballot.objects.get(call=call, voter=voter)
    final = choices_of(ballot_row)
    assert final in sets
    total = sum(Proposal.objects.filter(pk__in=final).values_list("reviewed_cost", flat=True))
    assert total <= 100_000_000


def test_tabs_racing_under_approval_never_leave_more_than_the_limit(site, run_together):
    call, ids = racing_call(site, voting_rule=BudgetingCallPage.VotingRule.APPROVAL, approval_limit=2)
    voter = budgeting.resident_in_area(verified=True)
    sets = [{ids[0], ids[1]}, {ids[2], ids[3]}, set(ids)]  # the last one is over the limit

    results = run_together(*(cast(call, voter, chosen) for chosen in sets))

    assert isinstance(results[2], BallotError) and results[2].code == "over-limit"
    final = choices_of(Ballot.objects.get(call=call, voter=voter))
    assert final in sets[:2]
    assert len(final) <= 2


def test_a_ballot_changed_in_racing_tabs_is_counted_once(site, run_together):
    call, ids = racing_call(site, voting_rule=BudgetingCallPage.VotingRule.KNAPSACK)
    voter = budgeting.resident_in_area(verified=True)
    other = budgeting.resident_in_area("Budi Santoso", verified=True)

    run_together(
        cast(call, voter, {ids[0], ids[1]}),
        cast(call, voter, {ids[0]}),
        cast(call, voter, {ids[0], ids[2]}),
        cast(call, other, {ids[0]}),
    )

    assert Ballot.objects.filter(call=call).count() == 2
    counts = {pk: BallotChoice.objects.filter(proposal_id=pk).count() for pk in ids}
    assert counts[ids[0]] == 2  # once for each resident, however many times the first changed it
    assert counts[ids[1]] + counts[ids[2]] <= 1
    assert counts[ids[3]] == 0


def test_withdrawing_while_another_tab_casts_leaves_either_no_ballot_or_the_whole_one(site, run_together):
    call, ids = racing_call(site, voting_rule=BudgetingCallPage.VotingRule.KNAPSACK)
    voter = budgeting.resident_in_area(verified=True)
    ballot_cast(call=call, user=voter, proposal_ids=[ids[0]])

    results = run_together(cast(call, voter, []), cast(call, voter, {ids[1], ids[2]}))

    assert not [result for result in results if isinstance(result, Exception)], results
    rows = list(Ballot.objects.filter(call=call, voter=voter))
    assert len(rows) <= 1
    if rows:
        assert choices_of(rows[0]) == {ids[1], ids[2]}
    else:
        assert not BallotChoice.objects.exists()
