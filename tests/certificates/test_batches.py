"""A class's bulk job: every completed learner gets one certificate, and a crash loses or repeats nothing."""

import pytest
from django.utils import timezone

from certificates import services
from certificates.models import Certificate, CertificateBatch, CertificateVersion
from certificates.selectors import batch_progress
from certificates.tasks import certificate_batch_task
from courses.models import Enrolment
from organisations.services import organisation_create
from tests import factories
from tests.classes.conftest import make_cohort

pytestmark = pytest.mark.django_db


class WorkerKilled(BaseException):
    """Stands for SIGKILL: not an Exception, so nothing in the job catches it."""


@pytest.fixture
def class_of_four(site_tree):
    organisation = organisation_create(name="Yayasan Lingkungan Lestari", slug="lestari", kind="ngo")
    course = factories.course_page(site_tree["courses"], title="Pengelolaan Sampah", organisation=organisation)
    factories.module_page(course, title="Memilah Sampah")
    facilitator = factories.resident(username="fasilitator")
    cohort = make_cohort(course=course, organisation=organisation, facilitators=[facilitator])
    for number in range(4):
        factories.enrolment(
            user=factories.learner(full_name=f"Warga Nomor {number}"),
            course=course,
            cohort=cohort,
            status=Enrolment.Status.COMPLETED,
            completed_at=timezone.now(),
        )
    factories.enrolment(user=factories.learner(full_name="Belum Selesai"), course=course, cohort=cohort)
    return cohort, facilitator


def run_killed_at(monkeypatch, batch, call_number):
    """Run the job on a worker killed, as a SIGKILL mid-job would, when it renders its n-th certificate;
    then the renderer is put back (monkeypatch.undo: the test's other patches go with it)."""
    real = services.certificate_pdf
    calls = {"count": 0}

    def render(**kwargs):
        calls["count"] += 1
        if calls["count"] == call_number:
            raise WorkerKilled
        return real(**kwargs)

    monkeypatch.setattr(services, "certificate_pdf", render)
    with pytest.raises(WorkerKilled):
        certificate_batch_task.delay(batch.pk)
    monkeypatch.undo()


def test_issuing_a_class_resumes_after_a_killed_worker_without_losing_or_duplicating(class_of_four, monkeypatch):
    cohort, facilitator = class_of_four
    batch = services.certificate_batch_request(
        cohort=cohort, kind=CertificateBatch.Kind.ISSUE, requested_by=facilitator
    )
    assert batch.total == 4  # completed learners only
    run_killed_at(monkeypatch, batch, 3)
    assert batch_progress(batch=batch) == 2
    assert CertificateVersion.objects.count() == 2

    certificate_batch_task.delay(batch.pk)  # the broker hands the unacknowledged task out again

    batch.refresh_from_db()
    assert batch.finished_at is not None and batch.errors == {}
    assert batch_progress(batch=batch) == 4
    assert Certificate.objects.count() == 4
    assert CertificateVersion.objects.count() == 4


@pytest.fixture
def reissue(class_of_four):
    """A re-issue of the class of four, asked for once each completed learner has a certificate."""
    cohort, facilitator = class_of_four
    for enrolment in Enrolment.objects.filter(completed_at__isnull=False):
        services.certificate_issue(enrolment_id=enrolment.pk)
    return services.certificate_batch_request(
        cohort=cohort, kind=CertificateBatch.Kind.REISSUE, requested_by=facilitator
    )


def test_reissuing_a_class_resumes_after_a_killed_worker_with_one_new_version_each(reissue, monkeypatch):
    batch = reissue
    run_killed_at(monkeypatch, batch, 2)
    assert batch_progress(batch=batch) == 1

    certificate_batch_task.delay(batch.pk)
    certificate_batch_task.delay(batch.pk)  # and once more: a finished job does nothing

    assert batch_progress(batch=batch) == 4
    assert sorted(CertificateVersion.objects.values_list("number", flat=True)) == [1, 1, 1, 1, 2, 2, 2, 2]
    assert CertificateVersion.objects.filter(superseded_at__isnull=True, number=2).count() == 4


def test_a_learner_whose_certificate_fails_is_reported_and_the_others_are_issued(class_of_four, monkeypatch):
    cohort, facilitator = class_of_four
    real = services.certificate_pdf

    def render(*, data, **kwargs):
        if data.name == "Warga Nomor 1":
            raise ValueError("logo file is missing")
        return real(data=data, **kwargs)

    monkeypatch.setattr(services, "certificate_pdf", render)
    batch = services.certificate_batch_request(
        cohort=cohort, kind=CertificateBatch.Kind.ISSUE, requested_by=facilitator
    )
    certificate_batch_task.delay(batch.pk)

    batch.refresh_from_db()
    failed = Enrolment.objects.get(user__first_name="Warga Nomor 1")
    assert batch.errors == {str(failed.pk): "ValueError: logo file is missing"}
    assert batch_progress(batch=batch) == 4  # 3 issued and 1 reported
    assert CertificateVersion.objects.count() == 3


def test_a_job_that_fails_for_good_says_so_with_its_reason_and_stops_refreshing(class_of_four, monkeypatch, client):
    cohort, facilitator = class_of_four
    batch = services.certificate_batch_request(
        cohort=cohort, kind=CertificateBatch.Kind.ISSUE, requested_by=facilitator
    )

    def database_gone(**kwargs):
        raise ConnectionError("server closed the connection")

    monkeypatch.setattr(services, "certificate_batch_run", database_gone)
    certificate_batch_task.delay(batch.pk)

    batch.refresh_from_db()
    assert batch.failed_at is not None and batch.finished_at is None
    assert "server closed the connection" in batch.failure_reason
    assert not batch.is_running


def test_an_error_reported_for_a_learner_is_cleared_when_a_resumed_job_issues_their_certificate(
    class_of_four, monkeypatch
):
    cohort, facilitator = class_of_four
    batch = services.certificate_batch_request(
        cohort=cohort, kind=CertificateBatch.Kind.ISSUE, requested_by=facilitator
    )
    first = Enrolment.objects.get(pk=batch.enrolment_ids[0])
    batch.errors = {str(first.pk): "OSError: storage unreachable"}  # reported by the run that was killed
    batch.save()

    certificate_batch_task.delay(batch.pk)

    batch.refresh_from_db()
    assert batch.errors == {}
    assert CertificateVersion.objects.count() == 4


def test_the_sweep_hands_a_job_whose_worker_was_lost_to_a_worker_again(reissue, settings):
    from datetime import timedelta

    from certificates.tasks import certificates_sweep

    batch = reissue
    certificates_sweep()  # a job asked for a moment ago is left to its worker...
    assert batch_progress(batch=batch) == 0

    long_ago = timezone.now() - timedelta(seconds=settings.CERTIFICATE_BATCH_STALE_AFTER + 60)
    CertificateVersion.objects.update(issued_at=long_ago - timedelta(minutes=1))
    CertificateBatch.objects.filter(pk=batch.pk).update(requested_at=long_ago)
    certificates_sweep()  # ... one long unfinished has lost it

    batch.refresh_from_db()
    assert batch.finished_at is not None
    assert batch_progress(batch=batch) == 4
    assert CertificateVersion.objects.filter(number=2, superseded_at__isnull=True).count() == 4
