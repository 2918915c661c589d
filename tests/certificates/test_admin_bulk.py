"""A class's certificates in bulk: the facilitator issues the missing ones or re-issues all, and follows the job."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from certificates.models import Certificate, CertificateBatch
from certificates.services import certificate_batch_request, certificate_issue
from tests.certificates import admin_fixtures
from tests.certificates.admin_fixtures import completed_enrolment

pytestmark = pytest.mark.django_db

# Fixtures shared by the admin tests (tests/certificates/conftest.py belongs to the issuing tests).
world = admin_fixtures.world

REFRESH = '<meta http-equiv="refresh" content="3">'


@pytest.fixture
def graduates(world):
    """Two learners of the facilitator's class who completed the course, one of them already certified."""
    first = completed_enrolment(world["own"], "Andi Pratama")
    second = completed_enrolment(world["own"], "Maria Ulfa")
    certificate_issue(enrolment_id=first.pk)
    return [first, second]


def class_url(cohort):
    return reverse("issued_certificates:class", args=[cohort.pk])


def refused(response):
    if response.status_code == 302:
        return response.url == reverse("wagtailadmin_home")
    return response.status_code in (403, 404)


def test_the_class_page_links_its_facilitator_to_the_classes_certificates(client, world):
    client.force_login(world["users"]["facilitator"])
    assert class_url(world["own"]) in client.get(reverse("cohorts:inspect", args=[world["own"].pk])).text

    client.force_login(world["users"]["government"])
    assert class_url(world["own"]) not in client.get(reverse("cohorts:inspect", args=[world["own"].pk])).text


def test_the_confirmation_page_counts_the_classes_certificates_and_offers_both_jobs(client, world, graduates):
    client.force_login(world["users"]["facilitator"])

    page = client.get(class_url(world["own"])).text

    assert "2 peserta telah menyelesaikan kursus." in page
    assert "Sudah bersertifikat: 1. Belum bersertifikat: 1." in page
    assert "Terbitkan sertifikat yang belum ada" in page
    assert "Terbitkan ulang semua sertifikat" in page
    assert CertificateBatch.objects.count() == 0  # opening the page starts nothing


def test_issuing_the_missing_certificates_runs_after_commit_and_shows_n_of_n(
    client,
    world,
    graduates,
    django_capture_on_commit_callbacks,
):
    client.force_login(world["users"]["facilitator"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(class_url(world["own"]), {"kind": "issue"})

    batch = CertificateBatch.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("issued_certificates:batch_progress", args=[batch.pk])
    page = client.get(response.url).text
    assert "2 dari 2 peserta selesai" in page
    assert "Selesai pada" in page
    assert REFRESH not in page
    assert Certificate.objects.filter(enrolment__in=graduates, versions__superseded_at__isnull=True).count() == 2
    assert graduates[0].certificate.versions.count() == 1  # the existing certificate stays as it was
    entry = ModelLogEntry.objects.get(action="certificates.batch")
    assert entry.object_id == str(world["own"].pk) and entry.user == world["users"]["facilitator"]


def test_reissuing_all_adds_a_version_to_every_certificate(
    client,
    world,
    graduates,
    django_capture_on_commit_callbacks,
):
    client.force_login(world["users"]["facilitator"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(class_url(world["own"]), {"kind": "reissue"})

    page = client.get(response.url).text
    assert "2 dari 2 peserta selesai" in page
    assert "Terbitkan ulang semua sertifikat" in page  # the job's kind is the page's title
    first = Certificate.objects.get(enrolment=graduates[0])
    assert first.versions.get(superseded_at__isnull=True).number == 2
    assert Certificate.objects.get(enrolment=graduates[1]).versions.count() == 1  # issued, not re-issued


def test_a_running_job_refreshes_its_page_without_javascript(client, world, graduates):
    batch = certificate_batch_request(cohort=world["own"], kind="reissue", requested_by=world["users"]["facilitator"])
    client.force_login(world["users"]["facilitator"])

    page = client.get(reverse("issued_certificates:batch_progress", args=[batch.pk])).text

    assert REFRESH in page
    assert "0 dari 2 peserta selesai" in page
    assert "Sedang berjalan" in page


def test_a_second_request_while_the_job_runs_joins_it(client, world, graduates, django_capture_on_commit_callbacks):
    running = certificate_batch_request(cohort=world["own"], kind="issue", requested_by=world["users"]["facilitator"])
    client.force_login(world["users"]["facilitator"])

    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(class_url(world["own"]), {"kind": "issue"})

    assert callbacks == []
    assert response.url == reverse("issued_certificates:batch_progress", args=[running.pk])
    assert CertificateBatch.objects.count() == 1


def test_the_progress_page_names_the_learners_whose_certificate_failed(client, world, graduates):
    batch = certificate_batch_request(cohort=world["own"], kind="issue", requested_by=world["users"]["facilitator"])
    CertificateBatch.objects.filter(pk=batch.pk).update(errors={str(graduates[1].pk): "OSError: disk penuh"})
    client.force_login(world["users"]["facilitator"])

    page = client.get(reverse("issued_certificates:batch_progress", args=[batch.pk])).text

    assert "1 peserta tanpa sertifikat" in page
    assert "Maria Ulfa" in page
    assert "OSError: disk penuh" in page


def test_a_class_without_completed_learners_starts_no_job(client, world):
    client.force_login(world["users"]["facilitator"])

    response = client.post(class_url(world["own"]), {"kind": "issue"}, follow=True)

    assert "Belum ada peserta kelas ini yang menyelesaikan kursus." in response.text
    assert CertificateBatch.objects.count() == 0


@pytest.mark.parametrize("role", ["other facilitator", "author", "government", "reviewer"])
def test_only_the_classes_facilitators_run_its_bulk_jobs(
    client,
    world,
    graduates,
    role,
    django_capture_on_commit_callbacks,
):
    client.force_login(world["users"][role])

    with django_capture_on_commit_callbacks(execute=True):
        assert refused(client.get(class_url(world["own"])))
        assert refused(client.post(class_url(world["own"]), {"kind": "issue"}))

    assert CertificateBatch.objects.count() == 0
    assert not Certificate.objects.filter(enrolment=graduates[1]).exists()


@pytest.mark.parametrize("role", ["other facilitator", "author", "reviewer"])
def test_another_organisations_job_progress_is_not_found(client, world, graduates, role):
    batch = certificate_batch_request(cohort=world["own"], kind="issue", requested_by=world["users"]["facilitator"])
    client.force_login(world["users"][role])

    assert client.get(reverse("issued_certificates:batch_progress", args=[batch.pk])).status_code == 404
