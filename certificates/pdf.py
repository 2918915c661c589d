"""A certificate as a PDF: the HTML from its template, rendered by WeasyPrint as PDF/A-3b.

The PDF embeds its fonts (Noto, shipped in static/fonts/, subset to Latin), a QR code to the
verification page at the public SITE_URL, and the certificate's data as a JSON attachment.
Rendering reads no request: workers call it.
"""

import base64
import json
import mimetypes
import threading
from dataclasses import asdict, dataclass
from datetime import date

import segno
import weasyprint
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from weasyprint.text.fonts import FontConfiguration

from certificates.models import format_certificate_code, run_by_another
from core.site_address import absolute_url

# Fonts and other files the certificate's HTML names are resolved from here, not from a URL.
BASE_URL = str(settings.BASE_DIR / "static") + "/"
PDF_VARIANT = "pdf/a-3b"
ATTACHMENT_NAME = "sertifikat.json"
# A logo or signature is printed at most 22 mm high and 60 mm wide: this rendition is sharp enough
# on paper (about 230 dpi) and keeps each certificate small and quick to render.
IMAGE_RENDITION = "max-400x200"
# segno tries all eight QR mask patterns to pick the best, which costs more than the rest of the
# code; any mask reads well from print, so one is fixed.
QR_MASK = 0
# Images inlined as data URIs, per process, by (image id, file name): a template's logos and
# signatures are the same on every certificate, and a replaced image has a new file name.
_image_data_uris = {}
_IMAGE_CACHE_SIZE = 64
# WeasyPrint makes a font configuration per document unless given one, and never frees it (about
# 0.2 MB each): a worker issuing thousands of certificates keeps one per thread instead, which also
# loads the fonts once. Fonts are keyed by their @font-face rule, so the shipped fonts stay valid.
_fonts = threading.local()


def _font_config():
    if not hasattr(_fonts, "config"):
        _fonts.config = FontConfiguration()
    return _fonts.config


@dataclass(frozen=True)
class CertificateData:
    """What one version of a certificate says (its snapshot) and where it is verified."""

    code: str
    version: int
    name: str
    course_title: str
    organisation_name: str  # the course's owner
    completed_on: date
    hours: int | None
    verification_url: str
    # The organisation that ran the class; empty or the owner's name when the owner ran it.
    runner_name: str = ""

    @property
    def run_by_another(self):
        """Whether a class of another organisation than the course's owner led to it: both are printed."""
        return run_by_another(organisation_name=self.organisation_name, runner_name=self.runner_name)

    def as_json(self):
        data = asdict(self)
        data["completed_on"] = self.completed_on.isoformat()
        data["issuer"] = settings.WAGTAIL_SITE_NAME
        return json.dumps(data, ensure_ascii=False, indent=2)


def certificate_html(*, data, template, organisation_logo=None, sample=False):
    """The certificate's HTML, always in Bahasa Indonesia: it is an official document of the city."""
    with translation.override(settings.LANGUAGE_CODE):
        completed_on = formats.date_format(data.completed_on, "j F Y")
        body = template.body_with(
            {
                "nama": data.name,
                "kursus": data.course_title,
                "organisasi": data.organisation_name,
                "tanggal": completed_on,
                "jam": data.hours if data.hours is not None else "",
            }
        )
        # The city's logos at the left, the course's organisation's at the right (templates/certificates/).
        city_logos = [image for image in (template.logo, template.second_logo) if image is not None]
        organisation_logos = [organisation_logo] if template.show_organisation_logo and organisation_logo else []
        signatories = list(template.signatories.all())[:3]
        landscape = template.orientation == template.Orientation.LANDSCAPE
        return render_to_string(
            "certificates/certificate.html",
            {
                "data": data,
                "template": template,
                "lines": [_line(text, data.name) for text in body.splitlines() if text.strip()],
                "completed_on": completed_on,
                "display_code": format_certificate_code(data.code),
                "qr_code": mark_safe(
                    segno.make(data.verification_url, error="m", mask=QR_MASK).svg_data_uri(scale=4, border=0)
                ),
                "city_logos": [_image_data_uri(image) for image in city_logos],
                "organisation_logos": [_image_data_uri(image) for image in organisation_logos],
                "signatories": [
                    {
                        "name": signatory.name,
                        "title": signatory.title,
                        "signature": _image_data_uri(signatory.signature) if signatory.signature else None,
                    }
                    for signatory in signatories
                ],
                "sample": sample,
                "page_size": "A4 landscape" if landscape else "A4 portrait",
                # The page less its 12 mm margins: the frame fills it.
                "frame_height": "186mm" if landscape else "273mm",
            },
        )


def _line(text, name):
    """A body line; the line that is only the name is printed large."""
    return {"text": text.strip(), "is_name": text.strip() == name.strip()}


def _image_data_uri(image):
    """An image inlined, so the PDF depends on no file path or URL of the storage."""
    key = (image.pk, image.file.name)
    if key not in _image_data_uris:
        rendition = image.get_rendition(IMAGE_RENDITION)
        mime = mimetypes.guess_type(rendition.file.name)[0] or "image/png"
        with rendition.file.open("rb") as file:
            # base64 has nothing to escape: marked safe, the template does not scan it on every certificate.
            data_uri = mark_safe(f"data:{mime};base64,{base64.b64encode(file.read()).decode('ascii')}")
        if len(_image_data_uris) >= _IMAGE_CACHE_SIZE:
            _image_data_uris.clear()
        _image_data_uris[key] = data_uri
    return _image_data_uris[key]


def pdf_from_html(html, *, attachment_json):
    """PDF/A-3b bytes of the certificate's HTML, with its data attached as JSON."""
    attachment = weasyprint.Attachment(
        string=attachment_json,
        name=ATTACHMENT_NAME,
        description=_("The certificate's data"),
        relationship="Data",
    )
    return weasyprint.HTML(string=html, base_url=BASE_URL).write_pdf(
        pdf_variant=PDF_VARIANT, attachments=[attachment], font_config=_font_config()
    )


def certificate_pdf(*, data, template, organisation_logo=None):
    html = certificate_html(data=data, template=template, organisation_logo=organisation_logo)
    return pdf_from_html(html, attachment_json=data.as_json())


def sample_certificate_pdf(template):
    """The template filled with sample data, marked as a sample: what editors preview."""
    data = CertificateData(
        code="7KQ2MX9D4T",
        version=1,
        name="Siti Rahmawati",
        course_title=_("Sample course"),
        organisation_name=_("Sample organisation"),
        completed_on=date.today(),
        hours=8,
        verification_url=absolute_url(reverse("certificates:verify", kwargs={"code": "7KQ2MX9D4T"})),
    )
    html = certificate_html(data=data, template=template, sample=True)
    return pdf_from_html(html, attachment_json=data.as_json())
