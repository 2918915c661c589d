"""Demo logos and a demo signature for the default certificate template, drawn at seed time.

A certificate a city would sign carries the city's emblem, the organisation's logo and a signature. The
demo shows where each goes with images drawn here with Pillow (no downloads, no real emblem or signature),
each of which says CONTOH ("sample") so that no demo certificate can pass for a real one. Only empty
places are filled: a real logo or signatory set in the admin is never replaced, and a second run changes
nothing (README, "Certificates: logos and signatory").
"""

import io

from django.conf import settings
from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFont
from wagtail.images import get_image_model

from certificates.models import CertificateSignatory, CertificateTemplate
from organisations.models import Organisation

FONT = settings.BASE_DIR / "static" / "fonts" / "NotoSans-Bold.ttf"
MARK = "CONTOH"
CITY_LOGO_TITLE = "Logo kota (CONTOH)"
SIGNATURE_TITLE = "Tanda tangan (CONTOH)"
SIGNATORY = {
    "name": "Nama Pejabat (CONTOH)",
    "title": "Kepala Dinas Pemberdayaan Masyarakat Kota Balikpapan (CONTOH)",
}
# Each demo organisation's colour and initials on its sample logo.
ORGANISATION_LOGOS = {
    "yayasan-lingkungan-lestari": ("#0b6e4f", "YLL"),
    "perkumpulan-warga-cerdas": ("#7a3e9d", "PWC"),
    "dp3akb-kota-balikpapan": ("#b5541b", "DP3AKB"),
}


def _font(size):
    return ImageFont.truetype(str(FONT), size)


def _centred(draw, box, text, *, font, fill):
    left, top, right, bottom = box
    text_left, text_top, text_right, text_bottom = draw.textbbox((0, 0), text, font=font)
    x = left + (right - left - (text_right - text_left)) / 2 - text_left
    y = top + (bottom - top - (text_bottom - text_top)) / 2 - text_top
    draw.text((x, y), text, font=font, fill=fill)


def city_logo_png():
    """A round emblem that reads LOGO KOTA / CONTOH."""
    image = Image.new("RGBA", (400, 400), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, 390, 390), fill="#1d4e89", outline="#f2c12e", width=16)
    _centred(draw, (0, 110, 400, 190), "LOGO KOTA", font=_font(52), fill="white")
    _centred(draw, (0, 200, 400, 290), MARK, font=_font(64), fill="#f2c12e")
    return _png(image)


def organisation_logo_png(initials, colour):
    """A wide plate with the organisation's initials and CONTOH."""
    image = Image.new("RGB", (600, 240), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((8, 8, 591, 231), outline="white", width=6)
    _centred(draw, (0, 20, 600, 140), initials, font=_font(88), fill="white")
    _centred(draw, (0, 150, 600, 220), f"LOGO {MARK}", font=_font(46), fill="white")
    return _png(image)


def signature_png():
    """A scrawl on a transparent background, crossed by CONTOH in red."""
    image = Image.new("RGBA", (600, 200), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.line(
        [(40, 140), (110, 50), (150, 150), (210, 60), (260, 140), (330, 70), (400, 130), (560, 90)],
        fill="#1a237e",
        width=7,
        joint="curve",
    )
    _centred(draw, (0, 40, 600, 170), f"{MARK} TANDA TANGAN", font=_font(40), fill=(200, 30, 30, 230))
    return _png(image)


def _png(image):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _image(title, png):
    """The demo image of that title, drawn once."""
    ImageModel = get_image_model()
    existing = ImageModel.objects.filter(title=title).first()
    if existing is not None:
        return existing
    slug = title.lower().replace(" ", "-").replace("(", "").replace(")", "")
    return ImageModel.objects.create(title=title, file=ImageFile(io.BytesIO(png), name=f"{slug}.png"))


def seed_certificate_images():
    """Fill the default template's empty places and the demo organisations' missing logos with samples."""
    for organisation in Organisation.objects.filter(slug__in=ORGANISATION_LOGOS, logo__isnull=True):
        colour, initials = ORGANISATION_LOGOS[organisation.slug]
        organisation.logo = _image(f"Logo {organisation.name[:60]} (CONTOH)", organisation_logo_png(initials, colour))
        organisation.save(update_fields=["logo"])

    template = CertificateTemplate.objects.filter(is_default=True).first()
    if template is None:
        return
    if template.logo_id is None:
        template.logo = _image(CITY_LOGO_TITLE, city_logo_png())
        template.save(update_fields=["logo"])
    if not template.signatories.exists():
        CertificateSignatory.objects.create(
            template=template, sort_order=0, signature=_image(SIGNATURE_TITLE, signature_png()), **SIGNATORY
        )
