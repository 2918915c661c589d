"""A photo sent with Suara Warga feedback, made safe to keep: resized, and stripped of what it says about the sender.

A phone's photo carries more than the picture: EXIF (the phone's make, often the GPS position of the
sender's home), XMP, a comment, a thumbnail of the uncropped original. None of it is needed to see a
blocked drain, so the picture alone is drawn into a new JPEG: nothing of the file that came in is kept.
It is also made small (at most ``MAX_SIDE`` pixels on its longer side, a few hundred kilobytes): staff
read it on phones and slow links, and storage stays cheap.

Only the formats phones and computers save photos in are opened (``FORMATS``): Pillow can also read
formats it hands to other programs (EPS to Ghostscript), which a stranger's upload has no business
reaching. The file size and the picture's size in pixels are checked before it is decoded, so a small
file that unpacks to a huge picture (a "decompression bomb") is refused rather than filling the memory.
A photo cut off while sending is kept as far as it came, the rest grey: WeasyPrint, loaded in the same
process, has Pillow read cut-off images (``ImageFile.LOAD_TRUNCATED_IMAGES``).
"""

import io
import logging
import warnings

from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024  # a phone camera's JPEG is 2 to 8 MB
MAX_SIDE = 1600  # enough to read a street sign in the picture; about 200 to 400 KB as JPEG
# 50 megapixels: the largest photos phones save in their full-resolution mode. Pillow's own limit is
# near 180 million, far past what a phone makes and what a small server should decode for a stranger.
MAX_PIXELS = 50_000_000
# A PNG, WebP or GIF cannot be decoded at a fraction of its size as a JPEG can: all its pixels are held at
# once (4 bytes each), so such a file, which may be small on the wire, is held to fewer of them.
MAX_PIXELS_DECODED_WHOLE = 24_000_000
# A JPEG some phones save with a second picture inside (MPO) opens as JPEG; its first picture is kept.
FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
JPEG_QUALITY = 82

logger = logging.getLogger(__name__)


class PhotoError(ValueError):
    """A file refused as the photo; the message says why, in the sender's language."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def photo_prepared(upload, *, name="foto.jpg"):
    """`upload` (a file sent with the form) as a new JPEG without metadata, upright and at most
    ``MAX_SIDE`` pixels on its longer side: a ContentFile for participation.feedback.feedback_submit.

    Raises PhotoError naming what is wrong: too large a file, not a photo, a damaged one, too many pixels.
    """
    if upload.size > MAX_BYTES:
        raise PhotoError(
            _("The photo is %(size)s; a photo may be at most %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_BYTES)}
        )
    if not upload.size:
        raise PhotoError(_("The file is empty. Choose a photo."))
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Past Pillow's own warning size it warns rather than refuses; MAX_PIXELS refuses sooner.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(upload, formats=FORMATS) as image:
                width, height = image.size
                limit = MAX_PIXELS if image.format == "JPEG" else MAX_PIXELS_DECODED_WHOLE
                if width * height > limit:
                    raise PhotoError(
                        _("The photo has %(megapixels)d million pixels; at most %(limit)d million are accepted.")
                        % {"megapixels": round(width * height / 1_000_000), "limit": limit // 1_000_000}
                    )
                # A JPEG can be decoded at a half, a quarter or an eighth of its size: much less work
                # and memory for a large photo, and still at least MAX_SIDE on each side.
                image.draft("RGB", (MAX_SIDE, MAX_SIDE))
                # Made small first, in place (keeping its EXIF orientation): every copy made while turning
                # it upright and flattening it is then small too, not one more full-size picture each.
                image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
                picture = _upright_picture(image)
    except PhotoError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError):
        raise PhotoError(_("This file is not a photo. Choose a photo saved as JPEG, PNG or WebP.")) from None
    except Exception:  # noqa: BLE001 - a stranger's file: any failure to decode it is a damaged file, not our error
        # Cut off while sending, or damaged: Pillow reads the header and fails on the picture (OSError),
        # or on malformed metadata (SyntaxError, struct.error, ValueError ...).
        logger.info("A Suara Warga photo could not be decoded", exc_info=True)
        raise PhotoError(_("The photo could not be read; the file may be damaged. Choose it again.")) from None
    output = io.BytesIO()
    # A new image saves only what is passed here: no EXIF, XMP, ICC profile or comment (Pillow would
    # otherwise carry a JPEG comment over from the file read).
    picture.save(output, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return ContentFile(output.getvalue(), name=name)


def _upright_picture(image):
    """The pixels of `image`, turned the way the camera was held (EXIF orientation), in a new RGB
    image with nothing else: transparent parts on white, as JPEG has no transparency."""
    image.seek(0)  # an animated GIF: its first frame
    turned = ImageOps.exif_transpose(image)
    if turned.mode in ("RGBA", "LA") or (turned.mode == "P" and "transparency" in turned.info):
        turned = turned.convert("RGBA")
        picture = Image.new("RGB", turned.size, "white")
        picture.paste(turned, mask=turned.getchannel("A"))
        return picture
    picture = Image.new("RGB", turned.size)
    picture.paste(turned.convert("RGB"))
    return picture
