"""Data rights cover participatory budgeting (participation.budgeting_privacy): the download holds a resident's
proposals, their own ballots with the proposals they chose, and their verification (not who verified them);
deleting the account keeps their proposals without an author, deletes a ballot while voting is open, keeps one
cast in a closed vote without its voter (the counts stay), and deletes the verification."""

import json

import pytest

from participation import budgeting_privacy
from participation.budgeting_phases import Phase
from participation.budgeting_privacy import budgeting_personal_data
from participation.models import Ballot, BallotChoice, Proposal, ResidentVerification
from privacy.services import erase_resident
from tests import factories
from tests.participation import budgeting_factories as bf
from tests.privacy.test_suara_warga_data_rights import download, heading, read_csv

pytestmark = pytest.mark.django_db


def ballot(call, voter, proposals):
    cast = Ballot.objects.create(
        call=call, voter=voter, kelurahan=voter.learner_profile.kelurahan, gender=voter.learner_profile.gender
    )
    for proposal in proposals:
        BallotChoice.objects.create(ballot=cast, proposal=proposal)
    return cast


@pytest.fixture
def world(site_tree):
    staff = factories.kelurahan_staff()
    resident = bf.resident_in_area("Rusmini Saputri", verified=False)
    bf.verify(resident, by=staff)
    voting = bf.call(site_tree, phase=Phase.VOTING, title="Usulan Warga 2027", slug="usulan-2027")
    closed = bf.call(site_tree, phase=Phase.RESULTS, title="Usulan Warga 2026", slug="usulan-2026")
    mine = bf.proposal(
        closed, author=resident, title="Lampu jalan RT 05", status=Proposal.Status.FEASIBLE, rt="005", rw="002"
    )
    mine.photo = "penganggaran/2026/01/lampu.jpg"
    mine.save(update_fields=["photo"])
    others_closed = bf.proposal(closed, title="Drainase RT 07", status=Proposal.Status.FEASIBLE)
    others_voting = bf.proposal(voting, title="Taman RT 09", status=Proposal.Status.FEASIBLE)
    someone_else = bf.resident_in_area("Budi Santoso", verified=True)
    return {
        "staff": staff,
        "resident": resident,
        "someone_else": someone_else,
        "voting": voting,
        "closed": closed,
        "mine": mine,
        "others_closed": others_closed,
        "others_voting": others_voting,
        "closed_ballot": ballot(closed, resident, [mine, others_closed]),
        "open_ballot": ballot(voting, resident, [others_voting]),
        "others_ballot": ballot(closed, someone_else, [others_closed]),
    }


def test_the_download_holds_the_residents_proposals_ballots_and_verification(client, world):
    archive = download(client, world["resident"])

    data = json.loads(archive.read("data.json"))
    assert [row["title"] for row in data["budgeting_proposals"]] == ["Lampu jalan RT 05"]
    assert data["budgeting_proposals"][0]["call"] == "Usulan Warga 2026"
    assert {row["call"]: sorted(row["chosen"]) for row in data["budgeting_ballots"]} == {
        "Usulan Warga 2026": ["Drainase RT 07", "Lampu jalan RT 05"],
        "Usulan Warga 2027": ["Taman RT 09"],
    }
    assert data["budgeting_verification"]["verified"] is True
    assert data["budgeting_verification"]["kelurahan"] == "Gunung Bahagia"
    # Not who verified them: the staff member's name is theirs, not the resident's.
    assert "Staf" not in json.dumps(data["budgeting_verification"])

    proposals = read_csv(archive, "usulan-anggaran.csv")
    assert [row[heading("title")] for row in proposals] == ["Lampu jalan RT 05"]
    assert proposals[0][heading("call")] == "Usulan Warga 2026"
    assert proposals[0][heading("submitted_at")]
    assert proposals[0][heading("status")]
    ballots = read_csv(archive, "suara-anggaran.csv")
    assert sorted((row[heading("call")], row[heading("proposal_chosen")]) for row in ballots) == [
        ("Usulan Warga 2026", "Drainase RT 07"),
        ("Usulan Warga 2026", "Lampu jalan RT 05"),
        ("Usulan Warga 2027", "Taman RT 09"),
    ]
    [verification] = read_csv(archive, "verifikasi-warga.csv")
    assert verification[heading("kelurahan")] == "Gunung Bahagia"
    assert verification[heading("verified_at")]
    assert "usulan-anggaran.csv" in archive.read("BACA-SAYA.txt").decode()


def test_another_residents_ballot_is_never_in_the_download(client, world):
    """Who voted for what is only ever in the voter's own download."""
    archive = download(client, world["someone_else"])

    data = json.loads(archive.read("data.json"))
    assert [sorted(row["chosen"]) for row in data["budgeting_ballots"]] == [["Drainase RT 07"]]
    assert data["budgeting_proposals"] == []
    assert len(read_csv(archive, "suara-anggaran.csv")) == 1


def test_a_resident_without_budgeting_records_gets_empty_tables(client, site_tree):
    resident = bf.resident_in_area("Warga Baru")

    archive = download(client, resident)

    data = json.loads(archive.read("data.json"))
    assert data["budgeting_proposals"] == [] and data["budgeting_ballots"] == []
    assert data["budgeting_verification"] == {"verified": False, "kelurahan": None, "verified_at": None}
    assert read_csv(archive, "usulan-anggaran.csv") == []
    assert read_csv(archive, "suara-anggaran.csv") == []


def test_a_title_that_a_spreadsheet_would_run_is_written_as_text(client, world):
    Proposal.objects.filter(pk=world["mine"].pk).update(title="=HYPERLINK(1)")

    archive = download(client, world["resident"])

    assert read_csv(archive, "usulan-anggaran.csv")[0][heading("title")] == "'=HYPERLINK(1)"


def test_erasure_keeps_the_proposals_and_their_photo_without_an_author(world):
    erase_resident(user=world["resident"])

    world["mine"].refresh_from_db()
    assert world["mine"].author is None
    assert world["mine"].title == "Lampu jalan RT 05"
    assert world["mine"].photo.name == "penganggaran/2026/01/lampu.jpg"


def test_erasure_deletes_a_ballot_while_voting_is_open(world):
    erase_resident(user=world["resident"])

    assert not Ballot.objects.filter(pk=world["open_ballot"].pk).exists()
    assert not BallotChoice.objects.filter(proposal=world["others_voting"]).exists()


def test_erasure_keeps_a_ballot_of_a_closed_vote_without_its_voter(world):
    before = BallotChoice.objects.filter(proposal=world["others_closed"]).count()

    erase_resident(user=world["resident"])

    kept = Ballot.objects.get(pk=world["closed_ballot"].pk)
    assert kept.voter is None
    assert kept.choices.count() == 2
    assert BallotChoice.objects.filter(proposal=world["others_closed"]).count() == before
    assert Ballot.objects.get(pk=world["others_ballot"].pk).voter == world["someone_else"]


def test_erasure_on_the_last_day_of_voting_deletes_the_ballot(world):
    call = world["voting"]
    budgeting_privacy.budgeting_of_resident_erase(user=world["resident"], today=call.voting_close)

    assert not Ballot.objects.filter(pk=world["open_ballot"].pk).exists()
    assert Ballot.objects.get(pk=world["closed_ballot"].pk).voter is None


def test_erasure_deletes_the_verification(world):
    erase_resident(user=world["resident"])

    assert not ResidentVerification.objects.filter(user=world["resident"]).exists()
    assert ResidentVerification.objects.filter(user=world["someone_else"]).exists()


def test_the_erased_residents_download_holds_no_budgeting_record(client, world):
    erased = erase_resident(user=world["resident"])

    assert budgeting_personal_data(erased) == {
        "budgeting_proposals": [],
        "budgeting_ballots": [],
        "budgeting_verification": {"verified": False, "kelurahan": None, "verified_at": None},
    }
