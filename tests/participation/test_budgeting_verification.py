"""Verifying residents in person (participation.resident_verification and its counter screen): kelurahan
staff find a resident of their kelurahan (by name, username, e-mail or phone in any form), tick that they
saw the KTP and verify; they withdraw a verification of their kelurahan; both are in the audit log. Staff of
another kelurahan, residents and NGO staff are refused. And the budgeting categories, kept by government
staff only, one in use by a proposal not deletable."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import ModelLogEntry

from organisations.services import GOVERNMENT_STAFF_GROUP
from participation.models import BudgetingCategory, ResidentVerification
from participation.resident_verification import (
    LOG_VERIFY,
    LOG_WITHDRAW,
    VerificationError,
    resident_verification_withdraw,
    resident_verify,
    verifiable_resident_search,
)
from tests import factories
from tests.participation import budgeting_factories as budgeting
from tests.participation.feedback_admin_fixtures import works_in_english

pytestmark = pytest.mark.django_db

INDEX = "resident_verification:index"


@pytest.fixture
def world(db):
    gunung_bahagia = factories.region_chain()
    damai = factories.kelurahan(code="6471010007", name="Damai")
    users = {
        "staff": factories.kelurahan_staff(region=gunung_bahagia),
        "other staff": factories.kelurahan_staff("staf-damai", region=damai),
        **factories.users_with_roles(government=[("government", GOVERNMENT_STAFF_GROUP)]),
    }
    for user in users.values():
        works_in_english(user)
    siti = budgeting.resident_in_area("Siti Rahmawati", phone="+6281234567890", email="siti@contoh.id")
    return {"users": users, "siti": siti, "gunung_bahagia": gunung_bahagia, "damai": damai}


def verify_post(client, user, resident, kelurahan, *, ktp_seen=True):
    client.force_login(user)
    data = {"kelurahan": kelurahan.code, "q": "siti"}
    if ktp_seen:
        data["ktp_seen"] = "on"
    return client.post(reverse("resident_verification:verify", args=[resident.pk]), data)


# --- finding a resident


@pytest.mark.parametrize("query", ["Siti", "rahma", "siti@contoh", "0812-3456-7890", "+62 812 3456 7890", "7890"])
def test_staff_find_a_resident_of_their_kelurahan_by_name_email_or_phone_in_any_form(world, query):
    found = verifiable_resident_search(user=world["users"]["staff"], query=query)
    assert found == [world["siti"]]


def test_staff_find_a_resident_by_username(world):
    found = verifiable_resident_search(user=world["users"]["staff"], query=world["siti"].username)
    assert found == [world["siti"]]


def test_staff_of_another_kelurahan_do_not_find_the_resident(world):
    assert verifiable_resident_search(user=world["users"]["other staff"], query="Siti") == []


def test_government_staff_find_residents_everywhere(world):
    assert verifiable_resident_search(user=world["users"]["government"], query="Siti") == [world["siti"]]


def test_the_screen_lists_what_it_found_with_a_masked_contact_and_a_bounded_query_count(
    client, world, django_assert_max_num_queries
):
    for index in range(5):
        budgeting.resident_in_area(f"Siti Lain {index}", verified=index % 2 == 0)
    client.force_login(world["users"]["staff"])
    client.get(reverse(INDEX), {"q": "Siti"})
    with django_assert_max_num_queries(20):
        response = client.get(reverse(INDEX), {"q": "Siti"})
    page = BeautifulSoup(response.content, "html.parser")
    rows = page.select("tr[data-resident]")
    assert len(rows) == 6
    assert "0812****7890" in response.content.decode()
    assert "+6281234567890" not in response.content.decode()


# --- verifying


def test_staff_verify_a_resident_who_showed_their_ktp(client, world):
    response = verify_post(client, world["users"]["staff"], world["siti"], world["gunung_bahagia"])
    assert response.status_code == 302
    verification = ResidentVerification.objects.get(user=world["siti"])
    assert verification.kelurahan == world["gunung_bahagia"]
    assert verification.verified_by == world["users"]["staff"]
    assert verification.verified_at is not None
    entry = ModelLogEntry.objects.get(action=LOG_VERIFY)
    assert entry.object_id == str(world["siti"].pk)
    assert entry.user == world["users"]["staff"]
    assert entry.data["kelurahan"] == world["gunung_bahagia"].code


def test_without_ticking_the_ktp_nothing_is_verified(client, world):
    response = verify_post(client, world["users"]["staff"], world["siti"], world["gunung_bahagia"], ktp_seen=False)
    assert response.status_code == 302
    assert not ResidentVerification.objects.exists()
    assert not ModelLogEntry.objects.filter(action=LOG_VERIFY).exists()
    with pytest.raises(VerificationError):
        resident_verify(
            resident=world["siti"], kelurahan=world["gunung_bahagia"], by=world["users"]["staff"], ktp_seen=False
        )


def test_staff_cannot_verify_in_a_kelurahan_outside_their_scope(client, world):
    verify_post(client, world["users"]["staff"], world["siti"], world["damai"])
    assert not ResidentVerification.objects.exists()
    with pytest.raises(PermissionDenied):
        resident_verify(resident=world["siti"], kelurahan=world["damai"], by=world["users"]["staff"], ktp_seen=True)


def test_staff_of_another_kelurahan_cannot_verify_the_resident(client, world):
    response = verify_post(client, world["users"]["other staff"], world["siti"], world["damai"])
    assert response.status_code == 404
    assert not ResidentVerification.objects.exists()


def test_a_resident_verified_already_is_not_verified_twice(client, world):
    budgeting.verify(world["siti"], by=world["users"]["government"])
    with pytest.raises(VerificationError):
        resident_verify(
            resident=world["siti"], kelurahan=world["gunung_bahagia"], by=world["users"]["staff"], ktp_seen=True
        )
    assert ResidentVerification.objects.get().verified_by == world["users"]["government"]


def test_government_staff_verify_anywhere(client, world):
    verify_post(client, world["users"]["government"], world["siti"], world["damai"])
    assert ResidentVerification.objects.get(user=world["siti"]).kelurahan == world["damai"]


# --- withdrawing


def test_staff_withdraw_a_verification_of_their_kelurahan_and_it_is_logged(client, world):
    budgeting.verify(world["siti"])
    client.force_login(world["users"]["staff"])
    response = client.post(reverse("resident_verification:withdraw", args=[world["siti"].pk]), {"q": "siti"})
    assert response.status_code == 302
    assert not ResidentVerification.objects.exists()
    entry = ModelLogEntry.objects.get(action=LOG_WITHDRAW)
    assert entry.object_id == str(world["siti"].pk)
    assert entry.user == world["users"]["staff"]


def test_staff_of_another_kelurahan_cannot_withdraw(client, world):
    budgeting.verify(world["siti"])
    client.force_login(world["users"]["other staff"])
    response = client.post(reverse("resident_verification:withdraw", args=[world["siti"].pk]))
    assert response.status_code == 404
    assert ResidentVerification.objects.exists()


def test_a_verification_made_in_another_kelurahan_cannot_be_withdrawn_by_these_staff(world):
    budgeting.verify(world["siti"], kelurahan=world["damai"])
    with pytest.raises(PermissionDenied):
        resident_verification_withdraw(resident=world["siti"], by=world["users"]["staff"])
    assert ResidentVerification.objects.exists()


def test_withdrawing_by_get_is_refused(client, world):
    budgeting.verify(world["siti"])
    client.force_login(world["users"]["staff"])
    assert client.get(reverse("resident_verification:withdraw", args=[world["siti"].pk])).status_code == 405
    assert ResidentVerification.objects.exists()


# --- who opens the screens


def test_a_resident_cannot_open_the_screens(client, world):
    client.force_login(world["siti"])
    for url in (reverse(INDEX), reverse("resident_verification:verify", args=[world["siti"].pk])):
        response = client.get(url)
        assert response.status_code == 302  # no access to the admin: sent to its log-in
    response = client.post(
        reverse("resident_verification:verify", args=[world["siti"].pk]),
        {"kelurahan": world["gunung_bahagia"].code, "ktp_seen": "on"},
    )
    assert response.status_code == 302
    assert not ResidentVerification.objects.exists()


def test_admin_users_who_act_in_no_kelurahan_are_refused(client, world):
    editor = get_user_model().objects.create_user(username="editor", password="x", is_superuser=False)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    for url in (reverse(INDEX), reverse("budgeting_voter_list:index")):
        response = client.get(url)
        # Wagtail's answer to a refusal in its admin: back to its home, with a message.
        assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))


# --- categories


def test_only_government_staff_open_the_budgeting_categories(client, world):
    url = reverse("wagtailsnippets_participation_budgetingcategory:list")
    client.force_login(world["users"]["government"])
    assert client.get(url).status_code == 200
    client.force_login(world["users"]["staff"])
    assert client.get(url).status_code in (302, 403)


def test_a_category_used_by_a_proposal_cannot_be_deleted(client, world, site_tree):
    call = budgeting.call(site_tree)
    category = BudgetingCategory.objects.get(name="Drainase")
    budgeting.proposal(call, category=category)
    client.force_login(world["users"]["government"])
    url = reverse("wagtailsnippets_participation_budgetingcategory:delete", args=[category.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "cannot be deleted" in page.content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert BudgetingCategory.objects.filter(pk=category.pk).exists()


def test_an_unused_category_is_deleted(client, world):
    category = BudgetingCategory.objects.create(name="Sementara")
    client.force_login(world["users"]["government"])
    url = reverse("wagtailsnippets_participation_budgetingcategory:delete", args=[category.pk])
    assert client.post(url).status_code == 302
    assert not BudgetingCategory.objects.filter(pk=category.pk).exists()
