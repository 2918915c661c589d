"""The certificate template of a course: chosen in the certificates admin, printed on its certificates.

Lestari owns "Pengelolaan Sampah", Cerdas owns "Anggaran Kelurahan". Whoever writes a course (its
organisation's authors, and superusers) chooses its template, as when the choice was a field of the
course's page; government staff and reviewers read every choice and change none.
"""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry

from certificates import selectors
from certificates.models import CertificateTemplate, CourseCertificateTemplate
from certificates.selectors import certificate_template_for
from certificates.services import course_certificate_template_choose
from organisations.models import Membership
from organisations.services import (
    GOVERNMENT_STAFF_GROUP,
    REVIEWERS_GROUP,
    organisation_create,
)
from tests import factories

pytestmark = pytest.mark.django_db

NAMESPACE = "course_certificate_templates"


@pytest.fixture
def world(site_tree):
    lestari = organisation_create(name="Yayasan Lingkungan Lestari", slug="lestari", kind="ngo")
    cerdas = organisation_create(name="Perkumpulan Warga Cerdas", slug="cerdas", kind="ngo")
    users = factories.users_with_roles(
        members=[
            ("author", lestari, Membership.Role.AUTHOR),
            ("facilitator", lestari, Membership.Role.FACILITATOR),
            ("other author", cerdas, Membership.Role.AUTHOR),
        ],
        government=[("government", GOVERNMENT_STAFF_GROUP), ("reviewer", REVIEWERS_GROUP)],
    )
    users["superuser"] = get_user_model().objects.create_superuser(
        username="admin", password="x", email="admin@contoh.id"
    )
    return {
        "own_course": factories.course_page(site_tree["courses"], title="Pengelolaan Sampah", organisation=lestari),
        "other_course": factories.course_page(site_tree["courses"], title="Anggaran Kelurahan", organisation=cerdas),
        "city": CertificateTemplate.objects.create(name="Templat Pemkot"),
        "ngo": CertificateTemplate.objects.create(name="Templat Mitra"),
        "users": users,
    }


def refused(response):
    """Wagtail's refusal: a 403, or back to the admin's home page with a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def chosen(course):
    return CourseCertificateTemplate.objects.filter(course=course).values_list("template__name", flat=True).first()


# --- Which template a certificate is printed with ----------------------------------------------------


def test_a_course_prints_with_its_chosen_template_and_otherwise_with_the_default(world):
    default = CertificateTemplate.objects.get(is_default=True)
    course_certificate_template_choose(course=world["own_course"], template=world["ngo"])

    assert certificate_template_for(course=world["own_course"]) == world["ngo"]
    assert certificate_template_for(course=world["other_course"]) == default


def test_a_course_may_choose_the_default_template_itself(world):
    default = CertificateTemplate.objects.get(is_default=True)
    course_certificate_template_choose(course=world["own_course"], template=default)

    assert certificate_template_for(course=world["own_course"]) == default


def test_without_a_default_template_a_course_prints_with_the_built_in_one(world):
    CertificateTemplate.objects.filter(is_default=True).delete()

    template = certificate_template_for(course=world["own_course"])

    assert template.pk is None
    assert "{nama}" in template.body


def test_deleting_a_chosen_template_sends_its_courses_back_to_the_default(world):
    course_certificate_template_choose(course=world["own_course"], template=world["ngo"])

    world["ngo"].delete()

    assert chosen(world["own_course"]) is None
    assert certificate_template_for(course=world["own_course"]).is_default


@pytest.mark.parametrize("choice", ["none", "own"])
def test_the_template_comes_in_the_same_three_queries_whether_chosen_or_not(world, choice, django_assert_num_queries):
    if choice == "own":
        course_certificate_template_choose(course=world["own_course"], template=world["ngo"])
    selectors._templates.clear()  # as in a worker that has not printed this course's certificates yet

    # The fingerprint of what the template prints, the template (chosen or default), then its signatories.
    with django_assert_num_queries(3):
        certificate_template_for(course=world["own_course"])


def test_a_course_copied_in_the_admin_keeps_its_template(client, world):
    course_certificate_template_choose(course=world["own_course"], template=world["ngo"])
    client.force_login(world["users"]["superuser"])

    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[world["own_course"].pk]),
        {
            "new_title": "Pengelolaan Sampah (salinan)",
            "new_slug": "pengelolaan-sampah-salinan",
            "new_parent_page": world["own_course"].get_parent().pk,
            "copy_subpages": "on",
            "publish_copies": "",
        },
    )

    assert response.status_code == 302
    copy = type(world["own_course"]).objects.get(slug="pengelolaan-sampah-salinan")
    assert chosen(copy) == "Templat Mitra"
    assert chosen(world["own_course"]) == "Templat Mitra"


def test_the_course_editor_no_longer_offers_a_certificate_template(client, world):
    client.force_login(world["users"]["author"])

    response = client.get(reverse("wagtailadmin_pages:edit", args=[world["own_course"].pk]))

    assert response.status_code == 200
    assert 'name="certificate_template"' not in response.text


# --- Choosing in the certificates admin --------------------------------------------------------------


def test_an_author_chooses_the_template_of_their_organisations_course(client, world):
    client.force_login(world["users"]["author"])

    form = client.get(reverse(f"{NAMESPACE}:add"))
    response = client.post(
        reverse(f"{NAMESPACE}:add"), {"course": world["own_course"].pk, "template": world["ngo"].pk}
    )

    assert form.status_code == 200
    assert "Pengelolaan Sampah" in form.text
    assert "Anggaran Kelurahan" not in form.text  # another organisation's course is not offered
    assert response.status_code == 302
    assert chosen(world["own_course"]) == "Templat Mitra"
    # Who chose it, and when, is in the choice's history.
    choice = CourseCertificateTemplate.objects.get(course=world["own_course"])
    assert ModelLogEntry.objects.for_instance(choice).get().user == world["users"]["author"]
    assert client.get(reverse(f"{NAMESPACE}:history", args=[choice.pk])).status_code == 200


def test_an_author_cannot_choose_the_template_of_another_organisations_course(client, world):
    client.force_login(world["users"]["author"])

    response = client.post(
        reverse(f"{NAMESPACE}:add"), {"course": world["other_course"].pk, "template": world["ngo"].pk}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["course"]
    assert chosen(world["other_course"]) is None


def test_an_author_changes_and_removes_their_courses_choice(client, world):
    choice = course_certificate_template_choose(course=world["own_course"], template=world["ngo"])
    client.force_login(world["users"]["author"])

    changed = client.post(reverse(f"{NAMESPACE}:edit", args=[choice.pk]), {"template": world["city"].pk})
    assert changed.status_code == 302
    assert chosen(world["own_course"]) == "Templat Pemkot"

    removed = client.post(reverse(f"{NAMESPACE}:delete", args=[choice.pk]))
    assert removed.status_code == 302
    assert chosen(world["own_course"]) is None


def test_a_choice_stays_with_its_course_when_edited(client, world):
    choice = course_certificate_template_choose(course=world["own_course"], template=world["ngo"])
    client.force_login(world["users"]["superuser"])

    client.post(
        reverse(f"{NAMESPACE}:edit", args=[choice.pk]),
        {"course": world["other_course"].pk, "template": world["city"].pk},
    )

    assert chosen(world["own_course"]) == "Templat Pemkot"
    assert chosen(world["other_course"]) is None


def test_an_author_neither_sees_nor_changes_another_organisations_choice(client, world):
    own = course_certificate_template_choose(course=world["own_course"], template=world["ngo"])
    other = course_certificate_template_choose(course=world["other_course"], template=world["ngo"])
    client.force_login(world["users"]["author"])

    listing = client.get(reverse(f"{NAMESPACE}:index"))
    edit = client.post(reverse(f"{NAMESPACE}:edit", args=[other.pk]), {"template": world["city"].pk})
    delete = client.post(reverse(f"{NAMESPACE}:delete", args=[other.pk]))
    history = client.get(reverse(f"{NAMESPACE}:history", args=[other.pk]))

    assert listing.status_code == 200
    assert "Pengelolaan Sampah" in listing.text and "Anggaran Kelurahan" not in listing.text
    searched = client.get(reverse(f"{NAMESPACE}:index"), {"q": "Anggaran"})
    assert searched.status_code == 200 and "Anggaran Kelurahan" not in searched.text
    assert reverse(f"{NAMESPACE}:edit", args=[own.pk]) in listing.text
    assert (edit.status_code, delete.status_code, history.status_code) == (404, 404, 404)
    assert chosen(world["other_course"]) == "Templat Mitra"


def test_a_superuser_chooses_for_any_course(client, world):
    client.force_login(world["users"]["superuser"])

    response = client.post(
        reverse(f"{NAMESPACE}:add"), {"course": world["other_course"].pk, "template": world["city"].pk}
    )

    assert response.status_code == 302
    assert chosen(world["other_course"]) == "Templat Pemkot"


def test_a_course_with_a_choice_is_not_offered_twice(client, world):
    course_certificate_template_choose(course=world["own_course"], template=world["ngo"])
    client.force_login(world["users"]["author"])

    response = client.post(
        reverse(f"{NAMESPACE}:add"), {"course": world["own_course"].pk, "template": world["city"].pk}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["course"]
    assert chosen(world["own_course"]) == "Templat Mitra"


@pytest.mark.parametrize("role", ["government", "reviewer"])
def test_government_staff_and_reviewers_read_every_choice_and_change_none(client, world, site_tree, role):
    own = course_certificate_template_choose(course=world["own_course"], template=world["ngo"])
    course_certificate_template_choose(course=world["other_course"], template=world["city"])
    unchosen = factories.course_page(site_tree["courses"], title="Kursus Baru", organisation=own.course.organisation)
    client.force_login(world["users"][role])

    listing = client.get(reverse(f"{NAMESPACE}:index"))
    add = client.post(reverse(f"{NAMESPACE}:add"), {"course": unchosen.pk, "template": world["city"].pk})
    edit = client.post(reverse(f"{NAMESPACE}:edit", args=[own.pk]), {"template": world["city"].pk})
    delete = client.post(reverse(f"{NAMESPACE}:delete", args=[own.pk]))

    assert listing.status_code == 200
    assert "Pengelolaan Sampah" in listing.text and "Anggaran Kelurahan" in listing.text
    assert reverse(f"{NAMESPACE}:edit", args=[own.pk]) not in listing.text
    assert reverse(f"{NAMESPACE}:add") not in listing.text
    assert refused(add) and refused(edit) and refused(delete)
    assert chosen(world["own_course"]) == "Templat Mitra"
    assert chosen(unchosen) is None


@pytest.mark.parametrize("role", ["facilitator", "resident"])
def test_people_who_write_no_course_cannot_open_the_choices(client, world, role):
    user = world["users"].get(role) or factories.resident(username="warga-biasa")
    choice = course_certificate_template_choose(course=world["own_course"], template=world["ngo"])
    client.force_login(user)

    for url in (
        reverse(f"{NAMESPACE}:index"),
        reverse(f"{NAMESPACE}:add"),
        reverse(f"{NAMESPACE}:edit", args=[choice.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        if response.status_code == 302:
            assert response.url in (reverse("wagtailadmin_home"), f"{reverse('wagtailadmin_login')}?next={url}")


def test_the_listing_takes_the_same_queries_for_many_choices(client, world, site_tree, django_assert_num_queries):
    client.force_login(world["users"]["government"])
    course_certificate_template_choose(course=world["own_course"], template=world["ngo"])
    url = reverse(f"{NAMESPACE}:index")
    client.get(url)  # the first request warms what Wagtail keeps per process
    with CaptureQueriesContext(connection) as few:
        client.get(url)

    for number in range(5):
        course = factories.course_page(
            site_tree["courses"], title=f"Kursus {number}", organisation=world["own_course"].organisation
        )
        course_certificate_template_choose(course=course, template=world["city"])
    with django_assert_num_queries(len(few)):
        response = client.get(url)

    assert response.text.count("Templat Pemkot") >= 5
