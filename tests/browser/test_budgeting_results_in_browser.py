"""A budgeting call's results on a 360 px phone: a resident reads the ranking (online and paper votes, the
winners marked), the rule, the turnout, downloads the CSV and finds the WhatsApp share link; no voter is
named."""

import pytest
from playwright.sync_api import expect

from participation.budgeting_phases import Phase
from participation.models import Ballot, BallotChoice, PaperTally, PollingPlace, Proposal
from tests import factories
from tests.browser.test_learning_journey_in_browser import assert_fits_and_accessible
from tests.participation import budgeting_factories as bf

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def finished_call(wagtail_root):
    tree = factories.site_tree(factories.home_page())
    gunung_bahagia = factories.region_chain()
    call = bf.call(
        tree,
        phase=Phase.RESULTS,
        title="Usulan Warga Balikpapan Selatan 2026",
        total_budget_rupiah=100_000_000,
        ceiling_rupiah=100_000_000,
    )
    feasible = Proposal.Status.FEASIBLE
    drainase = bf.proposal(call, title="Drainase Jl. Mawar RT 05", cost=70_000_000, status=feasible)
    lampu = bf.proposal(call, title="Lampu jalan Gg. Melati", cost=40_000_000, status=feasible)
    taman = bf.proposal(call, title="Taman bacaan RW 02", cost=25_000_000, status=feasible)
    voters = [bf.resident_in_area(f"Pemilih Rahasia {n}") for n in range(8)]
    for n, voter in enumerate(voters):
        ballot = Ballot.objects.create(
            call=call, voter=voter, kelurahan=gunung_bahagia, gender="perempuan" if n % 2 else "laki-laki"
        )
        chosen = [drainase, lampu] if n < 6 else [taman]
        BallotChoice.objects.bulk_create(BallotChoice(ballot=ballot, proposal=p) for p in chosen)
    place = PollingPlace.objects.create(call=call, name="TPS Balai RT 05", kelurahan=gunung_bahagia, ballots_cast=12)
    PaperTally.objects.create(polling_place=place, proposal=drainase, votes=9)
    PaperTally.objects.create(polling_place=place, proposal=lampu, votes=4)
    PaperTally.objects.create(polling_place=place, proposal=taman, votes=3)
    return {"call": call, "voters": voters, "winners": [drainase, taman], "skipped": lampu}


def test_a_resident_reads_the_results_on_a_phone(finished_call, live_server, phone, session_cookie):
    call = finished_call["call"]
    phone.context.add_cookies([session_cookie(finished_call["voters"][0])])
    phone.goto(live_server.url + call.url + call.reverse_subpage("results"))

    assert_fits_and_accessible(phone)
    rows = phone.locator(".results-table tbody tr")
    # Drainase 6 + 9 = 15 (70 of 100: chosen); lampu 6 + 4 = 10 (40 > 30 left: skipped); taman 2 + 3 = 5 (25: chosen).
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("Drainase Jl. Mawar RT 05")
    expect(rows.nth(0)).to_contain_text("15")
    expect(rows.nth(0)).to_have_class("result-chosen")
    expect(rows.nth(1)).to_have_class("result-skipped")
    expect(rows.nth(2)).to_have_class("result-chosen")
    expect(phone.locator(".results-rule")).to_be_visible()
    expect(phone.locator(".turnout-table")).to_be_visible()
    share = phone.locator('a[href^="https://wa.me/?text="]')
    expect(share).to_be_visible()
    assert "hasil" in share.get_attribute("href")

    with phone.expect_download() as download:
        phone.locator(f'a[href$="{call.reverse_subpage("results_csv")}"]').click()
    assert download.value.suggested_filename == f"hasil-{call.slug}.csv"

    body = phone.locator("body").inner_text()
    assert all(
        voter.get_full_name() not in body and voter.username not in body for voter in finished_call["voters"][1:]
    )
