"""Two NGOs, each with a course and a class, and one user per role: the world of the class tests."""

import datetime

import pytest
from django.utils import timezone

from classes.models import Cohort, CohortMeeting
from courses.models import CourseGrant
from organisations.models import Membership
from organisations.services import (
    GOVERNMENT_STAFF_GROUP,
    REVIEWERS_GROUP,
    organisation_create,
)
from tests import factories


def make_cohort(*, course, organisation, facilitators=(), name="Kelas Gunung Bahagia", **fields):
    today = timezone.localdate()
    defaults = {
        "kelurahan": factories.kelurahan(),
        "mode": Cohort.Mode.IN_PERSON,
        "starts_on": today - datetime.timedelta(days=7),
        "ends_on": today + datetime.timedelta(days=30),
        "capacity": 30,
    }
    if course.organisation_id != organisation.pk:
        # A class of another organisation's course exists only with the owner's grant (as the migration
        # granted every class that existed before grants).
        CourseGrant.objects.get_or_create(course=course, organisation=organisation, withdrawn_at=None)
    cohort = Cohort.objects.create(name=name, course=course, organisation=organisation, **{**defaults, **fields})
    cohort.facilitators.set(facilitators)
    return cohort


def add_meetings(cohort, count):
    start = timezone.now() - datetime.timedelta(days=count)
    return [
        CohortMeeting.objects.create(
            cohort=cohort, title=f"Pertemuan {number}", starts_at=start + datetime.timedelta(days=number)
        )
        for number in range(1, count + 1)
    ]


@pytest.fixture
def world(site_tree):
    lestari = organisation_create(name="Yayasan Lingkungan Lestari", slug="lestari", kind="ngo")
    cerdas = organisation_create(name="Perkumpulan Warga Cerdas", slug="cerdas", kind="ngo")
    own_course = factories.course_page(site_tree["courses"], title="Pengelolaan Sampah", organisation=lestari)
    other_course = factories.course_page(site_tree["courses"], title="Anggaran Kelurahan", organisation=cerdas)
    factories.module_page(own_course, title="Memilah Sampah")
    factories.module_page(other_course, title="Musrenbang")
    users = {
        "resident": factories.learner(full_name="Warga Biasa", email="warga@contoh.id"),
        **factories.users_with_roles(
            members=[
                ("facilitator", lestari, Membership.Role.FACILITATOR),
                ("author", lestari, Membership.Role.AUTHOR),
                ("other facilitator", cerdas, Membership.Role.FACILITATOR),
            ],
            government=[("government", GOVERNMENT_STAFF_GROUP), ("reviewer", REVIEWERS_GROUP)],
        ),
    }
    # Each runs a class of its own course: a course's owner sees the learners of every class of it,
    # so a class of the other's course would show each one the other's learners (tests/classes/test_course_grants.py).
    own = make_cohort(course=own_course, organisation=lestari, facilitators=[users["facilitator"]])
    other = make_cohort(
        course=other_course, organisation=cerdas, facilitators=[users["other facilitator"]], name="Kelas Sepinggan"
    )
    return {
        "lestari": lestari,
        "cerdas": cerdas,
        "own_course": own_course,
        "other_course": other_course,
        "own": own,
        "other": other,
        "users": users,
    }
