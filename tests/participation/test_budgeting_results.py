"""A call's results (participation.budgeting_results): the winner rule with ties and skips, the pools of
a call with budgets per kelurahan, paper tallies and their corrections counted, the page and CSV hidden
until the results are public, only counts shown, and the number of queries with 200 proposals."""

import csv
import datetime
import io
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from participation.budgeting_phases import Phase
from participation.budgeting_results import (
    ResultRow,
    call_results,
    call_turnout,
    choose_winners,
    winning_proposal_ids,
)
from participation.models import Ballot, BallotChoice, PaperTally, PollingPlace, Proposal
from tests import factories
from tests.participation import budgeting_factories as bf

FEASIBLE = Proposal.Status.FEASIBLE
T0 = timezone.make_aware(datetime.datetime(2026, 3, 1, 9, 0))


def row(pk, *, votes, cost, minutes=0):
    proposal = SimpleNamespace(pk=pk, reviewed_cost=cost, submitted_at=T0 + datetime.timedelta(minutes=minutes))
    return ResultRow(proposal=proposal, online=votes, paper=0)


def outcome(rows):
    return [(r.proposal.pk, r.rank, "chosen" if r.chosen else "skipped" if r.skipped else "") for r in rows]


# --- The rule, by hand ---------------------------------------------------------------------------------


def test_winners_in_rank_order_while_they_fit_and_the_next_is_tried_after_a_skip():
    # Budget 100: A (40 votes, 60) fits, 40 left; B (30 votes, 50) does not fit, skipped;
    # C (20 votes, 30) fits, 10 left; D (10 votes, 20) skipped; E (5 votes, 10) fits, 0 left.
    rows = [
        row(1, votes=40, cost=60),
        row(2, votes=30, cost=50),
        row(3, votes=20, cost=30),
        row(4, votes=10, cost=20),
        row(5, votes=5, cost=10),
    ]
    assert outcome(choose_winners(rows, 100)) == [
        (1, 1, "chosen"),
        (2, 2, "skipped"),
        (3, 3, "chosen"),
        (4, 4, "skipped"),
        (5, 5, "chosen"),
    ]


def test_a_tie_goes_to_the_lower_reviewed_cost_then_the_earlier_submission_then_the_record():
    rows = [
        row(1, votes=10, cost=50, minutes=0),
        row(2, votes=10, cost=40, minutes=30),  # cheaper: first
        row(3, votes=10, cost=50, minutes=-5),  # same cost as 1, submitted earlier
        row(5, votes=10, cost=50, minutes=0),  # same cost and time as 1: the later record
    ]
    # Budget 100: 2 (40) fits, 60 left; 3 (50) fits, 10 left; 1 and 5 do not fit.
    assert outcome(choose_winners(rows, 100)) == [
        (2, 1, "chosen"),
        (3, 2, "chosen"),
        (1, 3, "skipped"),
        (5, 4, "skipped"),
    ]


def test_a_proposal_without_a_vote_does_not_win_even_when_budget_is_left():
    rows = [row(1, votes=3, cost=10), row(2, votes=0, cost=10)]
    assert outcome(choose_winners(rows, 100)) == [(1, 1, "chosen"), (2, 2, "")]


def test_a_tie_that_the_budget_splits_gives_the_place_to_the_cheaper():
    # Both have 7 votes; only one fits (budget 70): the cheaper (60) wins, the other (65) is skipped.
    rows = [row(1, votes=7, cost=65), row(2, votes=7, cost=60)]
    assert outcome(choose_winners(rows, 70)) == [(2, 1, "chosen"), (1, 2, "skipped")]


# --- From the database ------------------------------------------------------------------------------


def ballot(call, voter, proposals, *, kelurahan=None, gender=""):
    kelurahan = kelurahan or voter.learner_profile.kelurahan
    made = Ballot.objects.create(call=call, voter=voter, kelurahan=kelurahan, gender=gender)
    BallotChoice.objects.bulk_create(BallotChoice(ballot=made, proposal=p) for p in proposals)
    return made


def tally(place, proposal, votes):
    return PaperTally.objects.create(polling_place=place, proposal=proposal, votes=votes)


@pytest.fixture
def voters(db):
    return [bf.resident_in_area(f"Pemilih {n}") for n in range(6)]


@pytest.mark.django_db
def test_online_and_paper_votes_are_counted_apart_and_together(site_tree, voters):
    call = bf.call(site_tree, phase=Phase.RESULTS, total_budget_rupiah=100_000_000, ceiling_rupiah=100_000_000)
    lampu = bf.proposal(call, title="Lampu jalan RT 01", cost=60_000_000, status=FEASIBLE)
    taman = bf.proposal(call, title="Taman bermain RT 02", cost=50_000_000, status=FEASIBLE)
    bf.proposal(call, title="Belum ditinjau sama sekali", cost=10_000_000)  # not feasible: not counted
    for voter in voters[:3]:
        ballot(call, voter, [lampu, taman])
    ballot(call, voters[3], [taman])
    place = PollingPlace.objects.create(
        call=call, name="TPS Balai RT", kelurahan=factories.region_chain(), ballots_cast=9
    )
    other = PollingPlace.objects.create(
        call=call, name="TPS Masjid", kelurahan=factories.region_chain(), ballots_cast=5
    )
    tally(place, lampu, 2)
    tally(other, lampu, 1)
    tally(place, taman, 5)

    results = call_results(call)

    counts = {r.proposal.title: (r.online, r.paper, r.total, r.rank, r.chosen, r.skipped) for r in results.rows}
    # Taman 4 + 5 = 9 first (50 of 100, chosen); lampu 3 + 3 = 6 (60 > 50 left: skipped).
    assert counts == {
        "Taman bermain RT 02": (4, 5, 9, 1, True, False),
        "Lampu jalan RT 01": (3, 3, 6, 2, False, True),
    }
    assert winning_proposal_ids(call) == {taman.pk}


@pytest.mark.django_db
def test_a_corrected_tally_changes_the_results(site_tree, voters):
    from participation.budgeting_tallies import paper_tallies_save, polling_place_create

    call = bf.call(site_tree, phase=Phase.COUNTING, total_budget_rupiah=60_000_000, ceiling_rupiah=60_000_000)
    a = bf.proposal(call, title="Drainase RT 05", cost=60_000_000, status=FEASIBLE)
    b = bf.proposal(call, title="Penerangan RT 06", cost=60_000_000, status=FEASIBLE)
    ballot(call, voters[0], [a])
    staff = factories.kelurahan_staff()
    place = polling_place_create(
        call=call, by=staff, name="TPS 1", kelurahan=factories.region_chain(), ballots_cast=10
    )
    paper_tallies_save(polling_place=place, by=staff, votes={a.pk: 0, b.pk: 2}, ballots_cast=10)
    assert [r.proposal.pk for r in call_results(call).rows if r.chosen] == [b.pk]
    paper_tallies_save(polling_place=place, by=staff, votes={a.pk: 0, b.pk: 0}, ballots_cast=10, reason="Salah ketik")
    assert [r.proposal.pk for r in call_results(call).rows if r.chosen] == [a.pk]


@pytest.mark.django_db
def test_budgets_per_kelurahan_each_choose_their_own_and_the_rest_share_what_is_left(site_tree, voters):
    gunung_bahagia = factories.region_chain()
    damai = factories.kelurahan(code="6471010007", name="Damai")
    sepinggan = factories.kelurahan(code="6471010008", name="Sepinggan")
    # Total 300: Gunung Bahagia 100, Damai 120; Sepinggan has no budget: 300 - 220 = 80 for it.
    call = bf.call(
        site_tree,
        phase=Phase.RESULTS,
        total_budget_rupiah=300,
        ceiling_rupiah=200,
        kelurahan_budgets=[(gunung_bahagia, 100), (damai, 120)],
    )
    gb_big = bf.proposal(call, title="Gunung Bahagia besar", cost=90, status=FEASIBLE, kelurahan=gunung_bahagia)
    gb_small = bf.proposal(call, title="Gunung Bahagia kecil", cost=20, status=FEASIBLE, kelurahan=gunung_bahagia)
    damai_a = bf.proposal(call, title="Damai pertama", cost=120, status=FEASIBLE, kelurahan=damai)
    sep_big = bf.proposal(call, title="Sepinggan besar", cost=100, status=FEASIBLE, kelurahan=sepinggan)
    sep_small = bf.proposal(call, title="Sepinggan kecil", cost=70, status=FEASIBLE, kelurahan=sepinggan)
    ballot(call, voters[0], [gb_big, gb_small, damai_a, sep_big, sep_small])
    ballot(call, voters[1], [gb_big, sep_big])

    results = call_results(call)

    assert results.per_kelurahan
    pools = {(p.kelurahan.name if p.kelurahan else "rest"): p for p in results.pools}
    assert [p.budget for p in results.pools] == [120, 100, 80]  # Damai, Gunung Bahagia (by name), the rest
    assert [(r.proposal.pk, r.chosen) for r in pools["Gunung Bahagia"].rows] == [
        (gb_big.pk, True),
        (gb_small.pk, False),
    ]
    assert pools["Gunung Bahagia"].rows[1].skipped
    assert [(r.proposal.pk, r.chosen) for r in pools["Damai"].rows] == [(damai_a.pk, True)]
    # Sepinggan besar (2 votes) costs 100 > 80: skipped; Sepinggan kecil (70) fits.
    assert [(r.proposal.pk, r.chosen, r.skipped) for r in pools["rest"].rows] == [
        (sep_big.pk, False, True),
        (sep_small.pk, True, False),
    ]
    assert results.winner_ids == {gb_big.pk, damai_a.pk, sep_small.pk}


@pytest.mark.django_db
def test_winners_are_none_before_the_results_are_public(site_tree, voters):
    call = bf.call(site_tree, phase=Phase.COUNTING)
    proposal = bf.proposal(call, status=FEASIBLE)
    ballot(call, voters[0], [proposal])
    assert call_results(call).winner_ids == {proposal.pk}
    assert winning_proposal_ids(call) == set()


@pytest.mark.django_db
def test_results_count_200_proposals_in_four_queries(site_tree, voters, django_assert_num_queries):
    call = bf.call(site_tree, phase=Phase.RESULTS)
    author = voters[5]
    kelurahan = factories.region_chain()
    category = bf.categories()[0]
    proposals = Proposal.objects.bulk_create(
        Proposal(
            call=call,
            author=author,
            title=f"Usulan nomor {n}",
            description="Deskripsi usulan yang cukup panjang.",
            kelurahan=kelurahan,
            category=category,
            estimated_cost=1_000_000 + n,
            reviewed_cost=1_000_000 + n,
            status=FEASIBLE,
        )
        for n in range(200)
    )
    ballot(call, voters[0], proposals[:50])
    place = PollingPlace.objects.create(call=call, name="TPS", kelurahan=kelurahan, ballots_cast=100)
    PaperTally.objects.bulk_create(PaperTally(polling_place=place, proposal=p, votes=3) for p in proposals[:100])
    with django_assert_num_queries(4):  # proposals, online votes, paper votes, kelurahan budgets
        results = call_results(call)
    assert len(results.rows) == 200
    assert results.rows[0].total == 4


# --- Turnout ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_turnout_hides_small_counts_and_what_would_reveal_them(site_tree):
    call = bf.call(site_tree, phase=Phase.RESULTS)
    gunung_bahagia = factories.region_chain()
    damai = factories.kelurahan(code="6471010007", name="Damai")
    for n in range(7):
        voter = bf.resident_in_area(f"Perempuan {n}")
        Ballot.objects.create(call=call, voter=voter, kelurahan=gunung_bahagia, gender="perempuan")
    for n in range(2):
        voter = bf.resident_in_area(f"Laki {n}")
        Ballot.objects.create(call=call, voter=voter, kelurahan=damai, gender="laki-laki")
    PollingPlace.objects.create(call=call, name="TPS A", kelurahan=gunung_bahagia, ballots_cast=20)

    turnout = call_turnout(call)

    rows = {row.name: row for row in turnout.kelurahan}
    # Damai's 2 online ballots (and so its total) are "<5"; its paper 0 is shown.
    assert rows["Damai"].online.small and rows["Damai"].total.small
    assert rows["Damai"].paper.count == 0
    # The online total (9) less Gunung Bahagia's 7 would give Damai's 2 away: Gunung Bahagia's online
    # count is hidden ("—"), and so is its total (27 - 20 would give the 7 back).
    assert turnout.total.online.count == 9
    assert rows["Gunung Bahagia"].online.hidden and rows["Gunung Bahagia"].total.hidden
    assert rows["Gunung Bahagia"].paper.count == 20
    # By gender, the same: men 2 ("<5"), women 7 hidden, not known 0.
    genders = {row.code: row for row in turnout.genders}
    assert genders["laki-laki"].online.small and genders["perempuan"].online.hidden
    assert genders[""].online.count == 0


# --- The page and the CSV ---------------------------------------------------------------------------


@pytest.fixture
def finished_call(site_tree):
    call = bf.call(
        site_tree,
        phase=Phase.RESULTS,
        total_budget_rupiah=100_000_000,
        ceiling_rupiah=100_000_000,
        title="Usulan Warga 2026",
    )
    voter = bf.resident_in_area("Rahasia Pemilihsatu")
    proposal = bf.proposal(call, title="=Lampu jalan RT 01", cost=60_000_000, status=FEASIBLE)
    bf.proposal(call, title="Taman bermain RT 02", cost=50_000_000, status=FEASIBLE)
    ballot(call, voter, [proposal], gender="perempuan")
    return call, voter


def results_url(call):
    return call.url + call.reverse_subpage("results")


@pytest.mark.django_db
def test_results_page_ranks_marks_the_winner_and_names_no_voter(client, finished_call, django_assert_max_num_queries):
    call, voter = finished_call
    with django_assert_max_num_queries(26):
        response = client.get(results_url(call))
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]
    soup = BeautifulSoup(response.content, "html.parser")
    rows = soup.select(".results-table tbody tr")
    assert [r.th.contents[0].strip() for r in rows] == ["=Lampu jalan RT 01", "Taman bermain RT 02"]
    assert "result-chosen" in rows[0]["class"]
    assert soup.select(".results-rule")
    share = soup.select_one('a[href^="https://wa.me/?text="]')
    assert share is not None and "hasil" in share["href"] and "http" in share["href"]
    text = response.content.decode()
    assert voter.get_full_name() not in text and voter.username not in text


@pytest.mark.django_db
def test_results_csv_has_the_rows_every_cell_safe_and_no_voter(client, finished_call):
    call, voter = finished_call
    response = client.get(call.url + call.reverse_subpage("results_csv"))
    assert response.status_code == 200
    assert f'filename="hasil-{call.slug}.csv"' in response["Content-Disposition"]
    assert "private" in response["Cache-Control"]
    text = response.content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert len(lines) == 3
    assert lines[1][0] == "1" and lines[1][2] == "'=Lampu jalan RT 01"
    assert lines[1][5:9] == ["60000000", "1", "0", "1"]
    assert voter.get_full_name() not in text and voter.username not in text


@pytest.mark.django_db
@pytest.mark.parametrize("phase", [Phase.VOTING, Phase.COUNTING])
def test_results_are_hidden_until_they_are_public(client, site_tree, phase):
    call = bf.call(site_tree, phase=phase, title="Usulan Warga Belum Selesai")
    voter = bf.resident_in_area("Pemilih Awal")
    proposal = bf.proposal(call, title="Lampu jalan RT 09", cost=60_000_000, status=FEASIBLE)
    ballot(call, voter, [proposal])
    response = client.get(results_url(call))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select(".results-pending")
    assert not soup.select(".results-table") and not soup.select(".turnout-table")
    assert "Lampu jalan RT 09" not in response.content.decode()
    assert "private" in response["Cache-Control"]
    assert client.get(call.url + call.reverse_subpage("results_csv")).status_code == 404


@pytest.mark.django_db
def test_results_page_queries_do_not_grow_with_proposals_ballots_and_places(client, finished_call):
    call, _voter = finished_call
    client.get(results_url(call))  # Wagtail's site and locale caches warmed
    with CaptureQueriesContext(connection) as before:
        client.get(results_url(call))
    for n in range(10):
        kelurahan = factories.kelurahan(code=f"64710100{20 + n}", name=f"Kelurahan {n}")
        proposal = bf.proposal(
            call, title=f"Usulan tambahan {n}", cost=1_000_000, status=FEASIBLE, kelurahan=kelurahan
        )
        ballot(call, bf.resident_in_area(f"Pemilih Tambahan {n}", kelurahan=kelurahan), [proposal], gender="laki-laki")
        place = PollingPlace.objects.create(call=call, name=f"TPS {n}", kelurahan=kelurahan, ballots_cast=6)
        tally(place, proposal, 6)
    with CaptureQueriesContext(connection) as after:
        response = client.get(results_url(call))
    assert len(BeautifulSoup(response.content, "html.parser").select(".results-table tbody tr")) == 12
    assert len(after) == len(before)
