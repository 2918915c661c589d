"""Completing a course issues exactly one certificate: a real PDF/A-3b file, read back here."""

import datetime
import hashlib
import io
import json
import random
from itertools import pairwise
from unittest import mock
from zoneinfo import ZoneInfo

import pypdf
import pypdfium2
import pytest
import zxingcpp
from celery.exceptions import Retry
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from certificates import services
from certificates.models import CODE_ALPHABET, Certificate, CertificateVersion
from certificates.tasks import certificate_issue_task, certificates_sweep
from courses.models import Enrolment, ModulePage
from courses.services import enrolment_create, module_mark_read
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def complete_course(django_capture_on_commit_callbacks):
    def complete(course, resident):
        """The resident reads the course's only module: the server records the completion, and
        after its commit the certificate's task runs (in-process in tests)."""
        enrolment_create(user=resident, course=course)
        with django_capture_on_commit_callbacks(execute=True):
            module_mark_read(user=resident, module=ModulePage.objects.child_of(course).get())
        return Enrolment.objects.get(user=resident, course=course)

    return complete


@pytest.fixture
def course(site_tree):
    course = factories.course_page(site_tree["courses"], title="Pengelolaan Sampah Rumah Tangga", duration_hours=6)
    factories.module_page(course, title="Memilah Sampah")
    return course


@pytest.fixture
def graduate(course):
    return factories.learner(full_name="Ni Luh Ayu Setiawati", email="ayu@example.id", phone="081234567890")


def current_version(enrolment):
    return CertificateVersion.objects.get(certificate__enrolment=enrolment, superseded_at__isnull=True)


def pdf_bytes(version):
    with version.pdf.open("rb") as file:
        return file.read()


def test_completing_a_course_issues_a_pdf_with_the_name_code_course_and_indonesian_date(
    complete_course, course, graduate
):
    enrolment = complete_course(course, graduate)
    Enrolment.objects.filter(pk=enrolment.pk).update(
        completed_at=datetime.datetime(2026, 8, 17, 10, tzinfo=ZoneInfo(settings.TIME_ZONE))
    )
    certificate = services.certificate_reissue(certificate=Certificate.objects.get(enrolment=enrolment))
    version = current_version(enrolment)
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes(version)))
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Ni Luh Ayu Setiawati" in text
    assert certificate.display_code in text
    assert "Pengelolaan Sampah Rumah Tangga" in text
    assert "17 Agustus 2026" in text
    assert "6 jam pelajaran" in text
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # A4 landscape by default
    assert round(float(reader.pages[0].mediabox.width)) == 842  # 297 mm in points


def test_the_pdf_is_pdf_a_3b_with_embedded_fonts_and_the_data_attached(complete_course, course, graduate):
    enrolment = complete_course(course, graduate)
    certificate = Certificate.objects.get(enrolment=enrolment)
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes(current_version(enrolment))))

    metadata = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in metadata
    assert 'pdfaid:conformance="B"' in metadata

    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert fonts
    for font in fonts.values():
        font = font.get_object()
        descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)[
            "/FontDescriptor"
        ]
        assert "Noto" in str(descriptor["/FontName"])
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), "font not embedded"

    attached = json.loads(reader.attachments["sertifikat.json"][0])
    assert attached["code"] == certificate.code
    assert attached["name"] == "Ni Luh Ayu Setiawati"
    assert attached["verification_url"] == certificate.verification_url()
    assert "ayu@example.id" not in json.dumps(attached)


def test_the_qr_code_on_the_page_opens_the_certificates_verification_page(complete_course, client, course, graduate):
    enrolment = complete_course(course, graduate)
    certificate = Certificate.objects.get(enrolment=enrolment)
    page = pypdfium2.PdfDocument(pdf_bytes(current_version(enrolment)))[0]
    decoded = [barcode.text for barcode in zxingcpp.read_barcodes(page.render(scale=3).to_pil())]
    assert decoded == [f"{settings.SITE_URL}/sertifikat/verifikasi/{certificate.code}/"]

    response = client.get(decoded[0].removeprefix(settings.SITE_URL))
    assert response.status_code == 200
    assert "Ni Luh Ayu Setiawati" in response.text
    assert "Sertifikat ini sah" in response.text


def test_the_code_is_ten_random_crockford_characters_printed_in_groups(complete_course, course, graduate, site_tree):
    certificate = Certificate.objects.get(enrolment=complete_course(course, graduate))
    other_course = factories.course_page(site_tree["courses"], title="Kursus Lain")
    factories.module_page(other_course, title="Satu")
    other = Certificate.objects.get(enrolment=complete_course(other_course, graduate))
    for code in (certificate.code, other.code):
        assert len(code) == 10
        assert set(code) <= set(CODE_ALPHABET)
        assert not set(code) & set("ILOU")
    assert certificate.code != other.code
    assert certificate.display_code == f"{certificate.code[:4]}-{certificate.code[4:8]}-{certificate.code[8:]}"


def test_issuing_again_returns_the_same_certificate_and_adds_no_version(complete_course, course, graduate):
    enrolment = complete_course(course, graduate)
    first = Certificate.objects.get(enrolment=enrolment)
    again = services.certificate_issue(enrolment_id=enrolment.pk)
    certificate_issue_task.delay(enrolment.pk)  # a duplicate event
    assert again.pk == first.pk
    assert Certificate.objects.count() == 1
    assert CertificateVersion.objects.count() == 1


def test_an_unfinished_course_gets_no_certificate(course, graduate):
    enrolment = enrolment_create(user=graduate, course=course)
    with pytest.raises(services.CertificateError, match="Kursus belum selesai"):
        services.certificate_issue(enrolment_id=enrolment.pk)
    certificate_issue_task.delay(enrolment.pk)  # refused by the rules: not retried, not recorded as a failure
    assert not Certificate.objects.exists()


def test_reissuing_after_a_name_correction_keeps_the_code_and_supersedes_the_old_file(
    complete_course, course, graduate
):
    enrolment = complete_course(course, graduate)
    certificate = Certificate.objects.get(enrolment=enrolment)
    old = current_version(enrolment)
    graduate.first_name = "Ni Luh Ayu Setiawati, S.Pd."
    graduate.save()

    services.certificate_reissue(certificate=certificate)

    new = current_version(enrolment)
    old.refresh_from_db()
    assert (new.number, new.name) == (2, "Ni Luh Ayu Setiawati, S.Pd.")
    assert Certificate.objects.get(pk=certificate.pk).code == certificate.code
    assert old.superseded_at is not None
    assert new.sha256 == hashlib.sha256(pdf_bytes(new)).hexdigest() != old.sha256
    assert "Ni Luh Ayu Setiawati, S.Pd." in pypdf.PdfReader(io.BytesIO(pdf_bytes(new))).pages[0].extract_text()


def test_a_revoked_certificate_is_not_reissued(complete_course, course, graduate):
    certificate = Certificate.objects.get(enrolment=complete_course(course, graduate))
    staff = factories.resident(username="petugas")
    services.certificate_revoke(certificate=certificate, revoked_by=staff, reason="Data kelulusan keliru.")
    with pytest.raises(services.CertificateError, match="tidak diterbitkan ulang"):
        services.certificate_reissue(certificate=certificate)
    with pytest.raises(services.CertificateError, match="sudah dicabut sebelumnya"):
        services.certificate_revoke(certificate=certificate, revoked_by=staff, reason="Lagi.")


def test_revoking_needs_a_reason(complete_course, course, graduate):
    certificate = Certificate.objects.get(enrolment=complete_course(course, graduate))
    with pytest.raises(services.CertificateError, match="alasan pencabutan"):
        services.certificate_revoke(certificate=certificate, revoked_by=graduate, reason="  ")
    assert Certificate.objects.get(pk=certificate.pk).revoked_at is None


def test_a_task_that_fails_for_good_is_recorded_with_its_reason_and_the_sweep_leaves_it_to_staff(
    complete_course, course, graduate, monkeypatch
):
    def broken_renderer(**kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(services, "certificate_pdf", broken_renderer)
    enrolment = complete_course(course, graduate)  # every retry fails (in-process in tests)

    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.failed_at is not None
    assert "disk full" in certificate.failure_reason
    assert not CertificateVersion.objects.exists()
    assert certificates_sweep() == 0

    monkeypatch.undo()
    services.certificate_issue(enrolment_id=enrolment.pk)  # staff try again once the disk is fixed
    certificate.refresh_from_db()
    assert certificate.failed_at is None and certificate.failure_reason == ""


def test_the_sweep_issues_completed_enrolments_that_have_no_certificate(
    complete_course, course, graduate, monkeypatch
):
    # A completion whose task was lost (the broker was down): nothing was issued.
    monkeypatch.setattr(certificate_issue_task, "delay", lambda *args: None)
    enrolment = complete_course(course, graduate)
    assert not Certificate.objects.exists()
    monkeypatch.undo()

    assert certificates_sweep() == 1

    assert current_version(enrolment).name == "Ni Luh Ayu Setiawati"
    assert certificates_sweep() == 0


def test_a_broker_that_cannot_be_reached_does_not_break_the_completion(complete_course, course, graduate, monkeypatch):
    def broker_down(*args):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(certificate_issue_task, "delay", broker_down)
    enrolment = complete_course(course, graduate)
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert not Certificate.objects.exists()  # the sweep will issue it


VISIBILITY_TIMEOUT = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]


def try_as_a_worker(task, *args, retries):
    """One try of `task` as a worker runs it, after `retries` tries that failed; returns what Celery sent
    the broker for the next try, (its retry number, its countdown in seconds), or None."""
    sent = []

    def send(args=None, kwargs=None, **options):
        sent.append((options["retries"], options["countdown"]))

    task.push_request(
        id=f"try-{retries}", args=list(args), kwargs={}, retries=retries, is_eager=False, called_directly=False
    )
    try:
        with mock.patch.object(task, "apply_async", send):
            task.run(*args)
    except Retry:
        pass
    finally:
        task.pop_request()
    return sent[0] if sent else None


def tries_until_given_up(task, *args):
    """Every retry Celery schedules for `task`, a worker running each, until it gives up."""
    scheduled = []
    while (retry := try_as_a_worker(task, *args, retries=len(scheduled))) is not None:
        assert retry[0] == len(scheduled) + 1
        scheduled.append(retry)
        assert not Certificate.objects.filter(failed_at__isnull=False).exists()  # not given up yet
    return [countdown for _number, countdown in scheduled]


@pytest.fixture
def failing_certificate(course, graduate, complete_course, monkeypatch):
    """A completed enrolment whose certificate cannot be made (the disk is full) and was not tried yet."""
    monkeypatch.setattr(certificate_issue_task, "delay", lambda *args: None)
    enrolment = complete_course(course, graduate)
    monkeypatch.setattr(services, "certificate_pdf", lambda **kwargs: (_ for _ in ()).throw(OSError("disk full")))
    return enrolment


def test_a_failure_is_retried_with_pauses_that_double_up_to_the_cap_then_recorded_and_shown(
    failing_certificate, monkeypatch, admin_client
):
    # The jitter at its top: every pause is the longest Celery may choose.
    monkeypatch.setattr(random, "randrange", lambda stop: stop - 1)

    pauses = tries_until_given_up(certificate_issue_task, failing_certificate.pk)

    assert len(pauses) == certificate_issue_task.max_retries
    assert all(later == min(2 * earlier, settings.TASK_RETRY_BACKOFF_MAX) for earlier, later in pairwise(pauses))
    assert pauses[-1] == settings.TASK_RETRY_BACKOFF_MAX < VISIBILITY_TIMEOUT
    certificate = Certificate.objects.get(enrolment=failing_certificate)
    assert certificate.failed_at is not None and "disk full" in certificate.failure_reason
    assert "disk full" in admin_client.get(reverse("issued_certificates:inspect", args=[certificate.pk])).text


def test_no_retry_waits_longer_than_the_brokers_visibility_timeout(failing_certificate):
    pauses = tries_until_given_up(certificate_issue_task, failing_certificate.pk)  # with Celery's own jitter

    assert max(pauses) <= settings.TASK_RETRY_BACKOFF_MAX < VISIBILITY_TIMEOUT


def test_a_certificate_the_rules_refuse_is_not_retried(completed_enrolment):
    enrolment = completed_enrolment()
    Enrolment.objects.filter(pk=enrolment.pk).update(status=Enrolment.Status.ACTIVE, completed_at=None)

    assert try_as_a_worker(certificate_issue_task, enrolment.pk, retries=0) is None
    assert not Certificate.objects.filter(failed_at__isnull=False).exists()


def test_the_sweep_tries_a_failed_certificate_again_after_a_cool_down(
    course, graduate, complete_course, monkeypatch, settings
):
    monkeypatch.setattr(services, "certificate_pdf", lambda **kwargs: (_ for _ in ()).throw(OSError("disk full")))
    enrolment = complete_course(course, graduate)
    monkeypatch.undo()
    assert certificates_sweep() == 0  # staff see it; the sweep waits

    Certificate.objects.filter(enrolment=enrolment).update(
        failed_at=timezone.now() - datetime.timedelta(seconds=settings.CERTIFICATE_FAILED_RETRY_AFTER + 60)
    )
    assert certificates_sweep() == 1
    assert current_version(enrolment).number == 1


def png_image(title, size, colour):
    from django.core.files.images import ImageFile
    from PIL import Image as PillowImage
    from wagtail.images.models import Image

    buffer = io.BytesIO()
    PillowImage.new("RGB", size, colour).save(buffer, format="PNG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name=f"{title}.png"))


def test_a_courses_template_prints_its_logos_and_signatories_in_a_bounded_number_of_queries(
    course, graduate, complete_course, django_assert_max_num_queries
):
    from certificates.models import CertificateSignatory, CertificateTemplate

    template = CertificateTemplate.objects.create(
        name="Templat Kota",
        heading="Piagam Warga Belajar",
        body="Dengan bangga diberikan kepada\n{nama}\natas kursus {kursus}.",
        orientation=CertificateTemplate.Orientation.PORTRAIT,
        logo=png_image("logo-kota", (400, 400), "navy"),
        second_logo=png_image("logo-mitra", (600, 200), "green"),
    )
    for order, (name, title) in enumerate(
        [("Rahmad Mas'ud", "Wali Kota Balikpapan"), ("Siti Aminah", "Ketua Yayasan"), ("Andi Wijaya", "Fasilitator")]
    ):
        CertificateSignatory.objects.create(
            template=template,
            sort_order=order,
            name=name,
            title=title,
            signature=png_image(f"ttd-{order}", (300, 100), ("black", "blue", "purple")[order]),
        )
    services.course_certificate_template_choose(course=course, template=template)

    enrolment = complete_course(course, graduate)
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes(current_version(enrolment))))
    page = reader.pages[0]
    text = " ".join(page.extract_text().split())
    assert "Piagam Warga Belajar" in text
    for name, title in [("Rahmad Mas'ud", "Wali Kota Balikpapan"), ("Siti Aminah", "Ketua Yayasan")]:
        assert name in text and title in text
    assert len(page.images) == 5  # two logos, three signatures
    assert page.mediabox.height > page.mediabox.width  # portrait

    # Another resident's certificate: the template, its images and signatories in a few queries.
    second = factories.learner(full_name="Rudi Hartono")
    enrolment_create(user=second, course=course)
    from courses.models import Enrolment as EnrolmentModel

    EnrolmentModel.objects.filter(user=second).update(status="completed", completed_at=timezone.now())
    with django_assert_max_num_queries(20):
        services.certificate_issue(enrolment_id=EnrolmentModel.objects.get(user=second).pk)
