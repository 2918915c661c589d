"""Data for the tests of Suara Warga's public pages: the page, two categories, two kelurahan, the form.

A test module binds the fixtures it uses to its own names: ``suara_warga = suara_warga_fixtures.suara_warga``.
"""

import io
import os
from types import SimpleNamespace

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import ExifTags, Image

from tests import factories

SEND = "/suara-warga/kirim/"
LIST = "/suara-warga/"


def in_indonesian(text):
    """`text` (a msgid) as the public site shows it: translated once the .po file has it."""
    with translation.override("id"):
        return translation.gettext(text)


def in_indonesian_plural(singular, plural, number):
    with translation.override("id"):
        return translation.ngettext(singular, plural, number)


@pytest.fixture
def suara_warga(home_page):
    """The Suara Warga page, two categories, and two kelurahan in two kecamatan."""
    return SimpleNamespace(
        page=factories.suara_warga_page(home_page),
        roads=factories.feedback_category("Jalan dan drainase", response_days=7),
        waste=factories.feedback_category("Sampah", response_days=3, description="Tempat sampah, bank sampah."),
        gunung_bahagia=factories.kelurahan("6471010006", "Gunung Bahagia", kecamatan="Balikpapan Selatan"),
        margasari=factories.kelurahan("6471020003", "Margasari", kecamatan="Balikpapan Barat"),
    )


@pytest.fixture
def send_form(suara_warga):
    """What someone without an account types into /suara-warga/kirim/; a test changes what it is about
    (None leaves a field out)."""

    def make(**changes):
        data = {
            "category": suara_warga.roads.pk,
            "kelurahan": suara_warga.gunung_bahagia.code,
            "text": "Saluran air di Jl. Mawar RT 05 tersumbat sejak seminggu.",
            "name": "Budi Santoso",
            "email": "",
            "phone": "0812-3456-7890",
        }
        data.update(changes)
        return {key: value for key, value in data.items() if value is not None}

    return make


def photo_upload(size=(4000, 3000), name="jalan.jpg"):
    """A phone's photo: EXIF with the phone's make and the GPS position of where it was taken."""
    image = Image.new("RGB", size, "gray")
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Telepon Budi"
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(
        {ExifTags.GPS.GPSLatitudeRef: "S", ExifTags.GPS.GPSLatitude: (1.0, 16.0, 12.0)}
    )
    output = io.BytesIO()
    image.save(output, "JPEG", exif=exif)
    return SimpleUploadedFile(name, output.getvalue(), content_type="image/jpeg")


@pytest.fixture
def photo_storage(tmp_path, monkeypatch):
    """The photos' storage, in a folder of the test's own: other test processes use the shared one."""
    from participation.models import Feedback

    storage = FileSystemStorage(location=tmp_path / "suara-warga")
    monkeypatch.setattr(Feedback._meta.get_field("photo"), "storage", storage)
    return storage


def stored_photos(storage):
    """Every file in `storage`."""
    return {os.path.join(folder, name) for folder, _dirs, names in os.walk(storage.location) for name in names}
