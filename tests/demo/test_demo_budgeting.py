"""The demo's participatory budgeting (demo.budgeting): a call taking proposals, a call in voting under the
knapsack rule where warga2 may vote, and a finished call with paper tallies (one corrected), results and a
winner in progress with two updates; a second run, even weeks later, changes nothing."""

import datetime

import pytest
from django.utils import timezone

from demo.budgeting import seed_budgeting
from organisations.services import GOVERNMENT_STAFF_GROUP
from participation.budgeting_eligibility import vote_permission
from participation.budgeting_follow_up import proposal_updates
from participation.budgeting_phases import Phase, call_phase
from participation.budgeting_results import winning_proposal_ids
from participation.models import (
    Ballot,
    BudgetingCallPage,
    PaperTally,
    PaperTallyChange,
    Proposal,
    ProposalUpdate,
    ResidentVerification,
)
from tests import factories

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def demo_users(site_tree):
    gunung_bahagia = factories.region_chain()
    sepinggan = factories.kelurahan(code="6471010007", name="Sepinggan")
    factories.kelurahan(code="6471010008", name="Damai Baru")
    return {
        "warga1": factories.learner(full_name="Siti Rahmawati", kelurahan=gunung_bahagia, gender="perempuan"),
        "warga2": factories.learner(full_name="Budi Santoso", kelurahan=sepinggan, gender="laki-laki"),
        "staf-gunungbahagia": factories.kelurahan_staff(region=gunung_bahagia),
        **factories.users_with_roles(government=[("pemkot", GOVERNMENT_STAFF_GROUP)]),
    }


def calls_by_phase(today):
    return {call_phase(call, today): call for call in BudgetingCallPage.objects.live()}


def state():
    return {
        "calls": list(BudgetingCallPage.objects.order_by("pk").values_list("slug", "proposals_open", "voting_rule")),
        "proposals": list(Proposal.objects.order_by("pk").values_list("title", "status", "progress", "submitted_at")),
        "ballots": list(Ballot.objects.order_by("pk").values_list("voter_id", "cast_at")),
        "tallies": list(PaperTally.objects.order_by("pk").values_list("proposal_id", "votes")),
        "changes": PaperTallyChange.objects.count(),
        "updates": list(ProposalUpdate.objects.order_by("pk").values_list("date", "progress")),
        "verifications": list(ResidentVerification.objects.values_list("user_id", "verified_at")),
    }


def test_the_demo_has_a_call_in_each_of_the_three_moments(site_tree, demo_users):
    today = timezone.localdate()

    seed_budgeting(budgeting_index=site_tree["budgeting"], today=today, users=demo_users)

    calls = calls_by_phase(today)
    assert set(calls) == {Phase.PROPOSALS, Phase.VOTING, Phase.FOLLOW_UP}
    assert calls[Phase.PROPOSALS].proposals.count() == 2
    voting = calls[Phase.VOTING]
    assert voting.voting_rule == BudgetingCallPage.VotingRule.KNAPSACK
    assert voting.proposals.count() >= 3
    assert all(p.status == Proposal.Status.FEASIBLE and p.reviewed_cost for p in voting.proposals.all())


def test_warga2_is_verified_and_may_vote(site_tree, demo_users):
    today = timezone.localdate()

    seed_budgeting(budgeting_index=site_tree["budgeting"], today=today, users=demo_users)

    assert ResidentVerification.objects.filter(user=demo_users["warga2"]).exists()
    assert vote_permission(calls_by_phase(today)[Phase.VOTING], demo_users["warga2"], today).allowed


def test_the_finished_call_has_tallies_results_and_a_winner_in_progress(site_tree, demo_users):
    today = timezone.localdate()

    seed_budgeting(budgeting_index=site_tree["budgeting"], today=today, users=demo_users)

    finished = calls_by_phase(today)[Phase.FOLLOW_UP]
    assert PaperTally.objects.filter(proposal__call=finished).count() == 6
    corrected = PaperTallyChange.objects.filter(tally__proposal__call=finished).exclude(reason="").get()
    assert corrected.votes_before != corrected.votes_after == corrected.tally.votes
    assert Ballot.objects.filter(call=finished).count() == 2
    in_progress = Proposal.objects.get(call=finished, progress=Proposal.Progress.IN_PROGRESS)
    updates = proposal_updates(in_progress)
    assert [u.progress for u in updates] == [Proposal.Progress.IN_PROGRESS, Proposal.Progress.PLANNED]
    assert all(finished.results_on <= u.date <= today for u in updates)
    winners = winning_proposal_ids(finished)
    assert in_progress.pk in winners
    # The most expensive proposal does not fit what is left of the budget: skipped, as the results show.
    assert Proposal.objects.filter(call=finished).exclude(pk__in=winners).count() == 1


def test_a_second_run_weeks_later_changes_nothing(site_tree, demo_users):
    today = timezone.localdate()
    seed_budgeting(budgeting_index=site_tree["budgeting"], today=today, users=demo_users)
    before = state()

    seed_budgeting(budgeting_index=site_tree["budgeting"], today=today + 30 * DAY, users=demo_users)

    assert state() == before


def test_the_users_are_found_by_their_usernames_when_not_given(site_tree, demo_users):
    for username, user in demo_users.items():
        user.username = username
        user.save(update_fields=["username"])

    seed_budgeting(budgeting_index=site_tree["budgeting"], today=timezone.localdate())

    assert Proposal.objects.filter(author=demo_users["warga1"]).exists()
