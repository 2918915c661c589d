"""The printed voter list of a call's paper vote (participation.budgeting_voter_list and its admin views):
the residents verified in the kelurahan, alphabetical, those with an online ballot in the call marked so
nobody votes twice; only the kelurahan in the staff member's scope; a bounded number of queries."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from organisations.services import GOVERNMENT_STAFF_GROUP
from participation.budgeting_phases import Phase
from participation.models import Ballot
from tests import factories
from tests.participation import budgeting_factories as budgeting
from tests.participation.feedback_admin_fixtures import works_in_english

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(site_tree):
    gunung_bahagia = factories.region_chain()
    damai = factories.kelurahan(code="6471010007", name="Damai")
    # The list is printed for the paper vote, once online voting has closed.
    call = budgeting.call(site_tree, phase=Phase.COUNTING)
    other_call = budgeting.call(site_tree, phase=Phase.COUNTING, title="Usulan Lain")
    users = {
        "staff": factories.kelurahan_staff(region=gunung_bahagia),
        "other staff": factories.kelurahan_staff("staf-damai", region=damai),
        **factories.users_with_roles(government=[("government", GOVERNMENT_STAFF_GROUP)]),
    }
    for user in users.values():
        works_in_english(user)
    residents = {
        name: budgeting.resident_in_area(name, verified=True)
        for name in ("Yusuf Hidayat", "ani Lestari", "Budi Santoso", "Citra Dewi")
    }
    budgeting.resident_in_area("Dodi Belum Terverifikasi")  # not verified: not on the list
    budgeting.resident_in_area("Eka Damai", kelurahan=damai, verified=True)  # another kelurahan's
    Ballot.objects.create(call=call, voter=residents["Budi Santoso"], kelurahan=gunung_bahagia)
    Ballot.objects.create(call=other_call, voter=residents["Citra Dewi"], kelurahan=gunung_bahagia)
    return {
        "call": call,
        "users": users,
        "residents": residents,
        "gunung_bahagia": gunung_bahagia,
        "damai": damai,
    }


def list_url(call, kelurahan):
    return reverse("budgeting_voter_list:print", args=[call.pk, kelurahan.code])


def rows(response):
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return [
        (row.select("td")[1].text.strip(), "voted-online" in (row.get("class") or []))
        for row in page.select("tbody tr[data-user]")
    ]


def test_the_list_holds_the_verified_residents_of_the_kelurahan_alphabetically_with_online_voters_marked(
    client, world
):
    client.force_login(world["users"]["staff"])
    assert rows(client.get(list_url(world["call"], world["gunung_bahagia"]))) == [
        ("ani Lestari", False),
        ("Budi Santoso", True),  # voted online in this call
        ("Citra Dewi", False),  # voted online in another call only
        ("Yusuf Hidayat", False),
    ]


def test_an_online_voter_is_marked_in_words_in_their_row(client, world):
    client.force_login(world["users"]["staff"])
    page = BeautifulSoup(client.get(list_url(world["call"], world["gunung_bahagia"])).content, "html.parser")
    marks = page.select("tr.voted-online .voted-online-mark")
    assert len(marks) == 1
    assert marks[0].text.strip()


def test_the_list_reads_a_bounded_number_of_queries(client, world, django_assert_max_num_queries):
    for index in range(10):
        resident = budgeting.resident_in_area(f"Warga {index}", verified=True)
        if index % 2:
            Ballot.objects.create(call=world["call"], voter=resident, kelurahan=world["gunung_bahagia"])
    client.force_login(world["users"]["staff"])
    url = list_url(world["call"], world["gunung_bahagia"])
    client.get(url)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert len(rows(response)) == 14


def test_staff_of_another_kelurahan_cannot_print_this_kelurahans_list(client, world):
    client.force_login(world["users"]["other staff"])
    assert client.get(list_url(world["call"], world["gunung_bahagia"])).status_code == 404


def test_a_kelurahan_outside_the_calls_area_has_no_list(client, world, site_tree):
    elsewhere = factories.region_chain(village_code="6471020001", village_name="Klandasan Ilir")
    client.force_login(world["users"]["government"])
    assert client.get(list_url(world["call"], elsewhere)).status_code == 404


def test_government_staff_print_any_kelurahans_list(client, world):
    client.force_login(world["users"]["government"])
    assert [name for name, _ in rows(client.get(list_url(world["call"], world["damai"])))] == ["Eka Damai"]


def test_a_resident_cannot_open_the_list(client, world):
    client.force_login(world["residents"]["Budi Santoso"])
    response = client.get(list_url(world["call"], world["gunung_bahagia"]))
    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_the_index_offers_each_call_with_only_the_staff_members_kelurahan(client, world):
    client.force_login(world["users"]["staff"])
    response = client.get(reverse("budgeting_voter_list:index"))
    assert response.status_code == 200
    links = [link["href"] for link in BeautifulSoup(response.content, "html.parser").select("main a[href*='daftar']")]
    assert list_url(world["call"], world["gunung_bahagia"]) in links
    assert list_url(world["call"], world["damai"]) not in links


def test_the_list_is_printed_only_once_online_voting_has_closed(client, world, site_tree):
    """While residents can still vote online, a list printed for the paper vote would miss who votes online
    later: the staff are told when it can be printed, and get no list."""
    voting = budgeting.call(site_tree, phase=Phase.VOTING, title="Masih Memilih")
    client.force_login(world["users"]["staff"])

    response = client.get(list_url(voting, world["gunung_bahagia"]), follow=True)

    assert response.redirect_chain[-1][0] == reverse("budgeting_voter_list:index")
    assert "once online voting has closed" in response.content.decode()
    assert 'data-user="' not in response.content.decode()


def test_a_call_without_verification_lists_the_residents_whose_profile_names_the_kelurahan(client, world, site_tree):
    open_call = budgeting.call(site_tree, phase=Phase.COUNTING, title="Tanpa Verifikasi", require_verified=False)
    Ballot.objects.create(call=open_call, voter=world["residents"]["Yusuf Hidayat"], kelurahan=world["gunung_bahagia"])
    client.force_login(world["users"]["staff"])

    listed = rows(client.get(list_url(open_call, world["gunung_bahagia"])))

    assert ("Dodi Belum Terverifikasi", False) in listed  # not verified, but this call does not ask it
    assert ("Yusuf Hidayat", True) in listed
    assert all(name != "Eka Damai" for name, _voted in listed)  # another kelurahan's resident
