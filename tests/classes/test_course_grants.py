"""No organisation runs classes (and so issues certificates) in another's name without its grant.

Lestari owns "Pengelolaan Sampah", Cerdas owns "Anggaran Kelurahan" (tests/classes/conftest.py). A class
of another organisation's course is made, moved or filled only while the course's owner (or government
staff) grants it; a withdrawn grant stops new classes, new learners and completions on paper, while
what was done stays done.
"""

import importlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from certificates.models import Certificate
from certificates.services import certificate_issue
from classes.models import Cohort
from courses.grant_services import course_grant, course_grant_withdraw
from courses.models import CourseGrant, Enrolment
from organisations.models import Membership
from organisations.services import membership_set, organisation_create
from tests import factories
from tests.classes.conftest import make_cohort

pytestmark = pytest.mark.django_db


def said(message, **params):
    """A message as the admin shows it, in Indonesian (the catalogue's translation once it has one)."""
    with translation.override("id"):
        return translation.gettext(message) % params


def refused_class(organisation, owner):
    return said(
        "%(organisation)s may not run classes of this course: it belongs to %(owner)s, who has not granted it.",
        organisation=organisation.name,
        owner=owner.name,
    )


@pytest.fixture
def grants(world):
    """A third organisation with its facilitator, besides the world's two NGOs."""
    third = organisation_create(name="Komunitas Peduli Kampung", slug="peduli", kind="community")
    stranger = factories.resident(username="third-facilitator")
    membership_set(user=stranger, organisation=third, role=Membership.Role.FACILITATOR)
    admin = factories.resident(username="admin")
    admin.is_superuser = True
    admin.save()
    world["users"].update({"third facilitator": stranger, "superuser": admin})
    return {**world, "third": third}


def class_form_send(client, world, *, course, organisation=None, facilitators=None, cohort=None, **changes):
    """The class form sent by `client`'s user: a new class in Gunung Bahagia, or `cohort` as it is, with
    `changes`; run by Lestari with its facilitator unless told otherwise."""
    values = {
        "name": cohort.name if cohort else "Kelas Baru",
        "course": course.pk,
        "organisation": (organisation or world["lestari"]).pk,
        "facilitators": [user.pk for user in facilitators or [world["users"]["facilitator"]]],
        "kelurahan": cohort.kelurahan_id if cohort else factories.kelurahan().pk,
        "mode": "in-person",
        "starts_on": (cohort.starts_on if cohort else world["own"].starts_on).isoformat(),
        "ends_on": (cohort.ends_on if cohort else world["own"].ends_on).isoformat(),
        "capacity": 30,
        "enrolment_open": "on",
        "min_attendance_percent": "",
        "sessions": inline_formset([]),
        **changes,
    }
    url = reverse("cohorts:edit", args=[cohort.pk]) if cohort else reverse("cohorts:add")
    return client.post(url, nested_form_data(values))


# --- Making and changing classes ---------------------------------------------------------------------


@pytest.mark.parametrize(("grant", "allowed"), [
    pytest.param(None, False, id="a_class_of_another_organisations_course_is_refused_without_its_grant"),
    pytest.param("granted", True, id="a_class_of_a_granted_course_is_allowed"),
    pytest.param("withdrawn", False, id="a_withdrawn_grant_refuses_new_classes"),
])  # fmt: skip
def test_a_class_of_another_organisations_course_needs_its_grant(client, grants, grant, allowed):
    owner = grants["users"]["other facilitator"]
    if grant is not None:
        given = course_grant(course=grants["other_course"], organisation=grants["lestari"], by=owner)
        if grant == "withdrawn":
            course_grant_withdraw(grant=given, by=owner)
    client.force_login(grants["users"]["facilitator"])

    response = class_form_send(client, grants, course=grants["other_course"])

    if allowed:
        assert response.status_code == 302
        cohort = Cohort.objects.get(name="Kelas Baru")
        assert (cohort.course, cohort.organisation) == (grants["other_course"], grants["lestari"])
    else:
        assert response.status_code == 200
        assert not Cohort.objects.filter(name="Kelas Baru").exists()


def test_a_facilitator_of_two_organisations_cannot_run_one_organisations_grant_under_the_other(client, grants):
    # Cerdas granted its course to Peduli, not to Lestari: the facilitator of both may run it for Peduli only.
    facilitator = grants["users"]["facilitator"]
    membership_set(user=facilitator, organisation=grants["third"], role=Membership.Role.FACILITATOR)
    course_grant(course=grants["other_course"], organisation=grants["third"], by=grants["users"]["other facilitator"])
    client.force_login(facilitator)

    refused = class_form_send(
        client, grants, course=grants["other_course"], organisation=grants["lestari"], facilitators=[facilitator]
    )
    allowed = class_form_send(
        client, grants, course=grants["other_course"], organisation=grants["third"], facilitators=[facilitator]
    )

    assert refused.status_code == 200
    assert refused_class(grants["lestari"], grants["cerdas"]) in refused.text
    assert allowed.status_code == 302
    assert list(Cohort.objects.filter(name="Kelas Baru").values_list("organisation__slug", flat=True)) == ["peduli"]


def test_changing_a_classs_course_to_one_not_granted_is_refused(client, grants):
    cohort = grants["own"]
    client.force_login(grants["users"]["facilitator"])

    response = class_form_send(client, grants, cohort=cohort, course=grants["other_course"])

    assert response.status_code == 200  # the course is not among the form's choices
    cohort.refresh_from_db()
    assert cohort.course == grants["own_course"]


def test_changing_a_classs_organisation_to_one_without_the_grant_is_refused(client, grants):
    # A superuser may pick any organisation; the rule is the organisation's, not the person's.
    cohort = grants["own"]
    client.force_login(grants["users"]["superuser"])

    response = class_form_send(
        client, grants, cohort=cohort, course=grants["own_course"], organisation=grants["cerdas"]
    )

    assert response.status_code == 200
    assert refused_class(grants["cerdas"], grants["lestari"]) in response.text
    cohort.refresh_from_db()
    assert cohort.organisation == grants["lestari"]


def test_a_class_whose_grant_was_withdrawn_can_still_be_edited(client, grants):
    cohort = make_cohort(
        course=grants["other_course"], organisation=grants["lestari"], facilitators=[grants["users"]["facilitator"]]
    )
    course_grant_withdraw(grant=CourseGrant.objects.get(), by=grants["users"]["other facilitator"])
    client.force_login(grants["users"]["facilitator"])

    response = class_form_send(
        client, grants, cohort=cohort, course=grants["other_course"], name="Kelas Gunung Bahagia (pindah ruangan)"
    )

    assert response.status_code == 302
    cohort.refresh_from_db()
    assert cohort.name == "Kelas Gunung Bahagia (pindah ruangan)"


# --- A withdrawn grant: no new learners, no completions on paper --------------------------------------


@pytest.fixture
def withdrawn(grants):
    """Lestari's class of Cerdas's course, with one learner, after Cerdas withdrew its grant."""
    cohort = make_cohort(
        course=grants["other_course"],
        organisation=grants["lestari"],
        facilitators=[grants["users"]["facilitator"]],
        name="Kelas Anggaran Lestari",
    )
    learner = factories.learner(full_name="Peserta Lama", email="lama@contoh.id")
    enrolment = factories.enrolment(user=learner, course=cohort.course, cohort=cohort)
    course_grant_withdraw(grant=CourseGrant.objects.get(), by=grants["users"]["other facilitator"])
    return {**grants, "cohort": cohort, "enrolment": enrolment}


def test_a_roster_for_a_class_whose_grant_was_withdrawn_is_refused(client, withdrawn):
    client.force_login(withdrawn["users"]["facilitator"])
    cohort = withdrawn["cohort"]

    response = client.post(
        reverse("cohorts:roster_upload", args=[cohort.pk]),
        {
            "file": SimpleUploadedFile(
                "peserta.csv", b"nama,email,telepon,kelurahan\nBudi,budi@contoh.id,,Gunung Bahagia\n"
            ),
            "consent_collected": "on",
        },
    )

    assert response.status_code == 200
    assert (
        said(
            "%(organisation)s may not enrol learners in this course: it holds no grant from the owner of "
            "the course, or the grant was withdrawn.",
            organisation="Yayasan Lingkungan Lestari",
        )
        in response.text
    )
    assert list(Enrolment.objects.filter(cohort_enrolment__cohort=cohort)) == [withdrawn["enrolment"]]


def test_the_join_page_of_a_class_whose_grant_was_withdrawn_offers_no_join_button(client, withdrawn):
    client.force_login(withdrawn["users"]["resident"])

    response = client.get(reverse("class_join", args=[withdrawn["cohort"].enrolment_code]))

    assert said("This class is closed: it no longer takes new learners.") in response.text
    assert said("Join this class") not in response.text


def test_joining_a_class_whose_grant_was_withdrawn_is_refused(client, withdrawn):
    resident = withdrawn["users"]["resident"]
    client.force_login(resident)

    response = client.post(reverse("class_join", args=[withdrawn["cohort"].enrolment_code]), follow=True)

    assert said("This class no longer takes new learners: its organisation may no longer run this course.") in (
        response.text
    )
    assert not Enrolment.objects.filter(user=resident).exists()


def test_a_completion_on_paper_in_a_class_whose_grant_was_withdrawn_is_refused(client, withdrawn):
    client.force_login(withdrawn["users"]["facilitator"])
    enrolment = withdrawn["enrolment"]

    response = client.post(
        reverse("cohorts:record_paper_completion", args=[withdrawn["cohort"].pk, enrolment.pk]),
        {"note": "Tes kertas 12 Januari, nilai 85"},
        follow=True,
    )

    assert (
        said(
            "%(organisation)s may not record completions of this course: it holds no grant from the owner of "
            "the course, or the grant was withdrawn. The learner can still complete it online.",
            organisation="Yayasan Lingkungan Lestari",
        )
        in response.text
    )
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None
    assert not Certificate.objects.exists()


def test_certificates_issued_before_the_withdrawal_stay_valid(client, grants):
    cohort = make_cohort(course=grants["other_course"], organisation=grants["lestari"])
    learner = factories.learner(full_name="Lulus Dulu", email="lulus@contoh.id")
    enrolment = factories.enrolment(
        user=learner, course=cohort.course, cohort=cohort, status="completed", completed_at=cohort.created_at
    )
    certificate = certificate_issue(enrolment_id=enrolment.pk)
    course_grant_withdraw(grant=CourseGrant.objects.get(), by=grants["users"]["other facilitator"])

    page = client.get(reverse("certificates:verify", args=[certificate.code])).text

    assert "Sertifikat ini sah" in page
    assert "Yayasan Lingkungan Lestari" in page and "Perkumpulan Warga Cerdas" in page


# --- Granting and withdrawing in the admin ------------------------------------------------------------


def grant_form(course, organisation):
    return {"course": course.pk, "organisation": organisation.pk}


@pytest.mark.parametrize("role", ["facilitator", "author", "government", "superuser"])
def test_the_owner_and_government_staff_grant_a_course_in_the_admin(client, grants, role):
    client.force_login(grants["users"][role])

    response = client.post(reverse("course_grants:add"), grant_form(grants["own_course"], grants["cerdas"]))

    assert response.status_code == 302
    grant = CourseGrant.objects.get()
    assert (grant.course, grant.organisation, grant.granted_by) == (
        grants["own_course"],
        grants["cerdas"],
        grants["users"][role],
    )
    assert grant.is_active


@pytest.mark.parametrize("role", ["other facilitator", "third facilitator"])
def test_another_organisation_cannot_grant_a_course_it_does_not_own(client, grants, role):
    client.force_login(grants["users"][role])

    response = client.post(reverse("course_grants:add"), grant_form(grants["own_course"], grants["third"]))

    assert response.status_code == 200  # the form again: the course is not among its choices
    assert not CourseGrant.objects.exists()


@pytest.mark.parametrize("role", ["reviewer", "resident"])
def test_those_who_own_no_course_cannot_open_the_grant_form(client, grants, role):
    client.force_login(grants["users"][role])

    response = client.post(reverse("course_grants:add"), grant_form(grants["own_course"], grants["cerdas"]))

    assert response.status_code in (302, 403)
    assert not CourseGrant.objects.exists()


def test_a_course_is_not_granted_to_its_owner_nor_twice(client, grants):
    client.force_login(grants["users"]["author"])

    to_owner = client.post(reverse("course_grants:add"), grant_form(grants["own_course"], grants["lestari"]))
    client.post(reverse("course_grants:add"), grant_form(grants["own_course"], grants["cerdas"]))
    twice = client.post(reverse("course_grants:add"), grant_form(grants["own_course"], grants["cerdas"]))

    assert (
        said(
            "%(organisation)s owns this course: it runs its classes without a grant.",
            organisation="Yayasan Lingkungan Lestari",
        )
        in to_owner.text
    )
    assert (
        said("%(organisation)s may already run classes of this course.", organisation="Perkumpulan Warga Cerdas")
        in twice.text
    )
    assert CourseGrant.objects.count() == 1


@pytest.mark.parametrize(("role", "status", "withdrawn"), [
    ("facilitator", 302, True),
    ("author", 302, True),
    ("government", 302, True),
    # The grantee sees its grant but cannot withdraw it: the admin answers a refusal with a redirect.
    ("other facilitator", 302, False),
    ("third facilitator", 404, False),
])  # fmt: skip
def test_withdrawing_a_grant_is_for_the_owner_and_government_staff(client, grants, role, status, withdrawn):
    grant = course_grant(course=grants["own_course"], organisation=grants["cerdas"], by=grants["users"]["author"])
    client.force_login(grants["users"][role])

    response = client.post(reverse("course_grants:withdraw", args=[grant.pk]))

    assert response.status_code == status
    if status == 302:
        assert (response.url == reverse("course_grants:index")) == withdrawn
    grant.refresh_from_db()
    assert (grant.withdrawn_at is not None) == withdrawn
    if withdrawn:
        assert grant.withdrawn_by == grants["users"][role]


def test_the_grant_listing_shows_the_owner_its_grants_and_the_grantee_what_it_holds(client, grants):
    course_grant(course=grants["own_course"], organisation=grants["cerdas"], by=grants["users"]["author"])
    withdraw_link = "/tarik/"

    client.force_login(grants["users"]["author"])
    owner_page = client.get(reverse("course_grants:index")).text
    client.force_login(grants["users"]["other facilitator"])
    grantee_page = client.get(reverse("course_grants:index")).text
    client.force_login(grants["users"]["third facilitator"])
    stranger_page = client.get(reverse("course_grants:index")).text

    assert "Pengelolaan Sampah" in owner_page and "Perkumpulan Warga Cerdas" in owner_page
    assert withdraw_link in owner_page
    assert "Pengelolaan Sampah" in grantee_page and withdraw_link not in grantee_page
    assert "Pengelolaan Sampah" not in stranger_page


# --- The owner sees every learner and certificate of its courses -----------------------------------------


@pytest.fixture
def run_by_cerdas(grants):
    """Cerdas runs a class of Lestari's course, with its grant; one learner completed and has a certificate."""
    course_grant(course=grants["own_course"], organisation=grants["cerdas"], by=grants["users"]["author"])
    cohort = make_cohort(
        course=grants["own_course"],
        organisation=grants["cerdas"],
        facilitators=[grants["users"]["other facilitator"]],
        name="Kelas Sampah Cerdas",
    )
    learner = factories.learner(full_name="Rina Kelas Cerdas", email="rina@contoh.id")
    enrolment = factories.enrolment(
        user=learner, course=cohort.course, cohort=cohort, status="completed", completed_at=cohort.created_at
    )
    return {**grants, "cohort": cohort, "certificate": certificate_issue(enrolment_id=enrolment.pk)}


@pytest.mark.parametrize(("role", "sees"), [
    ("facilitator", True),  # Lestari, the course's owner
    ("other facilitator", True),  # Cerdas, which ran the class
    ("government", True),
    ("third facilitator", False),
])  # fmt: skip
def test_the_owner_sees_the_learners_and_certificates_of_classes_others_ran(client, run_by_cerdas, role, sees):
    client.force_login(run_by_cerdas["users"][role])

    learners = client.get(reverse("learners:index"))
    certificates = client.get(reverse("issued_certificates:index"))
    certificate = client.get(reverse("issued_certificates:inspect", args=[run_by_cerdas["certificate"].pk]))

    assert ("Rina Kelas Cerdas" in learners.text) == sees
    assert (run_by_cerdas["certificate"].display_code in certificates.text) == sees
    assert (certificate.status_code == 200) == sees


def test_the_owner_cannot_act_in_a_class_another_organisation_runs(client, run_by_cerdas):
    client.force_login(run_by_cerdas["users"]["facilitator"])

    assert client.get(reverse("cohorts:roster_upload", args=[run_by_cerdas["cohort"].pk])).status_code == 404
    response = client.post(reverse("issued_certificates:reissue", args=[run_by_cerdas["certificate"].pk]))
    assert response.status_code in (302, 403)
    assert run_by_cerdas["certificate"].versions.count() == 1


# --- The migration -----------------------------------------------------------------------------------------


def test_the_migration_grants_each_existing_classs_organisation_its_course(grants):
    migration = importlib.import_module("courses.migrations.0007_coursegrant")
    # Classes made before grants existed: the world's own classes (no grant needed) and one of another's course.
    Cohort.objects.create(
        name="Kelas Lama",
        course=grants["other_course"],
        organisation=grants["lestari"],
        kelurahan=factories.kelurahan(),
        starts_on=grants["own"].starts_on,
        ends_on=grants["own"].ends_on,
        capacity=10,
    )

    # The models as the migration knew them: classes have since moved to their own app (same tables).
    historical = MigrationLoader(connection).project_state(("courses", "0007_coursegrant")).apps
    migration.grant_existing_classes_courses(historical, None)
    migration.grant_existing_classes_courses(historical, None)  # run again: nothing doubles

    assert list(CourseGrant.objects.values_list("course", "organisation", "withdrawn_at")) == [
        (grants["other_course"].pk, grants["lestari"].pk, None)
    ]
