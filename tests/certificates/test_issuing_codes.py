"""A certificate's random code that is taken already is drawn again, without a savepoint to undo."""

from unittest import mock

import pytest
from django.utils import timezone

from certificates import services
from certificates.models import Certificate, CertificateVersion
from courses.models import Enrolment
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_completed_enrolments(wagtail_root):
    tree = factories.site_tree(factories.home_page())
    course = factories.course_page(tree["courses"])
    factories.module_page(course, title="Satu")
    return [
        Enrolment.objects.create(
            user=factories.learner(), course=course, status=Enrolment.Status.COMPLETED, completed_at=timezone.now()
        )
        for _ in range(2)
    ]


def test_a_code_taken_already_is_drawn_again(two_completed_enrolments):
    first, second = two_completed_enrolments
    taken = services.certificate_issue(enrolment_id=first.pk).code
    codes = iter([taken, "7KQ2MX9D4T"])
    with mock.patch.object(Certificate._meta.get_field("code"), "_get_default", lambda: next(codes)):
        certificate = services.certificate_issue(enrolment_id=second.pk)

    assert certificate.code == "7KQ2MX9D4T"
    assert certificate.enrolment_id == second.pk
    assert Certificate.objects.get(enrolment=first).code == taken
    assert CertificateVersion.objects.filter(certificate=certificate, superseded_at__isnull=True).count() == 1


def test_issuing_twice_keeps_the_code_and_the_one_version(two_completed_enrolments):
    enrolment = two_completed_enrolments[0]
    first = services.certificate_issue(enrolment_id=enrolment.pk)
    again = services.certificate_issue(enrolment_id=enrolment.pk)

    assert (again.pk, again.code) == (first.pk, first.code)
    assert CertificateVersion.objects.filter(certificate__enrolment=enrolment).count() == 1
