"""Voting in a budgeting call on a 360 px phone: a verified resident ticks proposals that fit the knapsack
budget and casts the ballot; then ticks one more, goes over the budget, is told so with the sum and the
budget, keeps their ticks, and the saved ballot is unchanged."""

import pytest
from playwright.sync_api import expect

from participation.budgeting_ballots import ballot_choice_ids
from participation.budgeting_phases import Phase
from participation.models import BudgetingCallPage, Proposal
from tests import factories
from tests.browser.test_learning_journey_in_browser import assert_fits_and_accessible
from tests.participation import budgeting_factories as budgeting

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def voting_call(wagtail_root):
    site = factories.site_tree(factories.home_page())
    return budgeting.call(
        site,
        phase=Phase.VOTING,
        voting_rule=BudgetingCallPage.VotingRule.KNAPSACK,
        total_budget_rupiah=100_000_000,
        ceiling_rupiah=100_000_000,
    )


def test_a_verified_resident_votes_within_the_budget_and_is_refused_beyond_it(voting_call, live_server, new_tab):
    call = voting_call
    feasible = Proposal.Status.FEASIBLE
    drain = budgeting.proposal(call, title="Drainase RT 03", cost=60_000_000, status=feasible)
    lamp = budgeting.proposal(call, title="Lampu jalan RT 05", cost=30_000_000, status=feasible)
    park = budgeting.proposal(call, title="Taman bermain RT 07", cost=20_000_000, status=feasible)
    voter = budgeting.resident_in_area(verified=True)
    phone = new_tab(voter)

    phone.goto(live_server.url + call.url + "pilih/")
    expect(phone.locator(".ballot-rule")).to_contain_text("Rp 100.000.000")
    assert_fits_and_accessible(phone)

    # Within the budget: 60 + 30 = 90 million of 100.
    phone.locator(f"input[name=proposal][value='{drain.pk}']").check()
    phone.locator(f"input[name=proposal][value='{lamp.pk}']").check()
    phone.locator(".ballot-form button[type=submit]").click()

    expect(phone.locator(".ballot-saved")).to_contain_text("Surat suara Anda tersimpan")
    assert ballot_choice_ids(call=call, user=voter) == {drain.pk, lamp.pk}
    expect(phone.locator(f"input[name=proposal][value='{drain.pk}']")).to_be_checked()
    expect(phone.locator(".ballot-sum")).to_contain_text("Rp 90.000.000")
    assert_fits_and_accessible(phone)

    # One more: 110 million, over the budget. Refused, the ticks kept, the saved ballot unchanged.
    phone.locator(f"input[name=proposal][value='{park.pk}']").check()
    phone.locator(".ballot-form button[type=submit]").click()

    error = phone.locator(".ballot-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("Rp 110.000.000")
    expect(error).to_contain_text("Rp 100.000.000")
    for proposal in (drain, lamp, park):
        expect(phone.locator(f"input[name=proposal][value='{proposal.pk}']")).to_be_checked()
    assert ballot_choice_ids(call=call, user=voter) == {drain.pk, lamp.pk}
    assert_fits_and_accessible(phone)
