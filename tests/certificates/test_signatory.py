"""A certificate a city would sign: the default template's places for the city's logo, the organisation's logo
and a signatory, which the demo fills with samples marked CONTOH (demo.certificate_images); read back from a
real issued PDF."""

import io

import pypdf
import pytest
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PillowImage
from wagtail.images import get_image_model

from certificates.models import CertificateSignatory, CertificateTemplate, CertificateVersion
from certificates.services import certificate_issue
from courses.models import Enrolment
from demo.certificate_images import CITY_LOGO_TITLE, SIGNATORY, seed_certificate_images
from organisations.services import organisation_create
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def default_template(db):
    return CertificateTemplate.objects.get(is_default=True)


@pytest.fixture
def organisation():
    return organisation_create(name="Yayasan Lingkungan Lestari", slug="yayasan-lingkungan-lestari", kind="ngo")


def issue(site_tree, organisation):
    course = factories.course_page(site_tree["courses"], title="Pengelolaan Sampah", organisation=organisation)
    resident = factories.learner(full_name="Ni Luh Ayu Setiawati")
    enrolment = Enrolment.objects.create(
        user=resident, course=course, status=Enrolment.Status.COMPLETED, completed_at=timezone.now()
    )
    certificate = certificate_issue(enrolment_id=enrolment.pk)
    version = CertificateVersion.objects.get(certificate=certificate, superseded_at__isnull=True)
    with version.pdf.open("rb") as file:
        return pypdf.PdfReader(io.BytesIO(file.read()))


def test_the_issued_pdf_prints_the_signatory_and_the_city_and_organisation_logos(
    site_tree, organisation, default_template
):
    seed_certificate_images()

    reader = issue(site_tree, organisation)

    page = reader.pages[0]
    text = " ".join(page.extract_text().split())
    assert SIGNATORY["name"] in text
    assert SIGNATORY["title"] in text
    assert "Ni Luh Ayu Setiawati" in text
    assert len(page.images) == 3  # the city's logo, the organisation's logo, the signature
    metadata = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in metadata  # still PDF/A-3b with the (transparent) PNGs in it


def test_without_logos_or_signatories_the_certificate_has_no_images(site_tree, organisation, default_template):
    page = issue(site_tree, organisation).pages[0]

    assert len(page.images) == 0
    assert "CONTOH" not in page.extract_text()


def test_every_demo_image_says_contoh_in_its_title_and_is_a_small_png(organisation, default_template):
    seed_certificate_images()

    organisation.refresh_from_db()
    default_template.refresh_from_db()
    signatory = default_template.signatories.get()
    for image in (default_template.logo, organisation.logo, signatory.signature):
        assert "CONTOH" in image.title
        with image.file.open("rb") as file:
            content = file.read()
        assert PillowImage.open(io.BytesIO(content)).format == "PNG"
        assert len(content) < 60_000


def test_a_second_seed_changes_nothing(organisation, default_template):
    seed_certificate_images()
    images = get_image_model().objects.count()

    seed_certificate_images()

    assert get_image_model().objects.count() == images == 3
    assert default_template.signatories.count() == 1


def test_real_logos_and_signatories_set_in_the_admin_are_never_replaced(organisation, default_template):
    real_logo = get_image_model().objects.create(title="Lambang Kota Balikpapan", file=png_file())
    default_template.logo = real_logo
    default_template.save()
    CertificateSignatory.objects.create(template=default_template, name="Rahmad Mas'ud", title="Wali Kota Balikpapan")

    seed_certificate_images()

    default_template.refresh_from_db()
    assert default_template.logo == real_logo
    assert [s.name for s in default_template.signatories.all()] == ["Rahmad Mas'ud"]
    assert not get_image_model().objects.filter(title=CITY_LOGO_TITLE).exists()


def png_file():
    buffer = io.BytesIO()
    PillowImage.new("RGB", (40, 40), "navy").save(buffer, format="PNG")
    return ImageFile(buffer, name="lambang.png")
