"""NGO authors write their own organisation's courses and submit them for review; nobody else's.

An authorization matrix: each role against each admin page of course authoring, for a course of
the author's own organisation and one of another. Adding a view is adding a row to VIEWS.
"""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from organisations.models import Membership
from organisations.services import (
    GOVERNMENT_STAFF_GROUP,
    REVIEWERS_GROUP,
    content_review_install,
    membership_set,
    organisation_create,
)
from tests import factories

pytestmark = pytest.mark.django_db

ALLOW, DENY = "allow", "deny"


@pytest.fixture
def world(site_tree):
    """Two NGOs with a course each, the review workflow, and one user per role."""
    lestari = organisation_create(name="Yayasan Lingkungan Lestari", slug="lestari", kind="ngo")
    cerdas = organisation_create(name="Perkumpulan Warga Cerdas", slug="cerdas", kind="ngo")
    content_review_install()
    own = factories.course_page(site_tree["courses"], title="Pengelolaan Sampah", organisation=lestari)
    other = factories.course_page(site_tree["courses"], title="Anggaran Kelurahan", organisation=cerdas)
    factories.module_page(own, title="Memilah Sampah")
    factories.module_page(other, title="Musrenbang")
    users = {
        "resident": factories.resident(username="warga"),
        **factories.users_with_roles(
            members=[
                ("author", lestari, Membership.Role.AUTHOR),
                ("facilitator", lestari, Membership.Role.FACILITATOR),
            ],
            government=[("reviewer", REVIEWERS_GROUP), ("government", GOVERNMENT_STAFF_GROUP)],
        ),
    }
    return {"own": own, "other": other, "index": site_tree["courses"], "users": users, "forums": site_tree["forums"]}


VIEWS = {
    "edit course": lambda w, course: reverse("wagtailadmin_pages:edit", args=[course.pk]),
    "add module": lambda w, course: reverse("wagtailadmin_pages:add", args=["courses", "modulepage", course.pk]),
    "edit module": lambda w, course: reverse("wagtailadmin_pages:edit", args=[course.get_children().first().pk]),
}

# role -> (own organisation's course, other organisation's course)
EXPECTED = {
    "author": (ALLOW, DENY),
    "facilitator": (DENY, DENY),
    "reviewer": (DENY, DENY),
    "government": (DENY, DENY),
    "resident": (DENY, DENY),
    "anonymous": (DENY, DENY),
}


def outcome(response):
    """200 is allowed; a refusal is a redirect (to the login or the admin's home) or a 403, never an error."""
    assert response.status_code in (200, 302, 403), response.status_code
    return ALLOW if response.status_code == 200 else DENY


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("role", EXPECTED)
@pytest.mark.parametrize("whose", ["own", "other"])
def test_course_authoring_matrix(client, world, role, view, whose):
    if role != "anonymous":
        client.force_login(world["users"][role])
    response = client.get(VIEWS[view](world, world[whose]))
    expected = EXPECTED[role][0 if whose == "own" else 1]
    assert outcome(response) == expected, f"{role} {view} ({whose}): {response.status_code}"


@pytest.mark.parametrize(
    ("role", "expected"),
    [("author", ALLOW), ("facilitator", DENY), ("reviewer", DENY), ("resident", DENY), ("anonymous", DENY)],
)
def test_adding_a_course_under_the_course_index(client, world, role, expected):
    if role != "anonymous":
        client.force_login(world["users"][role])
    response = client.get(reverse("wagtailadmin_pages:add", args=["courses", "coursepage", world["index"].pk]))
    assert outcome(response) == expected


def test_an_author_cannot_add_pages_outside_the_courses(client, world):
    client.force_login(world["users"]["author"])
    response = client.get(reverse("wagtailadmin_pages:add", args=["participation", "forumpage", world["forums"].pk]))
    assert outcome(response) == DENY


def test_an_author_chooses_only_their_own_organisation_for_a_new_course(client, world):
    client.force_login(world["users"]["author"])
    response = client.get(reverse("wagtailadmin_pages:add", args=["courses", "coursepage", world["index"].pk]))
    assert "Yayasan Lingkungan Lestari" in response.text
    assert "Perkumpulan Warga Cerdas" not in response.text


def test_the_explorer_lists_only_the_authors_own_courses(client, world):
    client.force_login(world["users"]["author"])
    response = client.get(reverse("wagtailadmin_explore", args=[world["index"].pk]))
    assert response.status_code == 200
    assert "Pengelolaan Sampah" in response.text
    assert "Anggaran Kelurahan" not in response.text


def test_an_author_submits_for_review_instead_of_publishing(client, world):
    own, author = world["own"], world["users"]["author"]
    permissions = own.permissions_for_user(author)
    assert not permissions.can_publish()
    assert permissions.can_submit_for_moderation()
    client.force_login(author)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[own.pk]))
    assert 'name="action-submit"' in response.text
    assert 'name="action-publish"' not in response.text


def submitted(world):
    """The author's edit of their course, submitted to the review workflow."""
    own, author = world["own"], world["users"]["author"]
    own.title = "Pengelolaan Sampah Rumah Tangga"
    revision = own.save_revision(user=author)
    state = own.get_workflow().start(own, author)
    own.refresh_from_db()
    assert own.title == "Pengelolaan Sampah"  # not published while under review
    return own, revision, state.current_task_state


def test_a_reviewer_approves_and_the_course_is_published(client, world):
    own, revision, task_state = submitted(world)
    client.force_login(world["users"]["reviewer"])
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[own.pk, "approve", task_state.pk]),
        {"comment": "Sudah sesuai."},
    )
    assert response.status_code in (200, 302)
    own.refresh_from_db()
    assert own.title == "Pengelolaan Sampah Rumah Tangga"
    assert own.live_revision_id == revision.pk


def test_a_reviewer_rejects_with_a_comment_the_author_reads(client, world):
    own, _revision, task_state = submitted(world)
    client.force_login(world["users"]["reviewer"])
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[own.pk, "reject", task_state.pk]),
        {"comment": "Sebutkan dasar hukumnya: UU 18/2008."},
    )
    own.refresh_from_db()
    assert own.title == "Pengelolaan Sampah"
    assert WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(own.pk)).status == "needs_changes"
    client.force_login(world["users"]["author"])
    response = client.get(reverse("wagtailadmin_pages:history", args=[own.pk]))
    assert "Sebutkan dasar hukumnya: UU 18/2008." in response.text


def test_an_author_cannot_approve_their_own_submission(client, world):
    own, _revision, task_state = submitted(world)
    client.force_login(world["users"]["author"])
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[own.pk, "approve", task_state.pk]), {"comment": ""}
    )
    own.refresh_from_db()
    assert own.title == "Pengelolaan Sampah"


def test_an_author_cannot_copy_a_module_into_another_organisations_course(client, world):
    module = world["own"].get_children().first()
    client.force_login(world["users"]["author"])
    client.post(
        reverse("wagtailadmin_pages:copy", args=[module.pk]),
        {"new_title": "Salinan", "new_slug": "salinan", "new_parent_page": world["other"].pk},
    )
    assert not world["other"].get_children().filter(slug="salinan").exists()


def test_an_author_can_copy_a_module_within_their_own_course(client, world):
    module = world["own"].get_children().first()
    client.force_login(world["users"]["author"])
    client.post(
        reverse("wagtailadmin_pages:copy", args=[module.pk]),
        {"new_title": "Salinan", "new_slug": "salinan", "new_parent_page": world["own"].pk},
    )
    copy = world["own"].get_children().get(slug="salinan")
    assert copy.owner is None  # the organisation's, not the author's


def test_an_author_cannot_bulk_move_a_module_into_another_organisations_course(client, world):
    module = world["own"].get_children().first()
    module.unpublish()  # a draft: the author may move it (a live page needs the publish permission)
    client.force_login(world["users"]["author"])
    client.post(f"/admin/bulk/wagtailcore/page/move/?id={module.pk}", {"chooser": world["other"].pk})
    module.refresh_from_db()
    assert module.get_parent().pk == world["own"].pk


def test_a_former_author_cannot_edit_the_module_they_wrote(client, world):
    """Rights come from the organisation, not from having created a page."""
    from courses.wagtail_hooks import course_pages_belong_to_the_organisation
    from organisations.services import membership_remove

    author = world["users"]["author"]
    module = factories.module_page(world["own"], title="Bank Sampah")
    module.owner = author
    module.save()
    course_pages_belong_to_the_organisation(None, module)  # what creating it in the admin runs
    membership_remove(user=author, organisation=world["own"].organisation)
    # Now writing for another organisation: still an author somewhere under /kursus/.
    membership_set(user=author, organisation=world["other"].organisation, role=Membership.Role.AUTHOR)
    client.force_login(author)
    assert outcome(client.get(reverse("wagtailadmin_pages:edit", args=[module.pk]))) == DENY


def test_an_author_sees_only_their_organisations_images(client, world):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    Image = get_image_model()
    own_org, other_org = world["own"].organisation, world["other"].organisation
    Image.objects.create(title="FOTO-LESTARI", file=get_test_image_file(), collection=own_org.collection)
    Image.objects.create(title="FOTO-CERDAS", file=get_test_image_file(), collection=other_org.collection)
    client.force_login(world["users"]["author"])
    listing = client.get(reverse("wagtailimages:index")).text
    chooser = client.get(reverse("wagtailimages_chooser:choose")).text
    for text in (listing, chooser):
        assert "FOTO-LESTARI" in text
        assert "FOTO-CERDAS" not in text


def test_a_reviewer_cannot_unpublish_a_course(client, world):
    client.force_login(world["users"]["reviewer"])
    client.post(reverse("wagtailadmin_pages:unpublish", args=[world["other"].pk]))
    world["other"].refresh_from_db()
    assert world["other"].live


def test_a_reviewer_cannot_bulk_publish_an_unsubmitted_draft(client, world):
    module = world["other"].get_children().first()
    module.unpublish()
    client.force_login(world["users"]["reviewer"])
    client.post(f"/admin/bulk/wagtailcore/page/publish/?id={module.pk}", {})
    module.refresh_from_db()
    assert not module.live


# Every admin screen that lists pages asks Wagtail's page permission policy which pages a person may
# explore: the project's policy leaves other organisations' courses out for NGO members.
PAGE_LISTINGS = {
    "admin search": lambda w: reverse("wagtailadmin_pages:search") + "?q=Anggaran",
    "site history": lambda w: reverse("wagtailadmin_reports:site_history"),
    "page types report": lambda w: reverse("wagtailadmin_reports:page_types_usage"),
    "pages admin API": lambda w: reverse("wagtailadmin_api:pages:listing") + "?child_of=" + str(w["index"].pk),
    "explorer": lambda w: reverse("wagtailadmin_explore", args=[w["index"].pk]),
    "page chooser": lambda w: reverse("wagtailadmin_choose_page_child", args=[w["index"].pk]),
}


@pytest.mark.parametrize("listing", PAGE_LISTINGS)
def test_admin_page_listings_leave_out_other_organisations_courses(client, world, listing):
    from wagtail.log_actions import log

    for course in (world["own"], world["other"]):
        log(course, "wagtail.edit")  # something for the site history to show
    client.force_login(world["users"]["author"])

    response = client.get(PAGE_LISTINGS[listing](world))

    assert response.status_code == 200
    body = response.content.decode()
    assert "Anggaran Kelurahan" not in body
    if listing in ("explorer", "pages admin API", "site history"):
        assert "Pengelolaan Sampah" in body  # the author's own course is there


@pytest.mark.parametrize("listing", ["admin search", "explorer"])
def test_reviewers_still_find_every_organisations_course(client, world, listing):
    client.force_login(world["users"]["reviewer"])

    response = client.get(PAGE_LISTINGS[listing](world))

    assert "Anggaran Kelurahan" in response.content.decode()


@pytest.mark.parametrize("page", ["course", "module"])
def test_another_organisations_course_cannot_be_explored_by_its_id(client, world, page):
    target = world["other"] if page == "course" else world["other"].get_children().first()
    client.force_login(world["users"]["author"])

    response = client.get(reverse("wagtailadmin_explore", args=[target.pk]))

    assert response.status_code == 404
    assert target.title not in response.content.decode()
    assert client.get(reverse("wagtailadmin_explore", args=[world["own"].pk])).status_code == 200


def test_reviewers_explore_every_organisations_course(client, world):
    client.force_login(world["users"]["reviewer"])

    assert client.get(reverse("wagtailadmin_explore", args=[world["other"].pk])).status_code == 200


def test_the_explorer_still_asks_for_an_admin_login(client, world):
    response = client.get(reverse("wagtailadmin_explore", args=[world["own"].pk]))

    assert response.status_code == 302
    assert "/admin/login/" in response.url
