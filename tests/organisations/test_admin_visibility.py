"""The admin shows nothing of another organisation, also outside its listings.

An authorization matrix beside test_authoring.py's: each role against each admin address that can name
a page, an image, a document or a user outside the listings (the admin API, the choosers, the
bulk-action confirmation pages, the searches), for an object of the NGO members' own organisation
(Yayasan Lingkungan Lestari) and one of another (Perkumpulan Warga Cerdas). What counts is whether the
object's title reaches the person: shown, or absent (refused, not found, or simply not listed).
Adding an address is adding a row to VIEWS.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from organisations.models import Membership
from organisations.services import membership_set
from tests import factories
from tests.organisations import test_authoring

pytestmark = pytest.mark.django_db

SHOWN, ABSENT = "shown", "absent"
ROLES = ["author", "facilitator", "reviewer", "government", "anonymous"]

# The course-authoring world: two NGOs with a course and a module each, one user per role
# (the author and facilitator are Lestari's).
world = test_authoring.world


@pytest.fixture
def media_world(world):
    """The authoring world with an image and a document in each organisation's collection and an author
    of each organisation besides the one logging in."""
    lestari, cerdas = world["own"].organisation, world["other"].organisation
    targets = {"page": {"own": world["own"], "other": world["other"]}, "image": {}, "document": {}, "user": {}}
    for whose, organisation, name in [("own", lestari, "LESTARI"), ("other", cerdas, "CERDAS")]:
        targets["image"][whose] = get_image_model().objects.create(
            title=f"FOTO-{name}", file=get_test_image_file(), collection=organisation.collection
        )
        document = get_document_model()(title=f"DOKUMEN-{name}", collection=organisation.collection)
        document.file.save(f"panduan-{name.lower()}.txt", ContentFile(b"Pilah sampah dari rumah."))
        targets["document"][whose] = document
        targets["user"][whose] = factories.resident(username=f"penulis-{name.lower()}")
        membership_set(user=targets["user"][whose], organisation=organisation, role=Membership.Role.AUTHOR)
    return {**world, "targets": targets}


def title(target):
    return target.username if isinstance(target, get_user_model()) else target.title


def word(target):
    """The first word of the title: what someone looking for it would type into a search."""
    return title(target).split()[0]


def bulk(app_model, action):
    return lambda w, target: f"/admin/bulk/{app_model}/{action}/?id={target.pk}"


USERS = f"{get_user_model()._meta.app_label}/{get_user_model()._meta.model_name}"

# name -> (kind of object, its address for a target object)
VIEWS = {
    # Pages: the admin API, the admin's page search and the pages' bulk actions
    "pages API listing": (
        "page",
        lambda w, t: reverse("wagtailadmin_api:pages:listing") + f"?child_of={w['index'].pk}",
    ),
    "pages API detail": ("page", lambda w, t: reverse("wagtailadmin_api:pages:detail", args=[t.pk])),
    "pages API search": ("page", lambda w, t: reverse("wagtailadmin_api:pages:listing") + f"?search={word(t)}"),
    "page search": ("page", lambda w, t: reverse("wagtailadmin_pages:search") + f"?q={word(t)}"),
    "pages bulk delete": ("page", bulk("wagtailcore/page", "delete")),
    "pages bulk move": ("page", bulk("wagtailcore/page", "move")),
    "pages bulk publish": ("page", bulk("wagtailcore/page", "publish")),
    "pages bulk unpublish": ("page", bulk("wagtailcore/page", "unpublish")),
    "pages bulk delete, all of /kursus/": (
        "page",
        lambda w, t: f"/admin/bulk/wagtailcore/page/delete/?id=all&childOf={w['index'].pk}",
    ),
    # The page chooser
    "page chooser at /kursus/": (
        "page chooser",
        lambda w, t: reverse("wagtailadmin_choose_page_child", args=[w["index"].pk]),
    ),
    "page chooser inside the course": (
        "page chooser",
        lambda w, t: reverse("wagtailadmin_choose_page_child", args=[t.pk]),
    ),
    "page chooser search": ("page chooser", lambda w, t: reverse("wagtailadmin_choose_page_search") + f"?q={word(t)}"),
    "page chooser, several chosen": (
        "page chooser",
        lambda w, t: reverse("wagtailadmin_choose_page_chosen_multiple") + f"?id={t.pk}",
    ),
    # Images
    "images API listing": ("image", lambda w, t: reverse("wagtailadmin_api:images:listing")),
    "images API detail": ("image", lambda w, t: reverse("wagtailadmin_api:images:detail", args=[t.pk])),
    "images search": ("image", lambda w, t: reverse("wagtailimages:index") + "?q=FOTO"),
    "image chooser": ("image", lambda w, t: reverse("wagtailimages_chooser:choose")),
    "image chooser search": ("image", lambda w, t: reverse("wagtailimages_chooser:choose_results") + "?q=FOTO"),
    "image chosen": ("image", lambda w, t: reverse("wagtailimages_chooser:chosen", args=[t.pk])),
    "images bulk delete": ("image", bulk("wagtailimages/image", "delete")),
    "images bulk add tags": ("image", bulk("wagtailimages/image", "add_tags")),
    "images bulk add to collection": ("image", bulk("wagtailimages/image", "add_to_collection")),
    # Documents
    "documents API listing": ("document", lambda w, t: reverse("wagtailadmin_api:documents:listing")),
    "documents API detail": ("document", lambda w, t: reverse("wagtailadmin_api:documents:detail", args=[t.pk])),
    "documents search": ("document", lambda w, t: reverse("wagtaildocs:index") + "?q=DOKUMEN"),
    "document chooser": ("document", lambda w, t: reverse("wagtaildocs_chooser:choose")),
    "document chooser search": ("document", lambda w, t: reverse("wagtaildocs_chooser:choose_results") + "?q=DOKUMEN"),
    "document chosen": ("document", lambda w, t: reverse("wagtaildocs_chooser:chosen", args=[t.pk])),
    "documents bulk delete": ("document", bulk("wagtaildocs/document", "delete")),
    "documents bulk add tags": ("document", bulk("wagtaildocs/document", "add_tags")),
    "documents bulk add to collection": ("document", bulk("wagtaildocs/document", "add_to_collection")),
    # Users: only those who manage users reach them, and none of these roles does
    "users search": ("user", lambda w, t: reverse("wagtailusers_users:index") + f"?q={title(t)}"),
    "users bulk delete": ("user", bulk(USERS, "delete")),
    "users bulk deactivate": ("user", lambda w, t: f"/admin/bulk/{USERS}/set_active_state/?id={t.pk}"),
    "users bulk assign role": ("user", bulk(USERS, "assign_role")),
}

# kind -> role -> (own organisation's object, other organisation's object)
EXPECTED = {
    # What the page permission policy lets each role explore: an author their own organisation's courses,
    # a reviewer every course (they review them); facilitators and government staff no page tree at all.
    "page": {
        "author": (SHOWN, ABSENT),
        "facilitator": (ABSENT, ABSENT),
        "reviewer": (SHOWN, SHOWN),
        "government": (ABSENT, ABSENT),
        "anonymous": (ABSENT, ABSENT),
    },
    # Any admin user may link to a page, but an NGO member never meets another organisation's courses.
    "page chooser": {
        "author": (SHOWN, ABSENT),
        "facilitator": (SHOWN, ABSENT),
        "reviewer": (SHOWN, SHOWN),
        "government": (SHOWN, SHOWN),
        "anonymous": (ABSENT, ABSENT),
    },
    # Only the organisation's authors hold permissions on its collection.
    "image": {
        "author": (SHOWN, ABSENT),
        "facilitator": (ABSENT, ABSENT),
        "reviewer": (ABSENT, ABSENT),
        "government": (ABSENT, ABSENT),
        "anonymous": (ABSENT, ABSENT),
    },
    "user": dict.fromkeys(ROLES, (ABSENT, ABSENT)),
}
EXPECTED["document"] = EXPECTED["image"]


def outcome(response, target):
    """Shown when the object's title is in a 200 answer; a refusal is a redirect (to the log-in or the
    admin's home), a 403, a 404 or the admin API's 400 for a parent page it does not find, never an error."""
    assert response.status_code in (200, 302, 400, 403, 404), response.status_code
    return SHOWN if response.status_code == 200 and title(target) in response.content.decode() else ABSENT


@pytest.mark.parametrize("view", VIEWS)
def test_admin_visibility_matrix(client, media_world, view):
    """Each role in turn, in one test per address: the world costs more to build than the requests."""
    kind, url = VIEWS[view]
    targets = media_world["targets"]["page" if kind == "page chooser" else kind]
    seen = {}
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(media_world["users"][role])
        seen[role] = tuple(
            outcome(client.get(url(media_world, targets[whose])), targets[whose]) for whose in ("own", "other")
        )

    # role -> (own organisation's object, other organisation's object)
    assert seen == EXPECTED[kind]


# The refusal itself: another organisation's object named by its id is not found, as if it did not exist.
BY_ID = {
    "pages API detail": ("page", "other"),
    "page chooser inside the course": ("page", "other"),
    "pages bulk delete": ("page", "other"),
    "images API detail": ("image", "other"),
    "images bulk delete": ("image", "other"),
    "documents API detail": ("document", "other"),
    "documents bulk delete": ("document", "other"),
}


@pytest.mark.parametrize("view", BY_ID)
def test_another_organisations_object_named_by_its_id_is_not_found(client, media_world, view):
    kind, whose = BY_ID[view]
    target = media_world["targets"][kind][whose]
    client.force_login(media_world["users"]["author"])

    response = client.get(VIEWS[view][1](media_world, target))

    assert response.status_code == 404
    assert title(target) not in response.content.decode()


def test_the_pages_module_named_by_its_id_in_the_page_chooser_is_not_found(client, media_world):
    module = media_world["other"].get_children().first()
    client.force_login(media_world["users"]["facilitator"])

    response = client.get(reverse("wagtailadmin_choose_page_child", args=[module.pk]))

    assert response.status_code == 404
    assert "Musrenbang" not in response.content.decode()


def test_the_images_api_lists_the_authors_own_files_with_their_addresses_only(client, media_world):
    client.force_login(media_world["users"]["author"])

    images = client.get(reverse("wagtailadmin_api:images:listing")).json()
    documents = client.get(reverse("wagtailadmin_api:documents:listing")).json()

    assert [item["title"] for item in images["items"]] == ["FOTO-LESTARI"]
    assert [item["title"] for item in documents["items"]] == ["DOKUMEN-LESTARI"]
    assert "panduan-cerdas" not in str(documents)


def test_bulk_confirmation_of_own_and_other_pages_names_only_the_own(client, media_world):
    own, other = media_world["own"], media_world["other"]
    client.force_login(media_world["users"]["author"])

    response = client.get(f"/admin/bulk/wagtailcore/page/publish/?id={own.pk}&id={other.pk}")

    assert response.status_code == 200
    assert "Pengelolaan Sampah" in response.content.decode()
    assert "Anggaran Kelurahan" not in response.content.decode()


def test_an_author_still_tags_their_own_images_in_bulk_but_not_another_organisations(client, media_world):
    own, other = (media_world["targets"]["image"][whose] for whose in ("own", "other"))
    client.force_login(media_world["users"]["author"])

    client.post(f"/admin/bulk/wagtailimages/image/add_tags/?id={own.pk}", {"tags": "sampah"})
    refused = client.post(f"/admin/bulk/wagtailimages/image/add_tags/?id={other.pk}", {"tags": "sampah"})

    assert list(own.tags.names()) == ["sampah"]
    assert refused.status_code == 404
    assert list(other.tags.names()) == []


def test_an_author_cannot_delete_another_organisations_document_in_bulk(client, media_world):
    other = media_world["targets"]["document"]["other"]
    client.force_login(media_world["users"]["author"])

    response = client.post(f"/admin/bulk/wagtaildocs/document/delete/?id={other.pk}", {})

    assert response.status_code == 404
    assert get_document_model().objects.filter(pk=other.pk).exists()


def test_the_page_chooser_for_a_page_type_starts_above_another_organisations_course(client, media_world):
    """Choosing a module when only another organisation's course has modules: Wagtail would open that
    course (the modules' common ancestor); the chooser opens the nearest page above it instead."""
    media_world["own"].get_children().delete()
    client.force_login(media_world["users"]["author"])

    response = client.get(reverse("wagtailadmin_choose_page") + "?page_type=courses.modulepage")

    assert response.status_code == 200
    assert response.json()["parent_page_id"] == media_world["index"].pk
    body = response.content.decode()
    assert "Anggaran Kelurahan" not in body
    assert "Musrenbang" not in body


def test_reviewers_still_choose_any_organisations_course(client, media_world):
    client.force_login(media_world["users"]["reviewer"])

    response = client.get(reverse("wagtailadmin_choose_page_child", args=[media_world["other"].pk]))

    assert response.status_code == 200
    assert "Musrenbang" in response.content.decode()
