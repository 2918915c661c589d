"""Voting online in a budgeting call (participation.budgeting_ballots): one ballot per resident and call,
the choices among the voter's feasible proposals, the approval limit and the knapsack budget checked on the
server, a change replacing the choices, withdrawing, and every refusal of who may vote storing nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from participation.budgeting_ballots import BallotError, ballot_cast, ballot_choice_ids, ballot_scope
from participation.budgeting_eligibility import Refusal
from participation.budgeting_phases import Phase
from participation.models import Ballot, BallotChoice, BudgetingCallPage, KelurahanBudget, Proposal
from tests import factories
from tests.participation import budgeting_factories as budgeting

FEASIBLE = Proposal.Status.FEASIBLE
KNAPSACK = BudgetingCallPage.VotingRule.KNAPSACK
APPROVAL = BudgetingCallPage.VotingRule.APPROVAL


def another_kelurahan():
    return factories.region_chain("6471010004", "Sungai Nangka")


@pytest.fixture
def call(site_tree):
    return budgeting.call(
        site_tree,
        phase=Phase.VOTING,
        voting_rule=KNAPSACK,
        total_budget_rupiah=100_000_000,
        ceiling_rupiah=100_000_000,
    )


@pytest.fixture
def voter():
    return budgeting.resident_in_area("Siti Rahmawati", verified=True, gender="perempuan")


def feasible(call, title, cost, **fields):
    return budgeting.proposal(call, title=title, cost=cost, status=FEASIBLE, **fields)


def chosen(call, user):
    return ballot_choice_ids(call=call, user=user)


# --- Casting and changing


def test_a_ballot_within_the_budget_is_saved_with_the_voters_kelurahan_and_gender(call, voter):
    drain, lamp = feasible(call, "Drainase RT 03", 60_000_000), feasible(call, "Lampu jalan RT 05", 40_000_000)

    ballot = ballot_cast(call=call, user=voter, proposal_ids=[drain.pk, lamp.pk])

    assert chosen(call, voter) == {drain.pk, lamp.pk}
    ballot.refresh_from_db()
    assert ballot.kelurahan == voter.learner_profile.kelurahan
    assert ballot.gender == "perempuan"


def test_changing_a_ballot_replaces_its_choices_in_the_same_row(call, voter):
    drain, lamp, park = (feasible(call, f"Usulan {n}", 30_000_000) for n in range(3))
    first = ballot_cast(call=call, user=voter, proposal_ids=[drain.pk, lamp.pk])
    changed_at = Ballot.objects.get(pk=first.pk).changed_at

    second = ballot_cast(call=call, user=voter, proposal_ids=[park.pk])

    assert second.pk == first.pk
    assert Ballot.objects.filter(call=call, voter=voter).count() == 1
    assert chosen(call, voter) == {park.pk}
    assert Ballot.objects.get(pk=first.pk).changed_at >= changed_at


def test_a_changed_ballot_is_counted_once(call, voter):
    drain, lamp = feasible(call, "Drainase RT 03", 30_000_000), feasible(call, "Lampu jalan RT 05", 30_000_000)
    ballot_cast(call=call, user=voter, proposal_ids=[drain.pk])
    ballot_cast(call=call, user=voter, proposal_ids=[drain.pk, lamp.pk])
    ballot_cast(call=call, user=voter, proposal_ids=[drain.pk])

    assert BallotChoice.objects.filter(proposal=drain).count() == 1
    assert BallotChoice.objects.filter(proposal=lamp).count() == 0


def test_choosing_nothing_withdraws_the_ballot_and_deletes_its_row(call, voter):
    drain = feasible(call, "Drainase RT 03", 30_000_000)
    ballot_cast(call=call, user=voter, proposal_ids=[drain.pk])

    assert ballot_cast(call=call, user=voter, proposal_ids=[]) is None

    assert not Ballot.objects.filter(call=call, voter=voter).exists()
    assert not BallotChoice.objects.exists()


def test_changing_a_ballot_keeps_when_it_was_first_cast(call, voter):
    drain, lamp = feasible(call, "Drainase RT 03", 30_000_000), feasible(call, "Lampu jalan RT 05", 30_000_000)
    first = ballot_cast(call=call, user=voter, proposal_ids=[drain.pk])
    cast_at = Ballot.objects.get(pk=first.pk).cast_at

    ballot_cast(call=call, user=voter, proposal_ids=[lamp.pk])

    stored = Ballot.objects.get(pk=first.pk)
    assert stored.cast_at == cast_at
    assert stored.changed_at > cast_at


# --- What the ballot remembers: the proposals and budgets, read at every vote of the peak


def sql_of(action):
    with CaptureQueriesContext(connection) as queries:
        action()
    return "\n".join(query["sql"] for query in queries)


def test_the_proposals_and_budgets_of_a_ballot_are_read_once_then_remembered(site_tree, voter):
    home = voter.learner_profile.kelurahan
    call = budgeting.call(site_tree, phase=Phase.VOTING, voting_rule=KNAPSACK, kelurahan_budgets=[(home, 80_000_000)])
    drain = feasible(call, "Drainase RT 03", 30_000_000, kelurahan=home)

    first = sql_of(lambda: ballot_cast(call=call, user=voter, proposal_ids=[drain.pk]))
    again = sql_of(lambda: ballot_cast(call=call, user=voter, proposal_ids=[drain.pk]))

    for table in ('"participation_proposal"', '"participation_kelurahanbudget"'):
        assert table in first
        assert table not in again
    assert chosen(call, voter) == {drain.pk}


def test_a_reviewed_cost_saved_after_a_ballot_is_the_one_the_next_ballot_is_checked_against(call, voter):
    drain, lamp = feasible(call, "Drainase RT 03", 60_000_000), feasible(call, "Lampu jalan RT 05", 30_000_000)
    ballot_cast(call=call, user=voter, proposal_ids=[drain.pk, lamp.pk])  # 90 million of 100
    lamp.reviewed_cost = 50_000_000
    lamp.save()

    with pytest.raises(BallotError) as refused:
        ballot_cast(call=call, user=voter, proposal_ids=[drain.pk, lamp.pk])  # 110 million

    assert refused.value.code == "over-budget"
    newly_feasible = feasible(call, "Taman RT 07", 10_000_000)
    ballot_cast(call=call, user=voter, proposal_ids=[drain.pk, newly_feasible.pk])
    assert chosen(call, voter) == {drain.pk, newly_feasible.pk}


def test_a_proposal_no_longer_feasible_or_deleted_after_a_ballot_cannot_be_chosen_again(call, voter):
    drain, lamp = feasible(call, "Drainase RT 03", 30_000_000), feasible(call, "Lampu jalan RT 05", 30_000_000)
    ballot_cast(call=call, user=voter, proposal_ids=[drain.pk, lamp.pk])
    lamp.status = Proposal.Status.NOT_FEASIBLE
    lamp.save()
    drain_pk = drain.pk
    drain.delete()

    for ids in ([lamp.pk], [drain_pk]):
        with pytest.raises(BallotError) as refused:
            ballot_cast(call=call, user=voter, proposal_ids=ids)
        assert refused.value.code == "not-votable"


def test_a_kelurahan_budget_saved_after_a_ballot_is_the_one_the_next_ballot_fits(site_tree, voter):
    home = voter.learner_profile.kelurahan
    call = budgeting.call(site_tree, phase=Phase.VOTING, voting_rule=KNAPSACK, kelurahan_budgets=[(home, 100_000_000)])
    drain = feasible(call, "Drainase RT 03", 60_000_000, kelurahan=home)
    lamp = feasible(call, "Lampu jalan RT 05", 30_000_000, kelurahan=home)
    ballot_cast(call=call, user=voter, proposal_ids=[drain.pk, lamp.pk])
    budget = KelurahanBudget.objects.get(call=call)
    budget.budget_rupiah = 80_000_000
    budget.save()

    with pytest.raises(BallotError) as refused:
        ballot_cast(call=call, user=voter, proposal_ids=[drain.pk, lamp.pk])

    assert refused.value.code == "over-budget"
    assert "Rp 80.000.000" in str(refused.value)


# --- What may be chosen


@pytest.mark.parametrize(
    "status", [Proposal.Status.SUBMITTED, Proposal.Status.NOT_FEASIBLE, Proposal.Status.MERGED, Proposal.Status.HIDDEN]
)
def test_a_proposal_not_found_feasible_cannot_be_chosen(call, voter, status):
    drain = feasible(call, "Drainase RT 03", 30_000_000)
    ballot_cast(call=call, user=voter, proposal_ids=[drain.pk])
    other = budgeting.proposal(call, title="Usulan lain", status=status, reviewed_cost=10_000_000)

    with pytest.raises(BallotError) as refused:
        ballot_cast(call=call, user=voter, proposal_ids=[drain.pk, other.pk])

    assert refused.value.code == "not-votable"
    assert chosen(call, voter) == {drain.pk}


def test_a_proposal_of_another_call_or_none_at_all_cannot_be_chosen(call, voter, site_tree):
    other_call = budgeting.call(site_tree, phase=Phase.VOTING, title="Panggilan lain")
    elsewhere = feasible(other_call, "Usulan panggilan lain", 10_000_000)

    for ids in ([elsewhere.pk], [999_999], ["not-a-number"]):
        with pytest.raises(BallotError) as refused:
            ballot_cast(call=call, user=voter, proposal_ids=ids)
        assert refused.value.code == "not-votable"
    assert not Ballot.objects.exists()


def test_in_a_call_split_by_kelurahan_a_voter_chooses_among_their_kelurahans_proposals_within_its_budget(
    site_tree, voter
):
    home, other = voter.learner_profile.kelurahan, another_kelurahan()
    call = budgeting.call(
        site_tree,
        phase=Phase.VOTING,
        voting_rule=KNAPSACK,
        total_budget_rupiah=500_000_000,
        kelurahan_budgets=[(home, 80_000_000), (other, 300_000_000)],
    )
    here = feasible(call, "Drainase Gunung Bahagia", 50_000_000, kelurahan=home)
    also_here = feasible(call, "Taman Gunung Bahagia", 40_000_000, kelurahan=home)
    there = feasible(call, "Drainase Sungai Nangka", 10_000_000, kelurahan=other)

    scope = ballot_scope(call=call, kelurahan=home)
    assert (scope.heading, scope.budget) == (home, 80_000_000)
    assert [proposal.pk for proposal in scope.proposals()] == [here.pk, also_here.pk]

    with pytest.raises(BallotError) as refused:
        ballot_cast(call=call, user=voter, proposal_ids=[here.pk, there.pk])
    assert refused.value.code == "not-votable"
    with pytest.raises(BallotError) as refused:
        ballot_cast(call=call, user=voter, proposal_ids=[here.pk, also_here.pk])  # 90 million > 80
    assert refused.value.code == "over-budget"
    assert not Ballot.objects.exists()


def test_in_a_split_call_a_kelurahan_without_a_budget_of_its_own_votes_in_the_rest_pool(site_tree, voter):
    """The ballot's pool is the results' (participation.budgeting_pools): the kelurahan without a budget of their
    own choose among their own proposals, within the total minus the kelurahan budgets; another kelurahan's
    proposals are not on their ballot, so they never help choose its winners."""
    other = another_kelurahan()
    call = budgeting.call(
        site_tree,
        phase=Phase.VOTING,
        voting_rule=KNAPSACK,
        total_budget_rupiah=500_000_000,
        kelurahan_budgets=[(other, 300_000_000)],
    )
    here = feasible(call, "Drainase Gunung Bahagia", 50_000_000)
    there = feasible(call, "Drainase Sungai Nangka", 10_000_000, kelurahan=other)

    scope = ballot_scope(call=call, kelurahan=voter.learner_profile.kelurahan)
    assert (scope.heading, scope.budget) == (None, 200_000_000)
    assert [proposal.pk for proposal in scope.proposals()] == [here.pk]
    with pytest.raises(BallotError) as refused:
        ballot_cast(call=call, user=voter, proposal_ids=[here.pk, there.pk])
    assert refused.value.code == "not-votable"
    ballot_cast(call=call, user=voter, proposal_ids=[here.pk])
    assert chosen(call, voter) == {here.pk}


# --- The rules


def test_knapsack_refuses_a_ballot_over_the_budget_saying_the_sum_and_the_budget_and_keeps_the_old_one(call, voter):
    drain, lamp = feasible(call, "Drainase RT 03", 60_000_000), feasible(call, "Lampu jalan RT 05", 50_000_000)
    ballot_cast(call=call, user=voter, proposal_ids=[drain.pk])

    with pytest.raises(BallotError) as refused:
        ballot_cast(call=call, user=voter, proposal_ids=[drain.pk, lamp.pk])

    assert refused.value.code == "over-budget"
    message = str(refused.value)
    assert "110" in message and "100" in message and "Rp" in message
    assert chosen(call, voter) == {drain.pk}


def test_knapsack_takes_the_reviewed_cost_not_the_estimate(call, voter):
    cheap_after_review = budgeting.proposal(
        call, title="Drainase RT 03", cost=150_000_000, status=FEASIBLE, reviewed_cost=90_000_000
    )
    ballot_cast(call=call, user=voter, proposal_ids=[cheap_after_review.pk])
    assert chosen(call, voter) == {cheap_after_review.pk}


def test_approval_refuses_more_than_the_limit_and_accepts_up_to_it(site_tree, voter):
    call = budgeting.call(site_tree, phase=Phase.VOTING, voting_rule=APPROVAL, approval_limit=2)
    first, second, third = (feasible(call, f"Usulan {n}", 200_000_000) for n in range(3))

    with pytest.raises(BallotError) as refused:
        ballot_cast(call=call, user=voter, proposal_ids=[first.pk, second.pk, third.pk])
    assert refused.value.code == "over-limit"
    assert not Ballot.objects.exists()

    # Under approval, costs do not matter: 400 million over a 500 million budget is fine, and so would more.
    ballot_cast(call=call, user=voter, proposal_ids=[first.pk, second.pk])
    assert chosen(call, voter) == {first.pk, second.pk}


# --- Who may vote: each refusal says why and stores nothing


def refusal_of(call, user, **kwargs):
    proposal = Proposal.objects.filter(call=call, status=FEASIBLE).first()
    with pytest.raises(BallotError) as refused:
        ballot_cast(call=call, user=user, proposal_ids=[proposal.pk], **kwargs)
    assert not Ballot.objects.exists()
    assert not BallotChoice.objects.exists()
    assert str(refused.value)
    return refused.value.code


def test_a_visitor_not_logged_in_or_without_a_profile_is_refused_with_their_own_reason(call):
    from django.contrib.auth.models import AnonymousUser

    feasible(call, "Drainase RT 03", 30_000_000)
    assert refusal_of(call, AnonymousUser()) == Refusal.NOT_LOGGED_IN
    assert refusal_of(call, factories.resident(username="tanpa-profil")) == Refusal.NO_PROFILE


def test_each_refusal_of_who_may_vote_stores_nothing(call):
    from django.contrib.auth.models import AnonymousUser

    feasible(call, "Drainase RT 03", 30_000_000)
    assert refusal_of(call, AnonymousUser()) == Refusal.NOT_LOGGED_IN
    assert refusal_of(call, factories.resident(username="tanpa-profil-2")) == Refusal.NO_PROFILE
    outsider = budgeting.resident_in_area(
        "Orang Luar", kelurahan=factories.region_chain("6471020001", "Klandasan Ilir"), verified=True
    )
    assert refusal_of(call, outsider) == Refusal.OUTSIDE_AREA
    assert refusal_of(call, budgeting.resident_in_area("Belum Verifikasi")) == Refusal.NOT_VERIFIED
    voter = budgeting.resident_in_area("Siti Rahmawati", verified=True)
    closed_day = call.voting_close + budgeting.DAY
    assert refusal_of(call, voter, today=closed_day) == Refusal.PHASE_CLOSED
    assert refusal_of(call, voter, today=call.voting_open - budgeting.DAY) == Refusal.PHASE_CLOSED


def test_too_young_or_without_a_birth_year_where_verification_is_not_asked(site_tree):
    call = budgeting.call(site_tree, phase=Phase.VOTING, require_verified=False)
    feasible(call, "Drainase RT 03", 30_000_000)
    young = budgeting.resident_in_area("Anak Muda", birth_year=call.voting_close.year - 16)
    assert refusal_of(call, young) == Refusal.TOO_YOUNG
    unknown = budgeting.resident_in_area("Tanpa Umur", birth_year=None)
    assert refusal_of(call, unknown) == Refusal.AGE_UNKNOWN
    adult = budgeting.resident_in_area("Dewasa", birth_year=call.voting_close.year - 17)
    ballot_cast(call=call, user=adult, proposal_ids=list(Proposal.objects.values_list("pk", flat=True)))
    assert Ballot.objects.filter(voter=adult).count() == 1
