"""Each worker keeps a course's certificate template (certificates.selectors.certificate_template_for), checked
against a fingerprint of what it prints on every certificate: whatever changes the template, its signatories,
its images or the course's choice, and however (a form, a queryset update that sends no signal), the next
certificate shows it; and the kept template saves the worker its two queries."""

from unittest import mock

import pytest
from django.db import connection

from certificates import pdf, selectors, services
from certificates.models import CertificateSignatory, CertificateTemplate
from tests.certificates.test_certificate_images import image_dir, replace_file, upload  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_kept_templates():
    selectors._templates.clear()
    yield
    selectors._templates.clear()


@pytest.fixture
def rendered():
    """The HTML of every certificate issued in the test, in order (the PDF render itself is skipped)."""
    htmls = []

    def render(html, *, attachment_json):
        htmls.append(html)
        return b"%PDF-1.7 " + str(len(htmls)).encode()

    with mock.patch.object(pdf, "pdf_from_html", render):
        yield htmls


@pytest.fixture
def course(completed_enrolment):
    # The default template the migrations made, as the city set it up.
    CertificateTemplate.objects.filter(is_default=True).update(heading="Sertifikat Kota")
    template = CertificateTemplate.objects.get(is_default=True)
    template.signatories.all().delete()
    CertificateSignatory.objects.create(template=template, sort_order=0, name="Rahmad Mas'ud", title="Wali Kota")
    enrolment = completed_enrolment()
    services.certificate_issue(enrolment_id=enrolment.pk)  # the worker now keeps the template
    return enrolment.course


def next_certificate(completed_enrolment, course, rendered):
    services.certificate_issue(enrolment_id=completed_enrolment(course=course).pk)
    return rendered[-1]


def test_a_template_saved_in_the_admin_shows_on_the_next_certificate(course, completed_enrolment, rendered):
    template = CertificateTemplate.objects.get(is_default=True)
    template.heading = "Piagam Penghargaan"
    template.save()

    assert "Piagam Penghargaan" in next_certificate(completed_enrolment, course, rendered)


def test_a_template_changed_without_a_signal_shows_on_the_next_certificate(course, completed_enrolment, rendered):
    CertificateTemplate.objects.filter(is_default=True).update(body="Diberikan kepada\n{nama}\natas kerja bakti")

    assert "atas kerja bakti" in next_certificate(completed_enrolment, course, rendered)


def test_a_signatory_added_renamed_or_removed_shows_on_the_next_certificate(course, completed_enrolment, rendered):
    template = CertificateTemplate.objects.get(is_default=True)
    CertificateSignatory.objects.create(template=template, sort_order=1, name="Andi Lestari", title="Ketua")
    assert "Andi Lestari" in next_certificate(completed_enrolment, course, rendered)

    CertificateSignatory.objects.filter(name="Andi Lestari").update(name="Andi Saputra")
    html = next_certificate(completed_enrolment, course, rendered)
    assert "Andi Saputra" in html and "Andi Lestari" not in html

    CertificateSignatory.objects.filter(name="Andi Saputra").delete()
    assert "Andi Saputra" not in next_certificate(completed_enrolment, course, rendered)


def test_a_course_choosing_another_template_and_back_shows_on_the_next_certificate(
    course, completed_enrolment, rendered
):
    other = CertificateTemplate.objects.create(name="Templat Mitra", heading="Sertifikat Mitra")
    services.course_certificate_template_choose(course=course, template=other)
    assert "Sertifikat Mitra" in next_certificate(completed_enrolment, course, rendered)

    services.course_certificate_template_choose(course=course, template=None)
    assert "Sertifikat Kota" in next_certificate(completed_enrolment, course, rendered)


def test_a_new_default_template_shows_on_the_next_certificate(course, completed_enrolment, rendered):
    CertificateTemplate.objects.filter(is_default=True).update(is_default=False)
    CertificateTemplate.objects.create(name="Templat Baru", heading="Sertifikat Baru", is_default=True)
    assert "Sertifikat Baru" in next_certificate(completed_enrolment, course, rendered)

    CertificateTemplate.objects.all().delete()  # the built-in default
    assert "Sertifikat Baru" not in next_certificate(completed_enrolment, course, rendered)


def test_a_logo_or_signature_set_or_replaced_shows_on_the_next_certificate(course, completed_enrolment, rendered):
    template = CertificateTemplate.objects.get(is_default=True)
    logo = upload("logo-kota", (200, 20, 20, 255))
    CertificateTemplate.objects.filter(pk=template.pk).update(logo=logo)
    with_logo = next_certificate(completed_enrolment, course, rendered)
    assert with_logo.count("file://") == 1

    signature = upload("ttd", "navy")
    CertificateSignatory.objects.filter(template=template).update(signature=signature)
    with_signature = next_certificate(completed_enrolment, course, rendered)
    assert with_signature.count("file://") == 2

    # A new file for the same signature image: the certificate names the new file's prepared copy.
    replace_file(signature, "black")
    replaced = next_certificate(completed_enrolment, course, rendered)
    assert replaced.count("file://") == 2
    assert set(_file_urls(replaced)) != set(_file_urls(with_signature))


def _file_urls(html):
    return [part.split('"')[0] for part in html.split("file://")[1:]]


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the kept template is PostgreSQL's (SQLite reads it every time)"
)


@postgresql_only
def test_the_kept_template_saves_its_queries(course, completed_enrolment, django_assert_num_queries):
    with django_assert_num_queries(1):  # the fingerprint only: the template and its signatories are kept
        template = selectors.certificate_template_for(course=course)
    assert template.heading == "Sertifikat Kota"

    CertificateTemplate.objects.filter(is_default=True).update(heading="Sertifikat Baru")
    with django_assert_num_queries(3):  # changed: the fingerprint, then the template and its signatories
        assert selectors.certificate_template_for(course=course).heading == "Sertifikat Baru"
    with django_assert_num_queries(1):
        assert selectors.certificate_template_for(course=course).heading == "Sertifikat Baru"


@postgresql_only
def test_a_certificate_is_issued_in_six_statements(course, completed_enrolment, rendered, django_assert_num_queries):
    enrolment = completed_enrolment(course=course)
    # The savepoint (the transaction, outside a test), the enrolment with its holder locked, the certificate's
    # row inserted (no read of it, nor of its versions: it is new), the template's fingerprint, the version,
    # the savepoint's release (the commit).
    with django_assert_num_queries(6):
        services.certificate_issue(enrolment_id=enrolment.pk)
