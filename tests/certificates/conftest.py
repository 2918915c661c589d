"""Builders shared by the certificate tests: a completed enrolment, and its issued certificate."""

import pytest
from django.utils import timezone

from certificates.services import certificate_issue
from courses.models import Enrolment
from organisations.services import organisation_create
from tests import factories


@pytest.fixture
def completed_enrolment(site_tree):
    """A function making a completed enrolment: ``completed_enrolment(resident=..., course=..., completed_at=...)``.

    Without a course, every call shares one course ("Hak dan Kewajiban Warga" by Yayasan Lingkungan
    Lestari); without a resident, each call makes a new one.
    """
    made = {}

    def make(*, resident=None, course=None, completed_at=None):
        if course is None:
            if "course" not in made:
                organisation = organisation_create(name="Yayasan Lingkungan Lestari", slug="lestari", kind="ngo")
                made["course"] = factories.course_page(
                    site_tree["courses"], title="Hak dan Kewajiban Warga", organisation=organisation
                )
            course = made["course"]
        if resident is None:
            made["residents"] = made.get("residents", 0) + 1
            resident = factories.learner(full_name=f"Siti Rahmawati {made['residents']}")
        return Enrolment.objects.create(
            user=resident,
            course=course,
            status=Enrolment.Status.COMPLETED,
            completed_at=completed_at or timezone.now(),
        )

    return make


@pytest.fixture
def issued_certificate(completed_enrolment):
    """A certificate issued for a new completed enrolment, with its first version (a real PDF)."""
    return certificate_issue(enrolment_id=completed_enrolment().pk)
