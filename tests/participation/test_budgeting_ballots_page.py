"""The ballot's page at ``…/pilih/`` (participation.budgeting_ballot_views): log in first, the reason for a
resident who may not vote (403), the proposals with their costs and the resident's choices ticked, a plain
POST that saves, changes or withdraws, errors that keep the ticks, never cached, queries bounded."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import AnonymousUser
from django.utils.formats import date_format
from django.utils.timezone import localtime

from participation.budgeting_ballots import ballot_cast, ballot_choice_ids
from participation.budgeting_eligibility import vote_permission
from participation.budgeting_phases import Phase
from participation.models import Ballot, BudgetingCallPage, Proposal
from tests import factories
from tests.participation import budgeting_factories as budgeting

FEASIBLE = Proposal.Status.FEASIBLE


@pytest.fixture
def call(site_tree):
    return budgeting.call(
        site_tree,
        phase=Phase.VOTING,
        voting_rule=BudgetingCallPage.VotingRule.KNAPSACK,
        total_budget_rupiah=100_000_000,
        ceiling_rupiah=100_000_000,
    )


@pytest.fixture
def voter():
    return budgeting.resident_in_area(verified=True)


def ballot_url(call):
    return call.url + call.reverse_subpage("ballot")


def feasible(call, title, cost):
    return budgeting.proposal(call, title=title, cost=cost, status=FEASIBLE)


def ticked_ids(response):
    import re

    html = response.content.decode()
    return {
        int(value)
        for value in re.findall(r'<input type="checkbox" name="proposal" value="(\d+)"[^>]*\bchecked\b', html)
    }


def test_a_visitor_not_logged_in_is_sent_to_log_in_and_back(client, call):
    response = client.get(ballot_url(call))
    assert response.status_code == 302
    assert response["Location"].endswith("?next=" + ballot_url(call))

    response = client.post(ballot_url(call), {"proposal": []})
    assert response.status_code == 302
    assert not Ballot.objects.exists()


def test_a_resident_who_may_not_vote_sees_why_and_nothing_is_stored(client, call):
    proposal = feasible(call, "Drainase RT 03", 30_000_000)
    unverified = budgeting.resident_in_area("Belum Verifikasi")
    client.force_login(unverified)
    reason = vote_permission(call, unverified).reason

    for response in (client.get(ballot_url(call)), client.post(ballot_url(call), {"proposal": [proposal.pk]})):
        assert response.status_code == 403
        assert str(reason) in response.content.decode()
        assert 'data-refusal="not-verified"' in response.content.decode()
    assert not Ballot.objects.exists()


def test_after_voting_closes_the_page_says_so_and_shows_what_the_ballot_chose(client, site_tree, voter):
    call = budgeting.call(site_tree, phase=Phase.VOTING)
    proposal = feasible(call, "Drainase RT 03", 30_000_000)
    ballot_cast(call=call, user=voter, proposal_ids=[proposal.pk])
    closed = budgeting.phase_dates(Phase.COUNTING)
    BudgetingCallPage.objects.filter(pk=call.pk).update(**closed)
    call.refresh_from_db()
    client.force_login(voter)

    response = client.post(ballot_url(call), {"proposal": []})

    assert response.status_code == 403
    assert 'data-refusal="phase-closed"' in response.content.decode()
    assert "Drainase RT 03" in response.content.decode()
    assert ballot_choice_ids(call=call, user=voter) == {proposal.pk}


def test_the_page_lists_the_feasible_proposals_with_costs_and_ticks_the_current_choices(client, call, voter):
    drain, lamp = feasible(call, "Drainase RT 03", 30_000_000), feasible(call, "Lampu jalan RT 05", 20_000_000)
    budgeting.proposal(call, title="Belum ditinjau", status=Proposal.Status.SUBMITTED)
    ballot_cast(call=call, user=voter, proposal_ids=[lamp.pk])
    client.force_login(voter)

    response = client.get(ballot_url(call))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Drainase RT 03" in html and "Lampu jalan RT 05" in html
    assert "Belum ditinjau" not in html
    assert "Rp 30.000.000" in html and "Rp 100.000.000" in html
    assert ticked_ids(response) == {lamp.pk}
    assert drain.pk not in ticked_ids(response)
    assert "ballot-saved" in response.content.decode()
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-cache" in cache_control


def test_a_resident_without_a_ballot_is_not_told_one_is_saved(client, call, voter):
    feasible(call, "Drainase RT 03", 30_000_000)
    client.force_login(voter)

    html = client.get(ballot_url(call)).content.decode()

    assert "ballot-saved" not in html and "ballot-withdraw" not in html
    assert "Kirim surat suara saya" in html


def test_casting_saves_the_ballot_and_says_so(client, call, voter):
    drain, lamp = feasible(call, "Drainase RT 03", 30_000_000), feasible(call, "Lampu jalan RT 05", 20_000_000)
    client.force_login(voter)

    response = client.post(ballot_url(call), {"proposal": [drain.pk, lamp.pk]}, follow=True)

    assert response.redirect_chain == [(ballot_url(call), 302)]
    assert ballot_choice_ids(call=call, user=voter) == {drain.pk, lamp.pk}
    saved = BeautifulSoup(response.content, "html.parser").select_one(".ballot-saved[role=status]")
    changed = localtime(Ballot.objects.get(voter=voter).changed_at)
    assert saved.get_text(" ", strip=True).startswith(
        f"Surat suara Anda tersimpan (terakhir diubah {date_format(changed, 'DATETIME_FORMAT')} WITA)"
    )
    assert ticked_ids(response) == {drain.pk, lamp.pk}
    assert "Rp 50.000.000" in response.content.decode()  # the sum of the choices


def test_a_ballot_over_the_budget_is_refused_keeping_the_ticks_and_the_saved_ballot(client, call, voter):
    drain, lamp = feasible(call, "Drainase RT 03", 60_000_000), feasible(call, "Lampu jalan RT 05", 50_000_000)
    ballot_cast(call=call, user=voter, proposal_ids=[drain.pk])
    client.force_login(voter)

    response = client.post(ballot_url(call), {"proposal": [drain.pk, lamp.pk]})

    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary ballot-error"' in html
    assert "Rp 110.000.000" in html and "Rp 100.000.000" in html
    assert ticked_ids(response) == {drain.pk, lamp.pk}
    assert ballot_choice_ids(call=call, user=voter) == {drain.pk}


def test_a_choice_that_is_not_a_number_is_refused_and_nothing_changes(client, call, voter):
    drain = feasible(call, "Drainase RT 03", 60_000_000)
    ballot_cast(call=call, user=voter, proposal_ids=[drain.pk])
    client.force_login(voter)

    response = client.post(ballot_url(call), {"proposal": ["satu"]})

    assert 'class="error-summary ballot-error"' in response.content.decode()
    assert ballot_choice_ids(call=call, user=voter) == {drain.pk}


def test_sending_no_choice_withdraws_the_ballot(client, call, voter):
    drain = feasible(call, "Drainase RT 03", 60_000_000)
    ballot_cast(call=call, user=voter, proposal_ids=[drain.pk])
    client.force_login(voter)

    response = client.post(ballot_url(call), {}, follow=True)

    assert 'class="message message-success"' in response.content.decode()
    assert not Ballot.objects.filter(voter=voter).exists()


def test_only_get_and_post(client, call, voter):
    client.force_login(voter)
    assert client.put(ballot_url(call)).status_code == 405


def test_the_page_with_thirty_proposals_takes_a_bounded_number_of_queries(
    client, call, voter, django_assert_max_num_queries
):
    proposals = [feasible(call, f"Usulan warga nomor {number}", 1_000_000) for number in range(30)]
    ballot_cast(call=call, user=voter, proposal_ids=[proposal.pk for proposal in proposals[:10]])
    client.force_login(voter)
    client.get(ballot_url(call))  # warm Wagtail's site and locale caches

    with django_assert_max_num_queries(25):
        response = client.get(ballot_url(call))

    assert response.status_code == 200
    assert len(ticked_ids(response)) == 10


def test_anonymous_permission_is_refused_in_the_rule_itself(call):
    assert not vote_permission(call, AnonymousUser())


def test_a_resident_outside_the_area_is_refused(client, call):
    outsider = budgeting.resident_in_area(
        "Orang Luar", kelurahan=factories.region_chain("6471020001", "Klandasan Ilir"), verified=True
    )
    client.force_login(outsider)
    response = client.get(ballot_url(call))
    assert response.status_code == 403
    assert 'data-refusal="outside-area"' in response.content.decode()


def test_under_approval_the_page_shows_the_limit_and_no_budget_sum(client, site_tree, voter):
    call = budgeting.call(
        site_tree, phase=Phase.VOTING, voting_rule=BudgetingCallPage.VotingRule.APPROVAL, approval_limit=4
    )
    first, second = feasible(call, "Drainase RT 03", 30_000_000), feasible(call, "Lampu jalan RT 05", 20_000_000)
    client.force_login(voter)

    response = client.post(ballot_url(call), {"proposal": [first.pk, second.pk]}, follow=True)

    html = response.content.decode()
    assert response.status_code == 200
    assert "4" in BeautifulSoup(html, "html.parser").select_one(".ballot-rule").get_text()
    assert "ballot-sum" not in html
    assert ticked_ids(response) == {first.pk, second.pk}
