"""Data for the certificate admin tests: the class tests' two NGOs and roles, with certificates issued.

A test module binds the fixtures it uses to its own names: ``world = admin_fixtures.world``.
"""

import pytest
from django.utils import timezone
from django.utils.text import slugify

from certificates.services import certificate_issue
from courses.models import Enrolment
from tests import factories
from tests.classes import conftest as class_fixtures

# The class tests' world: two NGOs, a class each, one user per role.
world = class_fixtures.world


def completed_enrolment(cohort, name):
    """A learner of the class who completed its course."""
    user = factories.learner(full_name=name, email=f"{slugify(name)}@contoh.id")
    return factories.enrolment(
        user=user,
        course=cohort.course,
        cohort=cohort,
        status=Enrolment.Status.COMPLETED,
        completed_at=timezone.now(),
    )


def issued_certificate(cohort, name):
    """A completed learner's certificate, with its real PDF."""
    return certificate_issue(enrolment_id=completed_enrolment(cohort, name).pk)


@pytest.fixture
def certified(world):
    """One issued certificate in each NGO's class: "own" is Lestari's (the facilitator's), "other" Cerdas's."""
    return {
        **world,
        "certificates": {
            "own": issued_certificate(world["own"], "Budi Santoso"),
            "other": issued_certificate(world["other"], "Dewi Lestari"),
        },
    }
