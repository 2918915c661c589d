"""Two people saving the same polling place's tallies at once, on PostgreSQL (participation.budgeting_tallies
locks the polling place's row): one enters them; the other, with different numbers and no reason, sees the
first's entry and is asked for a reason. Never two tallies for one proposal, never a lost entry."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from participation.budgeting_phases import Phase
from participation.budgeting_tallies import paper_tallies_save
from participation.models import PaperTally, PaperTallyChange, PollingPlace, Proposal
from tests import factories
from tests.participation import budgeting_factories as bf

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: concurrent transactions")


def test_two_people_entering_one_place_at_once_leave_one_entry_and_ask_the_second_for_a_reason(
    wagtail_root, run_together
):
    tree = factories.site_tree(factories.home_page())
    call = bf.call(tree, phase=Phase.COUNTING)
    proposal = bf.proposal(call, status=Proposal.Status.FEASIBLE)
    gunung_bahagia = factories.region_chain()
    place = PollingPlace.objects.create(call=call, name="TPS 1", kelurahan=gunung_bahagia, ballots_cast=20)
    first = factories.kelurahan_staff(region=gunung_bahagia)
    second = factories.kelurahan_staff(username="staf-kedua", region=gunung_bahagia)

    results = run_together(
        lambda: paper_tallies_save(polling_place=place, by=first, votes={proposal.pk: 7}, ballots_cast=20),
        lambda: paper_tallies_save(polling_place=place, by=second, votes={proposal.pk: 8}, ballots_cast=20),
    )

    assert sorted(type(result).__name__ for result in results) == ["ValidationError", "tuple"]
    refused = next(result for result in results if isinstance(result, ValidationError))
    assert "reason" in refused.message_dict
    tally = PaperTally.objects.get()
    assert tally.votes in (7, 8)
    assert PaperTallyChange.objects.get().votes_after == tally.votes
