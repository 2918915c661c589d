"""A certificate as a PDF: the HTML from its template, rendered by WeasyPrint as PDF/A-3b.

The PDF embeds its fonts (Noto, shipped in static/fonts/, subset to Latin), a QR code to the
verification page at the public SITE_URL, and the certificate's data as a JSON attachment.
Rendering reads no request: workers call it.

A template's logos and signatures are the same on every certificate: each is prepared once for print
(its rendition flattened onto white and saved as a JPEG file, which WeasyPrint copies into the PDF as it
is, where a PNG would be decoded, split from its transparency and compressed again on every certificate)
and the HTML names the file, which WeasyPrint reads and decodes once per worker thread.
"""

import hashlib
import json
import os
import tempfile
import threading
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

import segno
import weasyprint
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from PIL import Image
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
# Prepared images are JPEG files of this quality (4:4:4, no chroma subsampling): signatures' thin lines
# stay sharp on paper.
JPEG_QUALITY = 95
# segno tries all eight QR mask patterns to pick the best, which costs more than the rest of the
# code; any mask reads well from print, so one is fixed.
QR_MASK = 0
# Prepared images' file URLs, per process, by (image id, file name, file hash): a replaced image has
# a new file or hash, so a new file and URL (nothing stale is ever named).
_prepared_images = {}
_IMAGE_CACHE_SIZE = 64
# WeasyPrint makes a font configuration per document unless given one, and never frees it (about
# 0.2 MB each): a worker issuing thousands of certificates keeps one per thread instead, which also
# loads the fonts once. Fonts are keyed by their @font-face rule, so the shipped fonts stay valid.
# WeasyPrint's image cache is kept per thread too (see _ImageCache).
_per_thread = threading.local()


def _font_config():
    if not hasattr(_per_thread, "fonts"):
        _per_thread.fonts = FontConfiguration()
    return _per_thread.fonts


class _ImageCache(dict):
    """WeasyPrint's image cache (URL to decoded image), kept across certificates: the prepared images
    are read and decoded once per thread. Each certificate's own QR code (a data URI) is not kept, or
    the cache would grow by one per certificate; WeasyPrint's other entries are per image."""

    def __setitem__(self, key, value):
        # None is an image WeasyPrint could not read: never remembered, or every later certificate of this
        # thread would be printed without it (pdf_from_html refuses this one).
        if value is not None and not key.startswith("data:"):
            super().__setitem__(key, value)


def _image_cache():
    cache = getattr(_per_thread, "images", None)
    if cache is None or len(cache) >= _IMAGE_CACHE_SIZE:  # emptied between documents, never during one
        cache = _per_thread.images = _ImageCache()
    return cache


def prepared_image_dir():
    """Where prepared images are kept: CERTIFICATE_IMAGE_DIR, else a folder in the system's temporary
    directory. Anything in it can be deleted at any time: it is made again when needed."""
    configured = settings.CERTIFICATE_IMAGE_DIR
    return Path(configured) if configured else Path(tempfile.gettempdir()) / "sekolah-warga-certificate-images"


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
                "city_logos": [_image_url(image) for image in city_logos],
                "organisation_logos": [_image_url(image) for image in organisation_logos],
                "signatories": [
                    {
                        "name": signatory.name,
                        "title": signatory.title,
                        "signature": _image_url(signatory.signature) if signatory.signature else None,
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


def _image_url(image):
    """The file URL of the image prepared for print, prepared now unless this process has done so (or
    the file was deleted since). The PDF embeds the image: it names no file path."""
    key = (image.pk, image.file.name, image.file_hash)
    path = _prepared_images.get(key)
    if path is None or not path.exists():
        path = _prepare_image(image)
        if len(_prepared_images) >= _IMAGE_CACHE_SIZE:
            _prepared_images.clear()
        _prepared_images[key] = path
    return path.as_uri()


def _prepare_image(image):
    """The image's print rendition flattened onto white (the certificate's paper) as a JPEG file, named
    after the image's id, file and hash; a file another process prepared is used as it is."""
    name = f"{image.pk}|{image.file.name}|{image.file_hash}|{IMAGE_RENDITION}|{JPEG_QUALITY}"
    path = prepared_image_dir() / f"{hashlib.sha256(name.encode()).hexdigest()[:32]}.jpg"
    if path.exists():
        return path
    rendition = image.get_rendition(IMAGE_RENDITION)
    with rendition.file.open("rb") as file, Image.open(file) as picture:
        picture = picture.convert("RGBA")
    paper = Image.new("RGB", picture.size, "white")
    paper.paste(picture, mask=picture.getchannel("A"))
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written aside and renamed: another worker never reads half a file.
    with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".part", delete=False) as part:
        paper.save(part, format="JPEG", quality=JPEG_QUALITY, subsampling=0)
    os.replace(part.name, path)
    return path


def pdf_from_html(html, *, attachment_json):
    """PDF/A-3b bytes of the certificate's HTML, with its data attached as JSON."""
    attachment = weasyprint.Attachment(
        string=attachment_json,
        name=ATTACHMENT_NAME,
        description=_("The certificate's data"),
        relationship="Data",
    )
    # A logo, signature or font that cannot be read stops the render (WeasyPrint would leave it out and
    # go on): an official document is issued whole or not at all, and the task tries again. The HTML
    # names only local files and data URIs.
    url_fetcher = weasyprint.URLFetcher(allowed_protocols=("file", "data"), fail_on_errors=True)
    return weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=url_fetcher).write_pdf(
        pdf_variant=PDF_VARIANT, attachments=[attachment], font_config=_font_config(), cache=_image_cache()
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
