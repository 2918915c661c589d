"""Paper ballots (participation.budgeting_tallies and the admin screens of budgeting_tally_views): who may
add polling places and enter tallies, when, corrections only with a reason and their history kept, and
refusals that change nothing."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from organisations.services import GOVERNMENT_STAFF_GROUP
from participation.budgeting_phases import Phase
from participation.budgeting_tallies import (
    LOG_POLLING_PLACE_CREATE,
    paper_tallies_save,
    paper_tally_correct,
    paper_tally_enter,
    polling_place_create,
)
from participation.models import PaperTally, PaperTallyChange, PollingPlace, Proposal
from tests import factories
from tests.participation import budgeting_factories as bf

pytestmark = pytest.mark.django_db
FEASIBLE = Proposal.Status.FEASIBLE


def government_staff(username="pemkot"):
    from organisations.services import government_role_grant

    user = factories.resident(username=username)
    government_role_grant(user=user, group_name=GOVERNMENT_STAFF_GROUP)
    return user


@pytest.fixture
def world(site_tree):
    gunung_bahagia = factories.region_chain()
    damai = factories.kelurahan(code="6471010007", name="Damai")
    call = bf.call(site_tree, phase=Phase.COUNTING)
    lampu = bf.proposal(call, title="Lampu jalan RT 01", status=FEASIBLE)
    taman = bf.proposal(call, title="Taman bermain RT 02", status=FEASIBLE)
    bf.proposal(call, title="Belum ditinjau RT 03")  # not feasible: no tally
    staff = factories.kelurahan_staff(region=gunung_bahagia)
    place = polling_place_create(
        call=call, by=staff, name="TPS Balai Warga", kelurahan=gunung_bahagia, ballots_cast=30
    )
    return {
        "call": call,
        "gunung_bahagia": gunung_bahagia,
        "damai": damai,
        "lampu": lampu,
        "taman": taman,
        "staff": staff,
        "other_staff": factories.kelurahan_staff(username="staf-damai", region=damai),
        "place": place,
    }


def test_first_entry_records_who_and_when_with_an_empty_before(world):
    place, staff = world["place"], world["staff"]
    entered, corrected = paper_tallies_save(
        polling_place=place, by=staff, votes={world["lampu"].pk: 12, world["taman"].pk: 7}, ballots_cast=30
    )
    assert (entered, corrected) == (2, 0)
    tally = PaperTally.objects.get(polling_place=place, proposal=world["lampu"])
    assert tally.votes == 12 and tally.entered_by == staff and tally.entered_at is not None
    change = tally.changes.get()
    assert (change.votes_before, change.votes_after, change.changed_by, change.reason) == (None, 12, staff, "")
    assert ModelLogEntry.objects.filter(action=LOG_POLLING_PLACE_CREATE, object_id=str(place.pk)).exists()


def test_a_correction_needs_a_reason_and_keeps_the_history(world):
    place, staff, lampu = world["place"], world["staff"], world["lampu"]
    paper_tally_enter(polling_place=place, proposal=lampu, votes=12, by=staff)
    tally = PaperTally.objects.get(polling_place=place, proposal=lampu)
    with pytest.raises(ValidationError) as refused:
        paper_tally_correct(tally=tally, votes=21, reason="  ", by=staff)
    assert "reason" in refused.value.message_dict
    tally.refresh_from_db()
    assert tally.votes == 12 and tally.changes.count() == 1

    government = government_staff()
    paper_tally_correct(tally=tally, votes=21, reason="Angka tertukar di formulir C1", by=government)
    tally.refresh_from_db()
    assert tally.votes == 21
    assert tally.entered_by == staff  # who entered it first stays
    assert [(c.votes_before, c.votes_after, c.reason, c.changed_by) for c in tally.changes.all()] == [
        (None, 12, "", staff),
        (12, 21, "Angka tertukar di formulir C1", government),
    ]


def test_same_numbers_again_are_no_correction(world):
    votes = {world["lampu"].pk: 3, world["taman"].pk: 4}
    paper_tallies_save(polling_place=world["place"], by=world["staff"], votes=votes, ballots_cast=30)
    assert paper_tallies_save(polling_place=world["place"], by=world["staff"], votes=votes, ballots_cast=30) == (0, 0)
    assert PaperTallyChange.objects.count() == 2


def test_staff_of_another_kelurahan_and_a_resident_are_refused_and_nothing_changes(world):
    resident = bf.resident_in_area("Warga Biasa")
    for user in (world["other_staff"], resident):
        with pytest.raises(PermissionDenied):
            paper_tallies_save(polling_place=world["place"], by=user, votes={world["lampu"].pk: 5}, ballots_cast=30)
        with pytest.raises(PermissionDenied):
            polling_place_create(call=world["call"], by=user, name="TPS Lain", kelurahan=world["gunung_bahagia"])
    assert not PaperTally.objects.exists()
    assert PollingPlace.objects.count() == 1


def test_government_staff_enter_tallies_in_any_kelurahan(world):
    government = government_staff()
    place = polling_place_create(call=world["call"], by=government, name="TPS Damai", kelurahan=world["damai"])
    assert paper_tallies_save(polling_place=place, by=government, votes={world["lampu"].pk: 0}, ballots_cast=4) == (
        1,
        0,
    )


@pytest.mark.parametrize("phase", [Phase.REVIEW, Phase.RESULTS, Phase.FOLLOW_UP])
def test_nothing_is_entered_or_changed_outside_voting_and_counting(site_tree, phase):
    gunung_bahagia = factories.region_chain()
    call = bf.call(site_tree, phase=phase)
    proposal = bf.proposal(call, status=FEASIBLE)
    staff = factories.kelurahan_staff(region=gunung_bahagia)
    place = PollingPlace.objects.create(call=call, name="TPS", kelurahan=gunung_bahagia, ballots_cast=10)
    with pytest.raises(ValidationError):
        paper_tallies_save(polling_place=place, by=staff, votes={proposal.pk: 5}, ballots_cast=10)
    with pytest.raises(ValidationError):
        polling_place_create(call=call, by=staff, name="TPS Baru", kelurahan=gunung_bahagia)
    assert not PaperTally.objects.exists() and PollingPlace.objects.count() == 1


def test_bad_numbers_are_refused_whole(world):
    place, staff = world["place"], world["staff"]
    with pytest.raises(ValidationError) as refused:
        paper_tallies_save(
            polling_place=place, by=staff, votes={world["lampu"].pk: 5, world["taman"].pk: 31}, ballots_cast=30
        )
    assert f"votes_{world['taman'].pk}" in refused.value.message_dict
    assert not PaperTally.objects.exists()


def test_a_polling_place_outside_the_call_area_or_named_twice_is_refused(world):
    outside = factories.kelurahan(code="6471020001", name="Klandasan Ilir", kecamatan="Balikpapan Kota")
    government = government_staff()
    with pytest.raises(ValidationError) as refused:
        polling_place_create(call=world["call"], by=government, name="TPS Kota", kelurahan=outside)
    assert "kelurahan" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        polling_place_create(call=world["call"], by=government, name="tps balai warga", kelurahan=world["damai"])
    assert "name" in refused.value.message_dict


# --- The screens ---------------------------------------------------------------------------------------


def place_url(place):
    return reverse("budgeting_tallies:place", args=[place.pk])


def test_staff_save_the_form_and_see_the_history(client, world):
    client.force_login(world["staff"])
    lampu, taman = world["lampu"], world["taman"]
    response = client.post(
        place_url(world["place"]), {"ballots_cast": 30, f"votes_{lampu.pk}": 12, f"votes_{taman.pk}": 9, "reason": ""}
    )
    assert response.status_code == 302
    response = client.post(
        place_url(world["place"]), {"ballots_cast": 30, f"votes_{lampu.pk}": 13, f"votes_{taman.pk}": 9, "reason": ""}
    )
    assert response.status_code == 400
    assert PaperTally.objects.get(proposal=lampu).votes == 12
    client.post(
        place_url(world["place"]),
        {"ballots_cast": 30, f"votes_{lampu.pk}": 13, f"votes_{taman.pk}": 9, "reason": "Salah hitung"},
    )
    assert PaperTally.objects.get(proposal=lampu).votes == 13
    response = client.get(place_url(world["place"]))
    history = BeautifulSoup(response.content, "html.parser").select(".budgeting-tally-history tbody tr")
    assert len(history) == 3
    assert "Salah hitung" in history[0].get_text()


def test_screens_refuse_other_kelurahan_and_residents(client, world):
    client.force_login(world["other_staff"])
    assert client.get(place_url(world["place"])).status_code == 404
    assert client.post(place_url(world["place"]), {"ballots_cast": 30}).status_code == 404
    listing = client.get(reverse("budgeting_tallies:call", args=[world["call"].pk]))
    assert "TPS Balai Warga" not in listing.content.decode()
    client.force_login(bf.resident_in_area("Warga Biasa"))
    assert client.get(place_url(world["place"])).status_code == 302  # no admin access: to its log-in
    assert not PaperTally.objects.exists()


def test_staff_add_a_polling_place_from_the_call_screen(client, world):
    client.force_login(world["staff"])
    url = reverse("budgeting_tallies:call", args=[world["call"].pk])
    response = client.post(url, {"name": "TPS Masjid", "kelurahan": world["gunung_bahagia"].pk, "ballots_cast": 4})
    assert response.status_code == 302
    assert PollingPlace.objects.filter(name="TPS Masjid", kelurahan=world["gunung_bahagia"]).exists()
    # Damai is not theirs: not among the choices.
    response = client.post(url, {"name": "TPS Damai", "kelurahan": world["damai"].pk, "ballots_cast": 4})
    assert response.status_code == 400
    assert not PollingPlace.objects.filter(name="TPS Damai").exists()


def test_the_screens_list_in_a_constant_number_of_queries(client, world, django_assert_max_num_queries):
    government = government_staff()
    client.force_login(government)
    for n in range(10):
        place = PollingPlace.objects.create(
            call=world["call"], name=f"TPS {n}", kelurahan=world["damai"], ballots_cast=9
        )
        paper_tallies_save(polling_place=place, by=government, votes={world["lampu"].pk: n}, ballots_cast=9)
    with django_assert_max_num_queries(30):
        assert client.get(reverse("budgeting_tallies:call", args=[world["call"].pk])).status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get(place_url(place)).status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get(reverse("budgeting_tallies:index")).status_code == 200


def test_the_call_editor_offers_its_paper_ballots(client, world):
    client.force_login(government_staff())
    response = client.get(reverse("wagtailadmin_pages:edit", args=[world["call"].pk]))
    assert reverse("budgeting_tallies:call", args=[world["call"].pk]) in response.content.decode()
