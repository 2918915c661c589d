"""Data rights cover Suara Warga: the download holds a resident's items, the replies and the notices sent to
them; deleting the account keeps each item's category, kelurahan, reply and published text, and erases the
name, contact, the sender's own words and the photo (its file too)."""

import csv
import io
import json
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from PIL import Image

from notices.models import Notice
from participation.feedback import feedback_code_format, feedback_publish, feedback_status_set, feedback_submit
from participation.models import Feedback
from privacy.archive import HEADINGS
from privacy.services import erase_resident
from privacy.signals import resident_erased
from tests import factories
from tests.privacy.test_account_deletion import PASSWORD, database_dump

NAME, EMAIL, PHONE = "Rusmini Handayani Saputri", "rusmini.saputri@contoh.id", "+6281255443322"
OWN_WORDS = "Saya Rusmini dari RT 12, saluran depan rumah nomor 7 meluap tiap hujan."
PUBLIC_TEXT = "Saluran di RT 12 meluap setiap hujan."
REPLY = "Dinas Pekerjaan Umum menjadwalkan pengerukan saluran RT 12 pekan depan."
OFFICE = "Dinas Pekerjaan Umum Kota Balikpapan"


def jpeg():
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(out, "JPEG")
    return out.getvalue()


def answered_and_published(item, by):
    feedback_status_set(feedback=item, status=Feedback.Status.FORWARDED, by=by, office=OFFICE)
    feedback_status_set(feedback=item, status=Feedback.Status.ANSWERED, by=by, reply=REPLY)
    return feedback_publish(feedback=item, public_text=PUBLIC_TEXT, by=by)


def residents_items():
    """Rusmini's published item (with a photo) and a second one still waiting; an item from a neighbour
    with an account; and one sent without an account by someone who typed Rusmini's e-mail and phone."""
    staff = factories.kelurahan_staff()
    rusmini = factories.learner(full_name=NAME, email=EMAIL, phone=PHONE, password=PASSWORD)
    drainage = factories.feedback_category("Jalan dan drainase", response_days=14)
    published = feedback_submit(
        category=drainage,
        kelurahan=factories.region_chain(),
        text=OWN_WORDS,
        sender=rusmini,
        photo=ContentFile(jpeg()),
    )
    published = answered_and_published(published, staff)
    waiting = factories.feedback(
        category=factories.feedback_category("Kebersihan dan sampah", response_days=7),
        kelurahan=factories.kelurahan("6471010007", "Sepinggan"),
        text="Sampah di TPS Jalan Mulawarman belum diangkut tiga hari.",
        sender=rusmini,
    )
    neighbour = factories.learner(full_name="Joko Tetangga Sebelah", email="joko.sebelah@contoh.id")
    neighbours = factories.feedback(text="Lampu jalan gang Melati mati.", sender=neighbour)
    feedback_status_set(feedback=neighbours, status=Feedback.Status.ANSWERED, by=staff, reply="Sudah diganti.")
    without_account = factories.feedback(
        text="Jembatan kayu di RT 3 lapuk.", sender_name="R. Handayani", sender_email=EMAIL, sender_phone=PHONE
    )
    return {
        "staff": staff,
        "user": rusmini,
        "published": Feedback.objects.get(pk=published.pk),
        "waiting": waiting,
        "neighbour": neighbour,
        "without_account": without_account,
    }


def download(client, user):
    client.force_login(user)
    response = client.get(reverse("privacy:data_download"))
    assert response.status_code == 200
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def read_csv(archive, name):
    return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))


def in_indonesian(text):
    """A label as the download writes it (in the site's language, Indonesian), whatever the locale files
    hold yet."""
    with translation.override("id"):
        return str(text)


def heading(key):
    return in_indonesian(HEADINGS[key])


@pytest.fixture
def items(db):
    return residents_items()


def test_the_download_holds_the_residents_items_with_replies_photo_and_notices(client, items):
    archive = download(client, items["user"])

    data = json.loads(archive.read("data.json"))
    published, waiting = data["suara_warga"]
    code = feedback_code_format(items["published"].code)
    assert published == {
        "code": code,
        "category": "Jalan dan drainase",
        "kelurahan": "Gunung Bahagia",
        "sent_at": published["sent_at"],
        "channel": in_indonesian(Feedback.Channel.ONLINE.label),
        "status": in_indonesian(Feedback.Status.ANSWERED.label),
        "text": OWN_WORDS,
        "photo": f"suara-warga/{code}.jpg",
        "office": OFFICE,
        "reply": REPLY,
        "replied_at": published["replied_at"],
        "published": True,
        "published_at": published["published_at"],
        "public_text": PUBLIC_TEXT,
    }
    assert published["sent_at"] and published["replied_at"] and published["published_at"]
    assert (waiting["kelurahan"], waiting["status"], waiting["reply"], waiting["published"]) == (
        "Sepinggan",
        in_indonesian(Feedback.Status.RECEIVED.label),
        None,
        False,
    )
    assert waiting["public_text"] is None and waiting["photo"] is None
    # The photo as sent, byte for byte.
    with items["published"].photo.open("rb") as photo:
        assert archive.read(published["photo"]) == photo.read()

    # Forwarded, answered, published: three notices, each in the download, none seen yet.
    notices = data["notices"]
    assert [notice["subject"] for notice in notices] == list(
        Notice.objects.filter(user=items["user"]).order_by("created_at", "pk").values_list("subject", flat=True)
    )
    assert len(notices) == 3 and all(code in notice["subject"] for notice in notices)
    assert all(notice["sent_at"] and notice["seen_at"] is None for notice in notices)
    assert REPLY in notices[1]["body"] and OFFICE in notices[0]["body"]

    rows = read_csv(archive, "suara-warga.csv")
    assert [row[heading("code")] for row in rows] == [code, feedback_code_format(items["waiting"].code)]
    assert rows[0][heading("reply")] == REPLY and rows[0][heading("text")] == OWN_WORDS
    assert rows[0][heading("published")] == "ya" and rows[1][heading("published")] == "tidak"
    assert [row[heading("body")] for row in read_csv(archive, "pemberitahuan.csv")] == [
        notice["body"] for notice in notices
    ]
    readme = archive.read("BACA-SAYA.txt").decode()
    assert "suara-warga.csv" in readme and "pemberitahuan.csv" in readme


def test_the_download_holds_no_item_of_another_nor_one_sent_without_an_account(client, items):
    archive = download(client, items["user"])

    everything = b"".join(archive.read(name) for name in archive.namelist()).decode("utf-8", "replace")
    codes = [item["code"] for item in json.loads(archive.read("data.json"))["suara_warga"]]
    assert feedback_code_format(items["without_account"].code) not in codes
    # A matching e-mail and phone do not show the item was theirs: its words and its sender's name stay out.
    for theirs in ["Jembatan kayu", "R. Handayani", "Lampu jalan gang Melati", "Sudah diganti"]:
        assert theirs not in everything


def test_the_download_takes_a_fixed_number_of_queries_whatever_the_items_and_notices(client, items):
    client.force_login(items["user"])
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("privacy:data_download")).status_code == 200
    more = factories.feedback(
        category=factories.feedback_category("Penerangan jalan"), text="Lampu mati.", sender=items["user"]
    )
    answered_and_published(more, items["staff"])
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("privacy:data_download")).status_code == 200

    assert len(many) == len(few)


# --- deleting the account


@pytest.fixture
def erased(wagtail_root, client):
    """Rusmini deletes her account through the page (transactions committed: files go after the commit)."""
    found = residents_items()
    photo = found["published"].photo
    assert photo.storage.exists(photo.name)
    client.force_login(found["user"])
    response = client.post(reverse("privacy:account_delete"), {"password": PASSWORD})
    assert response.status_code == 302
    client.logout()
    return {**found, "photo_name": photo.name, "photo_storage": photo.storage}


def test_after_deletion_the_item_keeps_category_kelurahan_reply_and_published_text(erased):
    item = Feedback.objects.select_related("category", "kelurahan").get(pk=erased["published"].pk)

    assert (item.category.name, item.kelurahan.name, item.office, item.reply) == (
        "Jalan dan drainase",
        "Gunung Bahagia",
        OFFICE,
        REPLY,
    )
    assert (item.status, item.public_text, item.replied_at) == (
        Feedback.Status.ANSWERED,
        PUBLIC_TEXT,
        erased["published"].replied_at,
    )
    # Still on the public list: published, and found where the list looks.
    assert item.is_published and item in Feedback.objects.published()
    assert item.erased_at is not None


def test_after_deletion_no_name_contact_own_words_or_photo_is_left(erased):
    for item in Feedback.objects.filter(pk__in=[erased["published"].pk, erased["waiting"].pk]):
        assert item.sender is None
        assert (item.sender_name, item.sender_email, item.sender_phone, item.text) == ("", "", "", "")
        assert not item.photo
    assert not erased["photo_storage"].exists(erased["photo_name"])  # the file itself, on disk
    assert not Feedback.objects.filter(sender=erased["user"]).exists()
    assert not Notice.objects.filter(user=erased["user"]).exists()

    dump = database_dump()
    assert "Joko Tetangga Sebelah" in dump  # the dump does hold the others
    # (Her e-mail and phone stay in the item sent without an account, which is not known to be hers.)
    for personal in [NAME, slugify(NAME), "Saya Rusmini", "rumah nomor 7", "Jalan Mulawarman"]:
        assert personal not in dump


def test_deletion_leaves_items_sent_without_an_account_and_other_residents_alone(erased):
    without_account = Feedback.objects.get(pk=erased["without_account"].pk)
    assert (without_account.sender_name, without_account.sender_email, without_account.sender_phone) == (
        "R. Handayani",
        EMAIL,
        PHONE,
    )
    assert without_account.text == "Jembatan kayu di RT 3 lapuk." and without_account.erased_at is None
    neighbours = Feedback.objects.get(sender=erased["neighbour"])
    assert neighbours.text == "Lampu jalan gang Melati mati."
    assert Notice.objects.filter(user=erased["neighbour"]).count() == 1


@pytest.mark.django_db
def test_an_erasure_that_fails_keeps_the_photo_and_the_item(django_capture_on_commit_callbacks):
    found = residents_items()
    photo = found["published"].photo

    def refuse(**kwargs):
        raise RuntimeError("a receiver failed")

    resident_erased.connect(refuse, dispatch_uid="test-refuse")
    try:
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
            erase_resident(user=found["user"])
    finally:
        resident_erased.disconnect(dispatch_uid="test-refuse")

    item = Feedback.objects.get(pk=found["published"].pk)
    assert (item.sender_id, item.text, item.photo.name) == (found["user"].pk, OWN_WORDS, photo.name)
    assert photo.storage.exists(photo.name)
    assert Notice.objects.filter(user=found["user"]).count() == 3
    assert get_user_model().objects.get(pk=found["user"].pk).erased_at is None
