"""Two workers issuing the same certificate at the same moment make one certificate with one version.

Real concurrency needs real connections, so these run on PostgreSQL (as CI does).
"""

import pytest
from django.db import connection
from django.utils import timezone

from certificates import services
from certificates.models import Certificate, CertificateVersion
from courses.models import Enrolment
from tests import factories

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: concurrent transactions"),
]


@pytest.fixture
def completed_enrolment(wagtail_root):
    tree = factories.site_tree(factories.home_page())
    course = factories.course_page(tree["courses"])
    factories.module_page(course, title="Satu")
    return Enrolment.objects.create(
        user=factories.learner(), course=course, status=Enrolment.Status.COMPLETED, completed_at=timezone.now()
    )


def test_two_workers_issuing_at_once_make_one_certificate_with_one_version(completed_enrolment, run_together):
    results = run_together(*[lambda: services.certificate_issue(enrolment_id=completed_enrolment.pk)] * 2)

    assert all(isinstance(result, Certificate) for result in results), results
    assert results[0].pk == results[1].pk
    assert Certificate.objects.filter(enrolment=completed_enrolment).count() == 1
    assert CertificateVersion.objects.filter(certificate__enrolment=completed_enrolment).count() == 1


def test_two_reissues_at_once_add_two_versions_one_after_the_other(completed_enrolment, run_together):
    certificate = services.certificate_issue(enrolment_id=completed_enrolment.pk)
    results = run_together(*[lambda: services.certificate_reissue(certificate=certificate)] * 2)

    assert all(isinstance(result, Certificate) for result in results), results
    versions = CertificateVersion.objects.filter(certificate=certificate).order_by("number")
    assert [version.number for version in versions] == [1, 2, 3]
    assert [version.superseded_at is None for version in versions] == [False, False, True]


def test_the_database_refuses_a_second_certificate_for_an_enrolment(completed_enrolment):
    from django.db import IntegrityError

    Certificate.objects.create(enrolment=completed_enrolment)
    with pytest.raises(IntegrityError):
        Certificate.objects.create(enrolment=completed_enrolment)
