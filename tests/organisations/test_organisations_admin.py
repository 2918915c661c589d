"""Government staff set up organisations and their members in the admin; nobody else may."""

import pytest
from django.urls import reverse

from organisations.models import Membership, Organisation
from organisations.services import (
    GOVERNMENT_STAFF_GROUP,
    REVIEWERS_GROUP,
    content_review_install,
    membership_set,
    organisation_create,
)
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(site_tree):
    content_review_install()
    lestari = organisation_create(name="Yayasan Lingkungan Lestari", slug="lestari", kind="ngo")
    users = {"resident": factories.resident(username="warga")}
    users["author"] = factories.resident(username="penulis")
    membership_set(user=users["author"], organisation=lestari, role=Membership.Role.BOTH)
    users |= factories.users_with_roles(
        government=[("government", GOVERNMENT_STAFF_GROUP), ("reviewer", REVIEWERS_GROUP)]
    )
    return {"lestari": lestari, **users}


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("government", True), ("author", False), ("reviewer", False), ("resident", False), ("anonymous", False)],
)
@pytest.mark.parametrize("url_name", ["organisations:index", "organisations:add", "memberships:add"])
def test_only_government_staff_manage_organisations(client, people, role, allowed, url_name):
    if role != "anonymous":
        client.force_login(people[role])
    response = client.get(reverse(url_name))
    assert (response.status_code == 200) is allowed, response.status_code


def test_a_new_organisation_gets_its_authors_and_facilitators_groups(client, people):
    client.force_login(people["government"])
    response = client.post(
        reverse("organisations:add"),
        {
            "name": "Komunitas Peduli Teluk",
            "slug": "peduli-teluk",
            "kind": "community",
            "contact_email": "halo@teluk.example",
        },
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(slug="peduli-teluk")
    assert organisation.authors_group.name == "Komunitas Peduli Teluk · penulis"
    assert organisation.facilitators_group is not None


def test_a_membership_made_in_the_admin_gives_the_role_its_groups(client, people):
    newcomer = factories.resident(username="baru")
    client.force_login(people["government"])
    response = client.post(
        reverse("memberships:add"),
        {"user": newcomer.pk, "organisation": people["lestari"].pk, "role": Membership.Role.AUTHOR},
    )
    assert response.status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.is_staff
    assert newcomer.groups.filter(pk=people["lestari"].authors_group_id).exists()
    assert not newcomer.groups.filter(pk=people["lestari"].facilitators_group_id).exists()


def test_removing_a_membership_takes_the_groups_away(client, people):
    author = people["author"]
    membership = Membership.objects.get(user=author)
    client.force_login(people["government"])
    response = client.post(reverse("memberships:delete", args=[membership.pk]))
    assert response.status_code == 302
    author.refresh_from_db()
    assert not author.groups.exists()
    assert not author.is_staff


@pytest.mark.parametrize("overseer", ["government", "reviewer"])
def test_those_who_oversee_organisations_cannot_join_one(client, people, overseer):
    client.force_login(people["government"])
    response = client.post(
        reverse("memberships:add"),
        {"user": people[overseer].pk, "organisation": people["lestari"].pk, "role": Membership.Role.AUTHOR},
    )
    assert response.status_code == 200
    assert "tidak dapat bergabung" in response.text
    assert not Membership.objects.filter(user=people[overseer]).exists()


def test_a_membership_keeps_its_person_and_organisation_when_edited(client, people):
    membership = Membership.objects.get(user=people["author"])
    newcomer = factories.resident(username="baru")
    client.force_login(people["government"])
    client.post(
        reverse("memberships:edit", args=[membership.pk]),
        {"user": newcomer.pk, "organisation": people["lestari"].pk, "role": Membership.Role.FACILITATOR},
    )
    membership.refresh_from_db()
    assert membership.user == people["author"]
    assert membership.role == Membership.Role.FACILITATOR
    assert not newcomer.groups.exists()
