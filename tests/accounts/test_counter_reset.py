"""One-time codes given at a kelurahan office's counter (participation.counter_reset): who may give them,
to whom, that each is audited and works once; the offices the reset page lists (regions.KelurahanOffice)."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts.invitations import invitation_redeem
from accounts.models import AccountInvitation
from demo.offices import seed_offices
from organisations.models import Membership, Organisation
from organisations.services import GOVERNMENT_STAFF_GROUP, organisation_create
from participation.counter_reset import COUNTER_RESET_ACTION, counter_reset_code_issue, counter_resident_search
from participation.kelurahan_staff import participation_permissions_install
from regions.models import KelurahanOffice
from tests import factories

NEW_PASSWORD = "sandi-baru-yang-panjang"
INDEX = "/admin/kode-masuk-ulang/"


@pytest.fixture
def world(site_tree):
    gunung_bahagia = factories.region_chain()
    damai = factories.kelurahan(code="6471010007", name="Damai")
    lestari = organisation_create(name="Yayasan Lingkungan Lestari", slug="lestari", kind="ngo")
    users = {
        "kelurahan staff": factories.kelurahan_staff(region=gunung_bahagia),
        "damai staff": factories.kelurahan_staff("staf-damai", region=damai),
        **factories.users_with_roles(
            members=[("author", lestari, Membership.Role.AUTHOR)], government=[("government", GOVERNMENT_STAFF_GROUP)]
        ),
    }
    participation_permissions_install()
    return {
        "users": users,
        "gunung_bahagia": gunung_bahagia,
        "damai": damai,
        "resident": factories.learner(full_name="Wahyu Saputra", phone="+6281200000003", kelurahan=gunung_bahagia),
        "with email": factories.learner(full_name="Rina Email", email="rina@contoh.id", kelurahan=gunung_bahagia),
    }


def issue_url(user):
    return reverse("counter_reset:issue", args=[user.pk])


def issue(client, user, resident, **data):
    client.force_login(user)
    return client.post(issue_url(resident), {"checked": "on", "q": "0812", **data})


def test_kelurahan_staff_give_a_code_that_is_audited(client, world):
    staff, resident = world["users"]["kelurahan staff"], world["resident"]

    response = issue(client, staff, resident)

    assert response.status_code == 200
    invitation = AccountInvitation.objects.get(user=resident)
    assert invitation.kind == AccountInvitation.Kind.PASSWORD_RESET
    assert invitation.created_by == staff
    assert response.context["code"] in response.content.decode()
    entry = ModelLogEntry.objects.get(action=COUNTER_RESET_ACTION)
    assert (entry.user, entry.object_id, entry.data) == (staff, str(resident.pk), {"kelurahan": "6471010006"})
    assert entry.timestamp is not None
    assert response["Cache-Control"].startswith("max-age=0")


def test_the_code_sets_a_password_once(world):
    code = counter_reset_code_issue(resident=world["resident"], by=world["users"]["kelurahan staff"])

    invitation_redeem(code=code, password=NEW_PASSWORD, password_confirm=NEW_PASSWORD)
    world["resident"].refresh_from_db()
    assert world["resident"].check_password(NEW_PASSWORD)

    with pytest.raises(ValidationError) as refused:
        invitation_redeem(code=code, password="sandi-lain-lagi-123", password_confirm="sandi-lain-lagi-123")
    assert "code" in refused.value.message_dict
    world["resident"].refresh_from_db()
    assert world["resident"].check_password(NEW_PASSWORD)


def test_a_new_code_stops_the_earlier_one(world):
    staff = world["users"]["kelurahan staff"]
    first = counter_reset_code_issue(resident=world["resident"], by=staff)
    counter_reset_code_issue(resident=world["resident"], by=staff)

    with pytest.raises(ValidationError):
        invitation_redeem(code=first, password=NEW_PASSWORD, password_confirm=NEW_PASSWORD)


def test_the_person_must_be_checked_first(client, world):
    response = issue(client, world["users"]["kelurahan staff"], world["resident"], checked="")

    assert response.status_code == 302
    assert not AccountInvitation.objects.exists()
    assert not ModelLogEntry.objects.filter(action=COUNTER_RESET_ACTION).exists()


def test_government_staff_give_codes_in_every_kelurahan(client, world):
    damai_resident = factories.learner(full_name="Nur Damai", phone="+6281200000009", kelurahan=world["damai"])

    response = issue(client, world["users"]["government"], damai_resident)

    assert response.status_code == 200
    assert AccountInvitation.objects.get(user=damai_resident).created_by == world["users"]["government"]


def test_kelurahan_staff_of_another_kelurahan_are_refused(client, world):
    damai_staff, resident = world["users"]["damai staff"], world["resident"]

    assert counter_resident_search(user=damai_staff, query="0812 0000 0003") == []
    assert issue(client, damai_staff, resident).status_code == 404
    with pytest.raises(PermissionDenied):
        counter_reset_code_issue(resident=resident, by=damai_staff)
    assert not AccountInvitation.objects.exists()


@pytest.mark.parametrize("role", ["author", "resident"])
def test_ngo_authors_and_residents_have_no_counter(client, world, role):
    user = world["users"]["author"] if role == "author" else world["with email"]
    client.force_login(user)

    assert client.get(INDEX).status_code in (302, 403)
    assert client.post(issue_url(world["resident"]), {"checked": "on"}).status_code in (302, 403)
    with pytest.raises(PermissionDenied):
        counter_reset_code_issue(resident=world["resident"], by=user)
    assert not AccountInvitation.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    assert client.get(INDEX)["Location"].startswith("/admin/login/")
    assert client.post(issue_url(world["resident"]), {"checked": "on"})["Location"].startswith("/admin/login/")
    assert not AccountInvitation.objects.exists()


def test_a_resident_with_an_email_resets_it_themselves(client, world):
    response = issue(client, world["users"]["kelurahan staff"], world["with email"])

    assert response.status_code == 302
    assert not AccountInvitation.objects.exists()
    with pytest.raises(ValidationError):
        counter_reset_code_issue(resident=world["with email"], by=world["users"]["kelurahan staff"])


def test_staff_accounts_get_no_code_at_the_counter(world):
    with pytest.raises(PermissionDenied):  # no learner profile: not a resident
        counter_reset_code_issue(resident=world["users"]["damai staff"], by=world["users"]["government"])


def _in_government_staff_group(user):
    """Put in the group as Wagtail's Users screen does: staff status stays unset."""
    user.groups.add(Group.objects.get(name=GOVERNMENT_STAFF_GROUP))


def _member_of_an_organisation(user):
    """A membership written without membership_set, so that staff status stays unset."""
    Membership.objects.create(
        user=user, organisation=Organisation.objects.get(slug="lestari"), role=Membership.Role.AUTHOR
    )


@pytest.mark.parametrize("role", [_in_government_staff_group, _member_of_an_organisation])
def test_a_phone_only_resident_holding_a_role_is_neither_found_nor_given_a_code(client, world, role):
    staff, resident = world["users"]["kelurahan staff"], world["resident"]
    role(resident)
    resident.refresh_from_db()
    assert not resident.is_staff

    assert counter_resident_search(user=staff, query="0812 0000 0003") == []
    assert counter_resident_search(user=world["users"]["government"], query="wahyu") == []
    assert issue(client, staff, resident).status_code == 404
    with pytest.raises(ValidationError):
        counter_reset_code_issue(resident=resident, by=staff)
    assert not AccountInvitation.objects.exists()
    assert not ModelLogEntry.objects.filter(action=COUNTER_RESET_ACTION).exists()


@pytest.mark.parametrize("typed", ["0812 0000 0003", "+62 812-0000-0003", "6281200000003", "wahyu"])
def test_the_counter_finds_a_resident_by_phone_in_any_form_or_by_name(client, world, typed):
    client.force_login(world["users"]["kelurahan staff"])

    response = client.get(INDEX, {"q": typed})

    assert response.status_code == 200
    assert [row["user"] for row in response.context["rows"]] == [world["resident"]]
    assert "Wahyu Saputra" in response.content.decode()


# --- Kelurahan offices ---------------------------------------------------------------------------------------


def office(kelurahan, name):
    return KelurahanOffice.objects.create(
        kelurahan=kelurahan, name=name, address="Jl. Contoh No. 1", opening_hours="Senin–Jumat 08.00–15.00 WITA"
    )


def test_the_reset_page_says_where_to_go(client, world):
    office(world["gunung_bahagia"], "Kantor Kelurahan Gunung Bahagia")
    office(world["damai"], "Kantor Kelurahan Damai")

    everything = client.get(reverse("accounts:password_reset")).content.decode()
    chosen = client.get(reverse("accounts:password_reset"), {"kelurahan": "6471010007"}).content.decode()

    assert "Kantor Kelurahan Gunung Bahagia" in everything and "Kantor Kelurahan Damai" in everything
    assert "Senin–Jumat 08.00–15.00 WITA" in everything
    assert "<h2" in chosen and "Kantor Kelurahan Damai</h2>" in chosen
    assert "Gunung Bahagia</h2>" not in chosen


def test_kelurahan_staff_keep_only_their_own_office(client, world):
    own = office(world["gunung_bahagia"], "Kantor Kelurahan Gunung Bahagia")
    other = office(world["damai"], "Kantor Kelurahan Damai")
    client.force_login(world["users"]["kelurahan staff"])

    listing = client.get(reverse("wagtailsnippets_regions_kelurahanoffice:list")).content.decode()
    assert "Kantor Kelurahan Gunung Bahagia" in listing and "Kantor Kelurahan Damai" not in listing
    assert client.get(reverse("wagtailsnippets_regions_kelurahanoffice:edit", args=[own.pk])).status_code == 200
    assert client.get(reverse("wagtailsnippets_regions_kelurahanoffice:edit", args=[other.pk])).status_code == 404
    response = client.post(
        reverse("wagtailsnippets_regions_kelurahanoffice:edit", args=[own.pk]),
        {
            "kelurahan": "6471010007",
            "name": "Kantor pindah",
            "address": "Jl. Lain",
            "opening_hours": "Senin",
            "phone": "",
            "email": "",
        },
    )
    assert response.status_code == 200  # the form again, with the kelurahan refused
    own.refresh_from_db()
    assert own.kelurahan_id == "6471010006"


def test_government_staff_keep_every_office_and_authors_none(client, world):
    office(world["gunung_bahagia"], "Kantor Kelurahan Gunung Bahagia")
    office(world["damai"], "Kantor Kelurahan Damai")
    url = reverse("wagtailsnippets_regions_kelurahanoffice:list")

    client.force_login(world["users"]["government"])
    listing = client.get(url).content.decode()
    assert "Kantor Kelurahan Gunung Bahagia" in listing and "Kantor Kelurahan Damai" in listing

    client.force_login(world["users"]["author"])
    assert client.get(url).status_code in (302, 403)


def test_the_demo_office_is_seeded_once(world):
    seed_offices()
    KelurahanOffice.objects.update(opening_hours="Diubah staf")
    seed_offices()

    assert KelurahanOffice.objects.get().opening_hours == "Diubah staf"
    assert "contoh" in KelurahanOffice.objects.get().address
