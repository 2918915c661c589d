"""Kelurahan staff act in participation for their kelurahan only; government staff act everywhere.

An authorization matrix beside tests/organisations/test_authoring.py and test_admin_visibility.py: each role
against each participation admin address, for what belongs to Gunung Bahagia (where the kelurahan staff
member works: "own") and to Damai, another kelurahan of the same kecamatan ("other"). Two kinds of rows:

- ACTIONS: may the person do it (add, edit, publish, delete a forum; the forum index; a budgeting call;
  the Suara Warga screens)? Done for real where a request changes something, and judged by the database.
- VISIBILITY: does the page's title reach the person at all (explorer, page chooser and its search, the
  admin API, the admin search, the bulk-action pages)?

Adding an address is adding a row. The Suara Warga rows are skipped while its screens are not mounted.
"""

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.html import escape
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text

from organisations.models import Membership
from organisations.services import GOVERNMENT_STAFF_GROUP, REVIEWERS_GROUP, organisation_create
from participation.feedback import feedback_code_format
from participation.models import ForumPage
from tests import factories

pytestmark = pytest.mark.django_db

ALLOW, DENY = "allow", "deny"
SHOWN, ABSENT = "shown", "absent"
ROLES = ["resident", "author", "facilitator", "reviewer", "government", "kelurahan", "anonymous"]
WHOSE = ["own", "other"]


@pytest.fixture
def world(site_tree):
    """Forums, Suara Warga items and a budgeting call; one user per role, the kelurahan staff member of
    Gunung Bahagia."""
    lestari = organisation_create(name="Yayasan Lingkungan Lestari", slug="lestari", kind="ngo")
    gunung_bahagia = factories.region_chain()
    damai = factories.kelurahan(code="6471010007", name="Damai")
    forums = site_tree["forums"]
    category = factories.feedback_category()
    items = {
        "own": factories.feedback(category=category, kelurahan=gunung_bahagia, text="Lampu jalan GUNUNGBAHAGIA mati."),
        "other": factories.feedback(category=category, kelurahan=damai, text="Lampu jalan DAMAIKAMPUNG mati."),
    }
    for item in items.values():
        item.photo.save("foto.png", get_test_image_file())
    return {
        "site_tree": site_tree,
        "forums": forums,
        "kelurahan": {"own": gunung_bahagia, "other": damai},
        "own": factories.forum_page(forums, title="Rembuk Gunung Bahagia", kelurahan=gunung_bahagia),
        "other": factories.forum_page(forums, title="Rembuk Damai", kelurahan=damai),
        "call": factories.budgeting_call_page(site_tree["budgeting"], title="Usulan Warga Balikpapan Selatan"),
        "items": items,
        "category": category,
        "users": {
            "resident": factories.resident(username="warga"),
            **factories.users_with_roles(
                members=[
                    ("author", lestari, Membership.Role.AUTHOR),
                    ("facilitator", lestari, Membership.Role.FACILITATOR),
                ],
                government=[("reviewer", REVIEWERS_GROUP), ("government", GOVERNMENT_STAFF_GROUP)],
            ),
            "kelurahan": factories.kelurahan_staff(region=gunung_bahagia),
        },
    }


def log_in(client, world, role):
    client.logout()
    if role != "anonymous":
        client.force_login(world["users"][role])


def forum_form(world, whose, **changes):
    """The forum form as the editor sends it, for a forum of `whose` kelurahan."""
    values = {
        "title": "Rembuk Baru",
        "slug": "rembuk-baru",
        "kelurahan": world["kelurahan"][whose].pk,
        "kind": "musyawarah",
        "starts_at": (timezone.localtime() + timezone.timedelta(days=14)).strftime("%Y-%m-%d %H:%M"),
        "ends_at": (timezone.localtime() + timezone.timedelta(days=14, hours=2)).strftime("%Y-%m-%d %H:%M"),
        "venue": "Aula Kantor Kelurahan",
        "agenda": rich_text("<p>Laporan kelurahan.</p>"),
        "minutes": rich_text(""),
        "decisions": rich_text(""),
        **changes,
    }
    return nested_form_data(values)


def outcome(response):
    """200 (or the redirect after a change that the database then shows) is allowed; a refusal is a redirect
    to the log-in or the admin's home, a 403 or a 404, never an error."""
    assert response.status_code in (200, 302, 403, 404), response.status_code
    return ALLOW if response.status_code == 200 else DENY


# --- Actions -------------------------------------------------------------------------------------------------


def edit_forum(client, world, whose):
    return outcome(client.get(reverse("wagtailadmin_pages:edit", args=[world[whose].pk])))


def publish_forum(client, world, whose):
    """The edit form's "Publish": allowed when the live page takes the new title."""
    forum = world[whose]
    client.post(
        reverse("wagtailadmin_pages:edit", args=[forum.pk]),
        forum_form(world, whose, title="DITERBITKAN", slug=forum.slug, **{"action-publish": "action-publish"}),
    )
    return ALLOW if Page.objects.get(pk=forum.pk).title == "DITERBITKAN" else DENY


def add_forum(client, world, whose):
    """A new forum of `whose` kelurahan under /forum/, published: allowed when it exists."""
    url = reverse("wagtailadmin_pages:add", args=["participation", "forumpage", world["forums"].pk])
    client.post(url, forum_form(world, whose, **{"action-publish": "action-publish"}))
    return (
        ALLOW if ForumPage.objects.filter(title="Rembuk Baru", kelurahan=world["kelurahan"][whose]).exists() else DENY
    )


def delete_forum(client, world, whose):
    forum = world[whose]
    client.post(reverse("wagtailadmin_pages:delete", args=[forum.pk]))
    return DENY if ForumPage.objects.filter(pk=forum.pk).exists() else ALLOW


def unpublish_forum(client, world, whose):
    forum = world[whose]
    client.post(reverse("wagtailadmin_pages:unpublish", args=[forum.pk]))
    return DENY if Page.objects.get(pk=forum.pk).live else ALLOW


def page_view(name):
    """A page screen that asks the page's own permissions: its history, revisions, moving, copying."""
    return lambda client, world, whose: outcome(client.get(reverse(name, args=[world[whose].pk])))


FORUM_ACTIONS = {
    "edit a forum": edit_forum,
    "publish a forum": publish_forum,
    "add a forum": add_forum,
    "delete a forum": delete_forum,
    "unpublish a forum": unpublish_forum,
    "a forum's history": page_view("wagtailadmin_pages:history"),
    "move a forum": page_view("wagtailadmin_pages:move"),
    "copy a forum": page_view("wagtailadmin_pages:copy"),
}

# role -> (own kelurahan's forum, other kelurahan's forum)
FORUM_EXPECTED = {
    "resident": (DENY, DENY),
    "author": (DENY, DENY),
    "facilitator": (DENY, DENY),
    "reviewer": (DENY, DENY),
    "government": (ALLOW, ALLOW),
    "kelurahan": (ALLOW, DENY),
    "anonymous": (DENY, DENY),
}


@pytest.mark.parametrize("action", FORUM_ACTIONS)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("whose", WHOSE)
def test_forum_actions_matrix(client, world, action, role, whose):
    log_in(client, world, role)

    done = FORUM_ACTIONS[action](client, world, whose)

    assert done == FORUM_EXPECTED[role][WHOSE.index(whose)], f"{role} {action} ({whose})"


def edit_page(key):
    return lambda client, world: outcome(
        client.get(reverse("wagtailadmin_pages:edit", args=[world_page(world, key).pk]))
    )


def world_page(world, key):
    return world["forums"] if key == "forums" else world["call"]


def publish_forum_index(client, world):
    index = world["forums"]
    client.post(
        reverse("wagtailadmin_pages:edit", args=[index.pk]),
        nested_form_data(
            {"title": "DITERBITKAN", "slug": index.slug, "intro": rich_text(""), "action-publish": "action-publish"}
        ),
    )
    return ALLOW if Page.objects.get(pk=index.pk).title == "DITERBITKAN" else DENY


def add_budgeting_call(client, world):
    url = reverse("wagtailadmin_pages:add", args=["participation", "budgetingcallpage", world["call"].get_parent().pk])
    return outcome(client.get(url))


def reorder_forums(client, world):
    """Moving Damai's forum, the second, before Gunung Bahagia's: the order of every kelurahan's forums."""
    url = reverse("wagtailadmin_pages:set_page_position", args=[world["other"].pk]) + "?position=0"
    client.post(url)
    return ALLOW if world["forums"].get_children().first().pk == world["other"].pk else DENY


OTHER_PAGE_ACTIONS = {
    "edit the forum index": edit_page("forums"),
    "publish the forum index": publish_forum_index,
    "unpublish the forum index": lambda client, world: outcome(
        client.get(reverse("wagtailadmin_pages:unpublish", args=[world["forums"].pk]))
    ),
    "reorder the forums": reorder_forums,
    "edit a budgeting call": edit_page("call"),
    "add a budgeting call": add_budgeting_call,
}

# Kelurahan staff add forums below /forum/ but do not change the index, every kelurahan's page, nor the
# budgeting calls (issue 20 brings them the review of proposals); government staff act in participation
# everywhere (DESIGN, amended by issue 18).
OTHER_PAGE_EXPECTED = {
    "resident": DENY,
    "author": DENY,
    "facilitator": DENY,
    "reviewer": DENY,
    "government": ALLOW,
    "kelurahan": DENY,
    "anonymous": DENY,
}


@pytest.mark.parametrize("action", OTHER_PAGE_ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_forum_index_and_budgeting_calls_matrix(client, world, action, role):
    log_in(client, world, role)

    assert OTHER_PAGE_ACTIONS[action](client, world) == OTHER_PAGE_EXPECTED[role], f"{role} {action}"


def test_kelurahan_staff_may_add_forums_below_the_index_they_may_not_edit(client, world):
    client.force_login(world["users"]["kelurahan"])

    response = client.get(reverse("wagtailadmin_explore", args=[world["forums"].pk]))

    assert response.status_code == 200
    add_url = reverse("wagtailadmin_pages:add_subpage", args=[world["forums"].pk])
    assert add_url in response.text
    assert reverse("wagtailadmin_pages:edit", args=[world["forums"].pk]) not in response.text


def test_the_new_forum_form_offers_kelurahan_staff_their_own_kelurahan_only(client, world):
    client.force_login(world["users"]["kelurahan"])

    response = client.get(reverse("wagtailadmin_pages:add", args=["participation", "forumpage", world["forums"].pk]))

    choices = [label for _value, label in response.context["form"].fields["kelurahan"].choices]
    assert choices == ["---------", "Gunung Bahagia"]


def test_a_forum_for_another_kelurahan_is_refused_with_its_message(client, world):
    client.force_login(world["users"]["kelurahan"])
    url = reverse("wagtailadmin_pages:add", args=["participation", "forumpage", world["forums"].pk])

    response = client.post(url, forum_form(world, "other", **{"action-publish": "action-publish"}))

    assert response.status_code == 200
    with translation.override("id"):
        message = translation.gettext(
            "Choose a kelurahan where you are kelurahan staff: you organise forums there only."
        )
    assert escape(message) in response.text
    assert not ForumPage.objects.filter(title="Rembuk Baru").exists()


def test_moving_ones_forum_to_another_kelurahan_is_refused(client, world):
    own = world["own"]
    client.force_login(world["users"]["kelurahan"])

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[own.pk]),
        forum_form(world, "other", title=own.title, slug=own.slug, **{"action-publish": "action-publish"}),
    )

    assert response.status_code == 200
    assert ForumPage.objects.get(pk=own.pk).kelurahan == world["kelurahan"]["own"]


# --- What reaches the person ------------------------------------------------------------------------------


def title_of(world, whose):
    return world[whose].title


def bulk(action):
    return lambda world, whose: f"/admin/bulk/wagtailcore/page/{action}/?id={world[whose].pk}"


PAGE_VIEWS = {
    "explorer of /forum/": ("tree", lambda w, whose: reverse("wagtailadmin_explore", args=[w["forums"].pk])),
    "explorer of /forum/, results": (
        "tree",
        lambda w, whose: reverse("wagtailadmin_explore_results", args=[w["forums"].pk]),
    ),
    "explorer of the forum": ("tree", lambda w, whose: reverse("wagtailadmin_explore", args=[w[whose].pk])),
    "pages API listing": (
        "tree",
        lambda w, whose: reverse("wagtailadmin_api:pages:listing") + f"?child_of={w['forums'].pk}",
    ),
    "pages API detail": ("tree", lambda w, whose: reverse("wagtailadmin_api:pages:detail", args=[w[whose].pk])),
    "pages API search": ("tree", lambda w, whose: reverse("wagtailadmin_api:pages:listing") + "?search=Rembuk"),
    "page search": ("tree", lambda w, whose: reverse("wagtailadmin_pages:search") + "?q=Rembuk"),
    # Wagtail's page screens that take the page's id: each names the page, so each must ask its permissions.
    "move confirmation": (
        "tree",
        lambda w, whose: reverse("wagtailadmin_pages:move_confirm", args=[w[whose].pk, w["forums"].pk]),
    ),
    "view draft": ("tree", lambda w, whose: reverse("wagtailadmin_pages:view_draft", args=[w[whose].pk])),
    "usage": ("tree", lambda w, whose: reverse("wagtailadmin_pages:usage", args=[w[whose].pk])),
    "workflow history": ("tree", lambda w, whose: reverse("wagtailadmin_pages:workflow_history", args=[w[whose].pk])),
    "pages bulk delete": ("tree", bulk("delete")),
    "pages bulk publish": ("tree", bulk("publish")),
    "pages bulk unpublish": ("tree", bulk("unpublish")),
    "pages bulk move": ("tree", bulk("move")),
    "pages bulk delete, all of /forum/": (
        "tree",
        lambda w, whose: f"/admin/bulk/wagtailcore/page/delete/?id=all&childOf={w['forums'].pk}",
    ),
    "page chooser at /forum/": (
        "chooser",
        lambda w, whose: reverse("wagtailadmin_choose_page_child", args=[w["forums"].pk]),
    ),
    "page chooser at the forum": (
        "chooser",
        lambda w, whose: reverse("wagtailadmin_choose_page_child", args=[w[whose].pk]),
    ),
    "page chooser search": ("chooser", lambda w, whose: reverse("wagtailadmin_choose_page_search") + "?q=Rembuk"),
    "page chooser, forums only": (
        "chooser",
        lambda w, whose: reverse("wagtailadmin_choose_page") + "?page_type=participation.forumpage",
    ),
    "page chooser, several chosen": (
        "chooser",
        lambda w, whose: reverse("wagtailadmin_choose_page_chosen_multiple") + f"?id={w[whose].pk}",
    ),
}

# kind -> role -> (own kelurahan's forum, other kelurahan's forum)
PAGE_VISIBILITY = {
    # The page tree: only those who may act on forums explore them.
    "tree": {
        "resident": (ABSENT, ABSENT),
        "author": (ABSENT, ABSENT),
        "facilitator": (ABSENT, ABSENT),
        "reviewer": (ABSENT, ABSENT),
        "government": (SHOWN, SHOWN),
        "kelurahan": (SHOWN, ABSENT),
        "anonymous": (ABSENT, ABSENT),
    },
    # Any admin user may link to a forum, except kelurahan staff to other kelurahan's.
    "chooser": {
        "resident": (ABSENT, ABSENT),
        "author": (SHOWN, SHOWN),
        "facilitator": (SHOWN, SHOWN),
        "reviewer": (SHOWN, SHOWN),
        "government": (SHOWN, SHOWN),
        "kelurahan": (SHOWN, ABSENT),
        "anonymous": (ABSENT, ABSENT),
    },
}


def seen(response, title):
    """Shown when the title is in a 200 answer; a refusal is a redirect, a 403, a 404 or the admin API's 400
    for a parent page it does not find, never an error."""
    assert response.status_code in (200, 302, 400, 403, 404), response.status_code
    return SHOWN if response.status_code == 200 and title in response.content.decode() else ABSENT


@pytest.mark.parametrize("view", PAGE_VIEWS)
def test_page_visibility_matrix(client, world, view):
    """Each role in turn, in one test per address: the world costs more to build than the requests."""
    kind, url = PAGE_VIEWS[view]
    outcomes = {}
    for role in ROLES:
        log_in(client, world, role)
        outcomes[role] = tuple(seen(client.get(url(world, whose)), title_of(world, whose)) for whose in WHOSE)

    assert outcomes == PAGE_VISIBILITY[kind]


BY_ID = [
    "explorer of the forum",
    "move confirmation",
    "pages API detail",
    "page chooser at the forum",
    "pages bulk delete",
    "pages bulk publish",
]


@pytest.mark.parametrize("view", BY_ID)
def test_another_kelurahans_forum_named_by_its_id_is_not_found(client, world, view):
    client.force_login(world["users"]["kelurahan"])

    response = client.get(PAGE_VIEWS[view][1](world, "other"))

    assert response.status_code == 404
    assert "Rembuk Damai" not in response.content.decode()


def test_the_privacy_setting_of_another_kelurahans_forum_is_refused(client, world):
    """The privacy dialog shows no title, so the visibility matrix cannot see it: its answer must refuse."""
    client.force_login(world["users"]["kelurahan"])
    privacy = "wagtailadmin_pages:set_privacy"

    assert client.get(reverse(privacy, args=[world["own"].pk])).status_code == 200
    assert client.get(reverse(privacy, args=[world["other"].pk])).status_code in (302, 403, 404)


def test_a_bulk_publish_of_another_kelurahans_forum_changes_nothing(client, world):
    other = world["other"]
    other.title = "DRAF"
    other.save_revision()
    client.force_login(world["users"]["kelurahan"])

    response = client.post(f"/admin/bulk/wagtailcore/page/publish/?id={other.pk}", {})

    assert response.status_code == 404
    assert Page.objects.get(pk=other.pk).title == "Rembuk Damai"


def test_the_explorer_lists_kelurahan_staff_their_forums_in_a_constant_number_of_queries(
    client, world, django_assert_max_num_queries
):
    """The scope is one subquery of the listing's, whatever the number of forums."""
    for number in range(5):
        factories.forum_page(
            world["forums"], title=f"Rembuk Gunung Bahagia {number}", kelurahan=world["kelurahan"]["own"]
        )
        factories.forum_page(world["forums"], title=f"Rembuk Damai {number}", kelurahan=world["kelurahan"]["other"])
    client.force_login(world["users"]["kelurahan"])
    client.get(reverse("wagtailadmin_explore", args=[world["forums"].pk]))  # warm the caches

    with django_assert_max_num_queries(60) as few:
        client.get(reverse("wagtailadmin_explore", args=[world["forums"].pk]))
    factories.forum_page(world["forums"], title="Rembuk Gunung Bahagia 6", kelurahan=world["kelurahan"]["own"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("wagtailadmin_explore", args=[world["forums"].pk]))

    assert "Rembuk Gunung Bahagia 6" in response.text
    assert "Rembuk Damai" not in response.text


# --- Suara Warga screens (participation.feedback_admin) ----------------------------------------------------


def resolves(name):
    """Whether the URL name is mounted (with an item's id, or none for a listing)."""
    for args in ([], [1]):
        try:
            reverse(name, args=args)
        except NoReverseMatch:
            continue
        return True
    return False


def needs(*names):
    return pytest.mark.skipif(
        not all(resolves(name) for name in names), reason=f"Suara Warga screens not mounted yet: {', '.join(names)}"
    )


def item_view(name):
    return lambda world, whose: reverse(name, args=[world["items"][whose].pk])


def item_marker(world, whose):
    """The item's tracking code, as every Suara Warga screen names it."""
    return feedback_code_format(world["items"][whose].code)


SUARA_WARGA_VIEWS = {
    "triage (edit)": pytest.param("suara_warga:edit", item_view("suara_warga:edit"), marks=needs("suara_warga:edit")),
    "inspect": pytest.param(
        "suara_warga:inspect", item_view("suara_warga:inspect"), marks=needs("suara_warga:inspect")
    ),
    "history": pytest.param(
        "suara_warga:history", item_view("suara_warga:history"), marks=needs("suara_warga:history")
    ),
    "photo": pytest.param("suara_warga:photo", item_view("suara_warga:photo"), marks=needs("suara_warga:photo")),
}

# role -> (Gunung Bahagia's item, Damai's item)
SUARA_WARGA_EXPECTED = {
    "resident": (DENY, DENY),
    "author": (DENY, DENY),
    "facilitator": (DENY, DENY),
    "reviewer": (DENY, DENY),
    "government": (ALLOW, ALLOW),
    "kelurahan": (ALLOW, DENY),
    "anonymous": (DENY, DENY),
}


@pytest.mark.parametrize(("name", "url"), SUARA_WARGA_VIEWS.values(), ids=SUARA_WARGA_VIEWS.keys())
def test_suara_warga_item_screens_matrix(client, world, name, url):
    outcomes = {}
    for role in ROLES:
        log_in(client, world, role)
        outcomes[role] = tuple(outcome(client.get(url(world, whose))) for whose in WHOSE)

    assert outcomes == SUARA_WARGA_EXPECTED


@needs("suara_warga:index")
@pytest.mark.parametrize("export", ["", "?export=csv"], ids=["listing", "CSV export"])
def test_suara_warga_listing_and_export_matrix(client, world, export):
    outcomes = {}
    for role in ROLES:
        log_in(client, world, role)
        response = client.get(reverse("suara_warga:index") + export)
        assert response.status_code in (200, 302, 403), response.status_code
        body = b"".join(response.streaming_content) if response.streaming else response.content
        outcomes[role] = tuple(
            SHOWN if response.status_code == 200 and item_marker(world, whose) in body.decode() else ABSENT
            for whose in WHOSE
        )

    assert outcomes == {
        role: tuple(SHOWN if allowed == ALLOW else ABSENT for allowed in expected)
        for role, expected in SUARA_WARGA_EXPECTED.items()
    }


@needs("suara_warga_categories:index")
def test_only_government_staff_keep_the_suara_warga_categories(client, world):
    outcomes = {}
    for role in ROLES:
        log_in(client, world, role)
        outcomes[role] = outcome(client.get(reverse("suara_warga_categories:index")))

    assert outcomes == {role: ALLOW if role == "government" else DENY for role in ROLES}


# --- The giving of the role (participation.kelurahan_staff_views) ----------------------------------------


def assignment_views(world):
    assignment = world["users"]["kelurahan"].kelurahan_assignments.get()
    return {
        "index": reverse("kelurahan_staff:index"),
        "add": reverse("kelurahan_staff:add"),
        "withdraw": reverse("kelurahan_staff:withdraw", args=[assignment.pk]),
        "history": reverse("kelurahan_staff:history", args=[assignment.pk]),
    }


@pytest.mark.parametrize("view", ["index", "add", "withdraw", "history"])
def test_only_government_staff_give_and_withdraw_the_role(client, world, view):
    url = assignment_views(world)[view]
    outcomes = {}
    for role in ROLES:
        log_in(client, world, role)
        outcomes[role] = outcome(client.get(url))

    assert outcomes == {role: ALLOW if role == "government" else DENY for role in ROLES}


@pytest.mark.parametrize("role", [role for role in ROLES if role != "government"])
def test_a_withdrawal_posted_by_anyone_else_changes_nothing(client, world, role):
    assignment = world["users"]["kelurahan"].kelurahan_assignments.get()
    log_in(client, world, role)

    response = client.post(reverse("kelurahan_staff:withdraw", args=[assignment.pk]))

    assert outcome(response) == DENY
    assignment.refresh_from_db()
    assert assignment.withdrawn_at is None


def test_the_participation_menu_shows_each_role_what_it_may_use(client, world):
    client.force_login(world["users"]["kelurahan"])
    staff_home = client.get(reverse("wagtailadmin_home")).text
    client.force_login(world["users"]["government"])
    government_home = client.get(reverse("wagtailadmin_home")).text

    assert reverse("kelurahan_staff:index") not in staff_home
    assert reverse("kelurahan_staff:index") in government_home
