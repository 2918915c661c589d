"""A template's logos and signatures are prepared once for print and reused by every certificate: read back
from the issued PDFs, a replaced image shows on the next certificate, and two certificates prepare each
image once."""

import io
from unittest import mock

import pypdf
import pytest
import weasyprint
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form

from certificates import pdf, services
from certificates.models import CertificateSignatory, CertificateTemplate, CertificateVersion

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def image_dir(settings, tmp_path):
    settings.CERTIFICATE_IMAGE_DIR = str(tmp_path / "certificate-images")
    return tmp_path / "certificate-images"


def png(colour, size=(400, 200)):
    """A logo as editors upload it: a transparent PNG with a coloured disc."""
    picture = PillowImage.new("RGBA", size, (255, 255, 255, 0))
    picture.paste(PillowImage.new("RGBA", (size[0] // 2, size[1] // 2), colour), (size[0] // 4, size[1] // 4))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()


def upload(title, colour):
    form = get_image_form(get_image_model())(
        {"title": title, "collection": 1}, {"file": SimpleUploadedFile(f"{title}.png", png(colour))}
    )
    assert form.is_valid(), form.errors
    return form.save()


def replace_file(image, colour):
    """What an editor does in Wagtail's image editor: a new file for the same image."""
    form = get_image_form(get_image_model())(
        {"title": image.title, "collection": image.collection_id},
        {"file": SimpleUploadedFile(f"{image.title}.png", png(colour))},
        instance=image,
    )
    assert form.is_valid(), form.errors
    return form.save()


@pytest.fixture
def course_with_logo(completed_enrolment):
    template = CertificateTemplate.objects.create(name="Templat Kota", logo=upload("logo-kota", (200, 20, 20, 255)))
    CertificateSignatory.objects.create(
        template=template, sort_order=0, name="Rahmad Mas'ud", title="Wali Kota", signature=upload("ttd", "navy")
    )
    enrolment = completed_enrolment()
    services.course_certificate_template_choose(course=enrolment.course, template=template)
    return template, enrolment


def page_images(certificate):
    version = CertificateVersion.objects.get(certificate=certificate, superseded_at__isnull=True)
    with version.pdf.open("rb") as file:
        page = pypdf.PdfReader(io.BytesIO(file.read())).pages[0]
    return [image.image.convert("RGB") for image in page.images]


def centre(picture):
    return picture.getpixel((picture.width // 2, picture.height // 2))


def test_the_logo_and_signature_are_printed_in_colour_on_white(course_with_logo):
    _template, enrolment = course_with_logo
    logo, signature = page_images(services.certificate_issue(enrolment_id=enrolment.pk))
    red, green, blue = centre(logo)
    assert red > 150 and green < 80 and blue < 80
    assert min(logo.getpixel((2, 2))) > 240  # the transparent corner is the paper's white
    assert logo.width >= 300  # the print rendition, not a thumbnail
    assert sum(centre(signature)) < 200  # navy


def test_a_logo_replaced_in_the_image_editor_is_printed_on_the_next_certificate(course_with_logo, completed_enrolment):
    template, enrolment = course_with_logo
    first = services.certificate_issue(enrolment_id=enrolment.pk)
    replace_file(template.logo, (20, 150, 40, 255))

    second = completed_enrolment(course=enrolment.course)
    red, green, blue = centre(page_images(services.certificate_issue(enrolment_id=second.pk))[0])
    assert green > 100 and red < 80
    # The certificate issued before keeps the logo it was issued with.
    red, green, blue = centre(page_images(first)[0])
    assert red > 150 and green < 80


def test_each_image_is_prepared_once_for_many_certificates(course_with_logo, completed_enrolment, image_dir):
    _template, enrolment = course_with_logo
    with mock.patch.object(pdf, "_prepare_image", wraps=pdf._prepare_image) as prepare:
        certificates = [
            services.certificate_issue(enrolment_id=enrolment.pk),
            services.certificate_issue(enrolment_id=completed_enrolment(course=enrolment.course).pk),
        ]
    assert prepare.call_count == 2  # the logo and the signature, for both certificates
    assert len(list(image_dir.glob("*.jpg"))) == 2
    for certificate in certificates:
        assert len(page_images(certificate)) == 2


def test_a_prepared_image_deleted_from_disk_is_prepared_again(course_with_logo, completed_enrolment, image_dir):
    _template, enrolment = course_with_logo
    services.certificate_issue(enrolment_id=enrolment.pk)
    for prepared in image_dir.glob("*.jpg"):
        prepared.unlink()  # a temporary directory's clean-up

    certificate = services.certificate_issue(enrolment_id=completed_enrolment(course=enrolment.course).pk)
    assert len(page_images(certificate)) == 2


def test_an_image_that_cannot_be_read_at_render_time_stops_the_certificate_and_is_not_remembered(
    course_with_logo, image_dir
):
    template, enrolment = course_with_logo
    data = pdf.CertificateData(
        code="7KQ2MX9D4T",
        version=1,
        name="Siti Rahmawati",
        course_title="Pengelolaan Sampah",
        organisation_name="Yayasan Lingkungan Lestari",
        completed_on=enrolment.completed_at.date(),
        hours=8,
        verification_url="http://127.0.0.1:8000/sertifikat/verifikasi/7KQ2MX9D4T/",
    )
    html = pdf.certificate_html(data=data, template=template)
    for prepared in image_dir.glob("*.jpg"):
        prepared.unlink()  # removed between the HTML and the render

    with pytest.raises(weasyprint.urls.FatalURLFetchingError):
        pdf.pdf_from_html(html, attachment_json=data.as_json())

    # The next certificate prepares the files again and prints both images: nothing failed was kept.
    certificate = services.certificate_issue(enrolment_id=enrolment.pk)
    assert len(page_images(certificate)) == 2
