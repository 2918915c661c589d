"""Giving and withdrawing the kelurahan staff role ("Participation → Kelurahan staff"), where it reaches, and the
groups' permissions kept in place on every site.

Who may open these screens at all is in test_kelurahan_staff_access.py's matrix; here, what government
staff see and what the database holds after each step, refusals included.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.html import escape
from wagtail.models import GroupPagePermission, ModelLogEntry, PagePermissionTester

from organisations.models import GOVERNMENT_STAFF_GROUP
from organisations.services import content_review_install, government_role_grant
from participation.kelurahan_staff import (
    AssignmentError,
    kelurahan_staff_grant,
    kelurahan_staff_withdraw,
    participation_permissions_install,
)
from participation.models import KELURAHAN_STAFF_GROUP, ForumIndexPage, ForumPage, KelurahanStaffAssignment
from participation.page_permissions import NothingAllowed
from participation.scope import forum_pages_in_kelurahan_scope, kelurahan_scope
from regions.models import Region
from tests import factories

pytestmark = pytest.mark.django_db


def said(message, **params):
    """A message as the admin shows it: in Indonesian (the catalogue's translation once it has one), escaped."""
    with translation.override("id"):
        return escape(translation.gettext(message) % params)


@pytest.fixture
def regions():
    """Balikpapan Selatan with Gunung Bahagia and Damai; Balikpapan Timur with Manggar; a kecamatan whose
    kelurahan were never imported."""
    gunung_bahagia = factories.region_chain()
    return {
        "gunung_bahagia": gunung_bahagia,
        "damai": factories.kelurahan(code="6471010007", name="Damai"),
        "manggar": factories.kelurahan(code="6471020001", name="Manggar", kecamatan="Balikpapan Timur"),
        "selatan": gunung_bahagia.parent,
        "empty": Region.objects.create(
            code="6471099", name="Kecamatan Kosong", level=Region.Level.DISTRICT, parent=gunung_bahagia.parent.parent
        ),
        "city": gunung_bahagia.parent.parent,
    }


@pytest.fixture
def government(db):
    user = factories.resident(username="pemkot")
    user.first_name = "Bu Pemkot"
    user.save()
    government_role_grant(user=user, group_name=GOVERNMENT_STAFF_GROUP)
    return user


def account(username="budi", **fields):
    return get_user_model().objects.create_user(
        username=username, password="kata-sandi-rahasia", first_name=fields.pop("first_name", "Budi"), **fields
    )


def give(client, *, identifier, region):
    return client.post(reverse("kelurahan_staff:add"), {"account": identifier, "region": region.pk})


# --- Giving the role ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "identifier", ["budi", "budi@example.org", "0812 3456 7890"], ids=["username", "email", "phone"]
)
def test_government_staff_give_the_role_to_an_account_named_as_it_logs_in(client, government, regions, identifier):
    budi = account(email="budi@example.org", phone="+6281234567890")
    client.force_login(government)

    response = give(client, identifier=identifier, region=regions["gunung_bahagia"])

    assert response.status_code == 302
    assignment = KelurahanStaffAssignment.objects.get()
    assert (assignment.user, assignment.region, assignment.granted_by) == (budi, regions["gunung_bahagia"], government)
    budi.refresh_from_db()
    assert budi.groups.filter(name=KELURAHAN_STAFF_GROUP).exists()
    assert budi.is_staff
    assert ModelLogEntry.objects.filter(action="sekolah_warga.kelurahan_staff_grant", user=government).count() == 1
    followed = client.get(response.url)
    assert (
        said(
            "%(person)s is now kelurahan staff of %(region)s.",
            person="Budi (budi)",
            region=said(
                "%(kelurahan)s, Kecamatan %(kecamatan)s", kelurahan="Gunung Bahagia", kecamatan="Balikpapan Selatan"
            ),
        )
        in followed.text
    )


def test_the_region_choices_are_the_citys_kecamatan_each_followed_by_its_kelurahan(client, government, regions):
    Region.objects.create(code="6472010001", name="Di Kota Lain", level=Region.Level.VILLAGE)
    client.force_login(government)

    response = client.get(reverse("kelurahan_staff:add"))

    labels = [label for _value, label in response.context["form"].fields["region"].choices][1:]
    kelurahan = said("%(kelurahan)s, Kecamatan %(kecamatan)s", kelurahan="%s", kecamatan="%s")
    kecamatan = said("Kecamatan %(kecamatan)s (all its kelurahan)", kecamatan="%s")
    assert [escape(label) for label in labels] == [
        kecamatan % "Balikpapan Selatan",
        kelurahan % ("Gunung Bahagia", "Balikpapan Selatan"),
        kelurahan % ("Damai", "Balikpapan Selatan"),
        kecamatan % "Balikpapan Timur",
        kelurahan % ("Manggar", "Balikpapan Timur"),
        kecamatan % "Kecamatan Kosong",
    ]


@pytest.mark.parametrize(
    ("case", "field", "message"),
    [
        ("no such account", "account", "No active account has this username, e-mail address or phone number."),
        ("inactive account", "account", "No active account has this username, e-mail address or phone number."),
        ("government staff", "account", "%(user)s already acts in participation everywhere."),
        ("superuser", "account", "%(user)s already acts in participation everywhere."),
        ("twice", "region", "%(user)s is already kelurahan staff of %(region)s."),
        ("kecamatan without kelurahan", "region", "Kecamatan %(region)s has no kelurahan in the list of regions."),
        ("the city", "region", "Choose a kelurahan or a kecamatan of the city."),
    ],
)
def test_a_refused_grant_says_why_and_saves_nothing(client, government, regions, case, field, message):
    budi = account(is_active=case != "inactive account")
    region = regions["gunung_bahagia"]
    if case == "government staff":
        government_role_grant(user=budi, group_name=GOVERNMENT_STAFF_GROUP)
    elif case == "superuser":
        budi.is_superuser = True
        budi.save()
    elif case == "twice":
        kelurahan_staff_grant(user=budi, region=region, by=government)
    elif case == "kecamatan without kelurahan":
        region = regions["empty"]
    elif case == "the city":
        region = regions["city"]
    before = KelurahanStaffAssignment.objects.count()
    client.force_login(government)

    response = give(client, identifier="budi" if case != "no such account" else "tidak-ada", region=region)

    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert [escape(error) for error in errors] == [said(message, user="budi", region=region.name)]
    assert KelurahanStaffAssignment.objects.count() == before
    if case != "twice":
        assert not budi.groups.filter(name=KELURAHAN_STAFF_GROUP).exists()


def test_the_service_refuses_a_region_that_is_no_kelurahan_or_kecamatan(regions):
    with pytest.raises(AssignmentError) as refused:
        kelurahan_staff_grant(user=account(), region=regions["city"])

    assert refused.value.field == "region"
    assert not KelurahanStaffAssignment.objects.exists()


# --- The listing -------------------------------------------------------------------------------------------


def test_the_listing_shows_who_is_staff_where_given_and_withdrawn_by_whom(client, government, regions):
    budi, sari = account("budi"), account("sari", first_name="Sari")
    kelurahan_staff_grant(user=budi, region=regions["gunung_bahagia"], by=government)
    withdrawn = kelurahan_staff_grant(user=sari, region=regions["selatan"], by=government)
    kelurahan_staff_withdraw(assignment=withdrawn, by=government)
    client.force_login(government)

    response = client.get(reverse("kelurahan_staff:index"))

    rows = {row.user.username: row for row in response.context["object_list"]}
    assert set(rows) == {"budi", "sari"}
    text = response.text
    assert "Budi (budi)" in text and "Sari (sari)" in text
    assert said("Kecamatan %(kecamatan)s (all its kelurahan)", kecamatan="Balikpapan Selatan") in text
    assert "Bu Pemkot (pemkot)" in text
    assert reverse("kelurahan_staff:withdraw", args=[rows["budi"].pk]) in text
    assert reverse("kelurahan_staff:withdraw", args=[withdrawn.pk]) not in text
    in_force = client.get(reverse("kelurahan_staff:index") + "?in_force=true")
    assert [row.user.username for row in in_force.context["object_list"]] == ["budi"]


def test_the_listing_costs_the_same_queries_for_more_assignments(
    client, government, regions, django_assert_num_queries
):
    client.force_login(government)
    for number in range(3):
        kelurahan_staff_grant(user=account(f"staf{number}"), region=regions["gunung_bahagia"], by=government)
    client.get(reverse("kelurahan_staff:index"))
    with CaptureQueriesContext(connection) as before:
        client.get(reverse("kelurahan_staff:index"))
    for number in range(3, 8):
        kelurahan_staff_grant(user=account(f"staf{number}"), region=regions["damai"], by=government)

    with django_assert_num_queries(len(before.captured_queries)):
        response = client.get(reverse("kelurahan_staff:index"))

    assert len(response.context["object_list"]) == 8


@pytest.mark.parametrize("view", ["edit", "delete", "copy", "inspect", "usage"])
def test_an_assignment_is_never_edited_copied_or_deleted(view):
    with pytest.raises(NoReverseMatch):
        reverse(f"kelurahan_staff:{view}", args=[1])


# --- Withdrawing -------------------------------------------------------------------------------------------


def test_withdrawing_asks_first_then_the_person_leaves_the_group(client, government, regions):
    budi = account()
    assignment = kelurahan_staff_grant(user=budi, region=regions["gunung_bahagia"], by=government)
    client.force_login(government)
    url = reverse("kelurahan_staff:withdraw", args=[assignment.pk])

    asked = client.get(url)
    assert asked.status_code == 200
    assignment.refresh_from_db()
    assert assignment.withdrawn_at is None

    response = client.post(url)

    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.withdrawn_at is not None and assignment.withdrawn_by == government
    budi.refresh_from_db()
    assert not budi.groups.filter(name=KELURAHAN_STAFF_GROUP).exists()
    assert not budi.is_staff
    assert kelurahan_scope(get_user_model().objects.get(pk=budi.pk)) == frozenset()
    assert ModelLogEntry.objects.filter(action="sekolah_warga.kelurahan_staff_withdraw", user=government).exists()


def test_withdrawing_one_of_two_assignments_keeps_the_person_in_the_group(government, regions):
    budi = account()
    first = kelurahan_staff_grant(user=budi, region=regions["gunung_bahagia"], by=government)
    kelurahan_staff_grant(user=budi, region=regions["manggar"], by=government)

    kelurahan_staff_withdraw(assignment=first, by=government)

    budi = get_user_model().objects.get(pk=budi.pk)
    assert budi.groups.filter(name=KELURAHAN_STAFF_GROUP).exists()
    assert kelurahan_scope(budi) == {"6471020001"}


def test_withdrawing_again_says_it_was_already_withdrawn(client, government, regions):
    assignment = kelurahan_staff_grant(user=account(), region=regions["gunung_bahagia"], by=government)
    kelurahan_staff_withdraw(assignment=assignment, by=government)
    client.force_login(government)

    response = client.post(reverse("kelurahan_staff:withdraw", args=[assignment.pk]), follow=True)

    assert said("This role was already withdrawn.") in response.text
    assert ModelLogEntry.objects.filter(action="sekolah_warga.kelurahan_staff_withdraw").count() == 1


def test_the_history_shows_who_gave_and_withdrew_the_role(client, government, regions):
    assignment = kelurahan_staff_grant(user=account(), region=regions["gunung_bahagia"], by=government)
    kelurahan_staff_withdraw(assignment=assignment, by=government)
    client.force_login(government)

    response = client.get(reverse("kelurahan_staff:history", args=[assignment.pk]))

    assert response.status_code == 200
    with translation.override("id"):
        given, withdrawn = (
            translation.gettext("Kelurahan staff role given"),
            translation.gettext("Kelurahan staff role withdrawn"),
        )
    assert escape(given) in response.text and escape(withdrawn) in response.text


# --- Where the role reaches --------------------------------------------------------------------------------


def test_a_kecamatan_wide_assignment_reaches_every_kelurahan_in_it_and_no_other(site_tree, regions):
    staff = factories.kelurahan_staff("staf-selatan", region=regions["selatan"])
    forums = {
        name: factories.forum_page(site_tree["forums"], title=f"Rembuk {name}", kelurahan=regions[name])
        for name in ("gunung_bahagia", "damai", "manggar")
    }

    assert kelurahan_scope(staff) == {"6471010006", "6471010007"}
    for name, allowed in [("gunung_bahagia", True), ("damai", True), ("manggar", False)]:
        forum = ForumPage.objects.get(pk=forums[name].pk)
        assert forum.permissions_for_user(staff).can_edit() is allowed, name
    explorable = forum_pages_in_kelurahan_scope(ForumPage.objects.all(), staff)
    assert set(explorable.values_list("title", flat=True)) == {"Rembuk gunung_bahagia", "Rembuk damai"}


def test_a_withdrawn_assignment_reaches_nothing(site_tree, regions):
    staff = factories.kelurahan_staff(region=regions["gunung_bahagia"])
    forum = factories.forum_page(site_tree["forums"], kelurahan=regions["gunung_bahagia"])
    kelurahan_staff_withdraw(assignment=staff.kelurahan_assignments.get())

    staff = get_user_model().objects.get(pk=staff.pk)

    assert kelurahan_scope(staff) == frozenset()
    tester = ForumPage.objects.get(pk=forum.pk).permissions_for_user(staff)
    assert not tester.can_edit() and not tester.can_publish()
    assert not site_tree["forums"].permissions_for_user(staff).can_add_subpage()


def test_a_forum_out_of_scope_allows_nothing_even_to_its_owner(site_tree, regions):
    """Wagtail lets a page's owner edit it, and a lock's holder unlock it: not out of scope."""
    staff = factories.kelurahan_staff(region=regions["gunung_bahagia"])
    forum = factories.forum_page(site_tree["forums"], kelurahan=regions["damai"], owner=staff)
    forum.locked, forum.locked_by = True, staff
    forum.save()

    tester = ForumPage.objects.get(pk=forum.pk).permissions_for_user(staff)

    assert isinstance(tester, NothingAllowed)
    questions = [name for name in dir(PagePermissionTester) if name.startswith("can_")]
    assert {name: getattr(tester, name)(site_tree["forums"]) if name.endswith("_to") else getattr(tester, name)()
            for name in questions} == dict.fromkeys(questions, False)  # fmt: skip


def test_the_page_scope_asks_the_database_nothing_of_its_own(site_tree, regions, django_assert_num_queries):
    """The page permission policy asks it on every admin page: it narrows in the listing's own query."""
    staff = factories.kelurahan_staff(region=regions["gunung_bahagia"])
    staff = get_user_model().objects.get(pk=staff.pk)

    with django_assert_num_queries(0):
        pages = forum_pages_in_kelurahan_scope(ForumPage.objects.all(), staff)
    with django_assert_num_queries(1):
        list(pages)


def test_someone_put_in_the_group_by_hand_without_an_assignment_meets_no_forum(site_tree, regions):
    factories.forum_page(site_tree["forums"], kelurahan=regions["gunung_bahagia"])
    person = factories.resident(username="tanpa-penugasan")
    participation_permissions_install()
    person.groups.add(Group.objects.get(name=KELURAHAN_STAFF_GROUP))

    assert forum_pages_in_kelurahan_scope(ForumPage.objects.all(), person).count() == 0


def test_forums_stay_whole_for_everyone_who_is_not_kelurahan_staff(site_tree, regions, government):
    factories.forum_page(site_tree["forums"], kelurahan=regions["damai"])
    resident = factories.resident()

    for user in (government, resident):
        assert forum_pages_in_kelurahan_scope(ForumPage.objects.all(), user).count() == 1


# --- The groups' permissions on every site -----------------------------------------------------------------


def page_permissions(group_name, page):
    return set(
        GroupPagePermission.objects.filter(group__name=group_name, page=page).values_list(
            "permission__codename", flat=True
        )
    )


FORUM_PERMISSIONS = {"add_page", "change_page", "publish_page"}


def test_a_forum_index_made_later_gets_both_groups_permissions(home_page):
    index = factories.publish(home_page, ForumIndexPage(title="Forum Warga", slug="forum"))

    assert page_permissions(KELURAHAN_STAFF_GROUP, index) == FORUM_PERMISSIONS
    assert page_permissions(GOVERNMENT_STAFF_GROUP, index) == FORUM_PERMISSIONS


def test_government_staff_but_not_kelurahan_staff_hold_the_budgeting_calls(site_tree):
    assert page_permissions(GOVERNMENT_STAFF_GROUP, site_tree["budgeting"]) == FORUM_PERMISSIONS
    assert page_permissions(KELURAHAN_STAFF_GROUP, site_tree["budgeting"]) == set()


def test_government_staff_but_not_kelurahan_staff_keep_the_suara_warga_page(client, site_tree, regions, government):
    page = factories.suara_warga_page(site_tree["home"])
    assert page_permissions(GOVERNMENT_STAFF_GROUP, page) == FORUM_PERMISSIONS
    assert page_permissions(KELURAHAN_STAFF_GROUP, page) == set()
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    client.force_login(government)
    assert client.get(edit).status_code == 200
    client.force_login(factories.kelurahan_staff(region=regions["gunung_bahagia"]))
    assert client.get(edit).status_code in (302, 403)


def test_government_staff_act_in_participation_from_the_review_install_without_forums(db):
    content_review_install()

    government = Group.objects.get(name=GOVERNMENT_STAFF_GROUP)
    codenames = set(government.permissions.values_list("codename", flat=True))
    assert {"view_feedback", "change_feedback", "add_kelurahanstaffassignment"} <= codenames


def test_migrating_a_site_that_had_forums_installs_what_issue_18_adds(site_tree):
    """As on a site set up before issue 18: its forum index had no group permissions, and neither group
    had Suara Warga's."""
    Group.objects.filter(name=KELURAHAN_STAFF_GROUP).delete()
    GroupPagePermission.objects.all().delete()

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    staff = Group.objects.get(name=KELURAHAN_STAFF_GROUP)
    assert {"view_feedback", "change_feedback", "access_admin"} <= set(
        staff.permissions.values_list("codename", flat=True)
    )
    assert page_permissions(KELURAHAN_STAFF_GROUP, site_tree["forums"]) == FORUM_PERMISSIONS


def test_migrating_an_empty_database_makes_no_groups(db):
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    assert not Group.objects.filter(name__in=[KELURAHAN_STAFF_GROUP, GOVERNMENT_STAFF_GROUP]).exists()


def test_a_superuser_gives_the_role_too(admin_client, regions):
    budi = account()

    response = give(admin_client, identifier="budi", region=regions["selatan"])

    assert response.status_code == 302
    assert KelurahanStaffAssignment.objects.get().user == budi
    assert kelurahan_scope(get_user_model().objects.get(pk=budi.pk)) == {"6471010006", "6471010007"}
