"""A photo sent with Suara Warga feedback is kept upright, small, and without what the file said about its
sender (participation.photos)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from PIL import ExifTags, Image

from participation.photos import MAX_BYTES, MAX_SIDE, PhotoError, photo_prepared


@pytest.fixture(autouse=True)
def in_english():
    """The messages are read in English here (the site's own language is Indonesian; the forms' tests
    read them as residents do)."""
    with translation.override("en"):
        yield


def upload(content, name="foto.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def phone_photo(size=(4000, 3000), *, orientation=None, image_format="JPEG", mode="RGB", **save):
    """A photo as a phone saves it: EXIF with the phone's make and the GPS position, and a comment."""
    image = Image.new(mode, size, "red" if mode == "RGB" else None)
    if mode == "RGB":
        # The left half blue, to see which way the picture was turned.
        image.paste("blue", (0, 0, size[0] // 2, size[1]))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Telepon Budi"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(
        {ExifTags.GPS.GPSLatitudeRef: "S", ExifTags.GPS.GPSLatitude: (1.0, 16.0, 12.0)}
    )
    output = io.BytesIO()
    if image_format == "JPEG":
        save.setdefault("comment", b"Rumah Budi, Jl. Mawar 5")
    image.save(output, image_format, exif=exif, **save)
    return output.getvalue()


def opened(content_file):
    return Image.open(io.BytesIO(content_file.read()))


def test_a_phone_photo_becomes_a_small_jpeg_without_exif_gps_or_comment():
    prepared = photo_prepared(upload(phone_photo()))

    image = opened(prepared)
    assert image.format == "JPEG"
    assert image.size == (MAX_SIDE, 1200)
    assert not image.getexif()
    assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    for key in ("exif", "comment", "xmp", "icc_profile"):
        assert key not in image.info, key
    raw = prepared.open().read()
    assert b"Telepon Budi" not in raw and b"Mawar" not in raw
    assert prepared.size < 500 * 1024


def test_the_photo_is_turned_the_way_the_camera_was_held():
    # Orientation 6: the camera was turned a quarter clockwise; the stored pixels lie on their side.
    image = opened(photo_prepared(upload(phone_photo((800, 600), orientation=6))))

    assert image.size == (600, 800)
    # The blue left half of the stored pixels is now at the top.
    assert image.getpixel((300, 50))[2] > 200
    assert image.getpixel((300, 750))[0] > 200


def test_a_small_photo_is_not_enlarged():
    assert opened(photo_prepared(upload(phone_photo((640, 480))))).size == (640, 480)


def test_a_png_with_transparency_is_kept_on_white():
    output = io.BytesIO()
    Image.new("RGBA", (300, 200), (0, 0, 0, 0)).save(output, "PNG")

    image = opened(photo_prepared(upload(output.getvalue(), "gambar.png", "image/png")))

    assert image.mode == "RGB"
    assert image.getpixel((10, 10)) == (255, 255, 255)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Ini bukan foto, hanya teks.", "This file is not a photo"),
        (b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n", "This file is not a photo"),
        (b"", "The file is empty"),
    ],
    ids=["text", "postscript-never-reaches-ghostscript", "empty"],
)
def test_a_file_that_is_not_a_photo_is_refused_with_its_reason(content, message):
    with pytest.raises(PhotoError) as refused:
        photo_prepared(upload(content))

    assert message in refused.value.message


def test_a_photo_cut_off_while_sending_is_kept_as_far_as_it_came():
    # WeasyPrint, in the same process, has Pillow read cut-off images (ImageFile.LOAD_TRUNCATED_IMAGES):
    # the part that arrived is kept, the rest is grey, and the sender sees no error.
    output = io.BytesIO()
    Image.effect_noise((800, 600), 64).convert("RGB").save(output, "JPEG")  # noise: every byte is picture
    content = output.getvalue()

    assert opened(photo_prepared(upload(content[: len(content) // 3]))).size == (800, 600)


def test_a_photo_that_fails_to_decode_is_refused_as_damaged(monkeypatch):
    def broken(image):
        raise OSError("broken data stream")

    monkeypatch.setattr("participation.photos.ImageOps.exif_transpose", broken)

    with pytest.raises(PhotoError) as refused:
        photo_prepared(upload(phone_photo((800, 600))))

    assert "could not be read" in refused.value.message


def test_a_file_over_the_size_limit_is_refused_before_it_is_read():
    with pytest.raises(PhotoError) as refused:
        photo_prepared(upload(b"\xff\xd8" + b"0" * MAX_BYTES))

    assert f"at most {filesizeformat(MAX_BYTES)}" in refused.value.message


def test_a_small_file_of_a_huge_picture_is_refused_before_it_is_decoded():
    # 60 million pixels of one colour: a few kilobytes as PNG, hundreds of megabytes once decoded.
    output = io.BytesIO()
    Image.new("1", (10_000, 6_000)).save(output, "PNG")
    assert len(output.getvalue()) < 1024 * 1024

    with pytest.raises(PhotoError) as refused:
        photo_prepared(upload(output.getvalue(), "besar.png", "image/png"))

    assert "60 million pixels" in refused.value.message


def test_a_png_is_held_to_fewer_pixels_than_a_jpeg_as_all_of_it_is_decoded_at_once():
    # 7,000 × 4,000: a phone's JPEG of that size is accepted (decoded at a fraction of its size), but a
    # small PNG of as many pixels would hold hundreds of megabytes while it is turned and flattened.
    output = io.BytesIO()
    Image.new("1", (7_000, 4_000)).save(output, "PNG")

    with pytest.raises(PhotoError) as refused:
        photo_prepared(upload(output.getvalue(), "besar.png", "image/png"))
    assert "28 million pixels; at most 24 million" in refused.value.message

    accepted = opened(photo_prepared(upload(phone_photo(size=(7_000, 4_000)))))
    assert max(accepted.size) == MAX_SIDE


def test_a_large_png_within_the_limit_is_made_small_and_upright():
    picture = opened(
        photo_prepared(
            upload(phone_photo(size=(4_000, 3_000), orientation=6, image_format="PNG"), "foto.png", "image/png")
        )
    )
    assert picture.size == (1200, 1600)  # turned a quarter: taller than wide, at most MAX_SIDE
