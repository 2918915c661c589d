"""What is published of a Suara Warga item (the text staff chose and the reply) never names its sender."""

import pytest
from django.utils import translation

from participation.feedback import FeedbackError, feedback_publish, feedback_reply_set, feedback_status_set
from participation.models import Feedback
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def answered(db):
    staff = factories.kelurahan_staff()
    item = factories.feedback(
        sender_name="Budi Hartono",
        sender_email="budi.hartono@example.com",
        sender_phone="+6281234567890",
        text="Saya Budi Hartono, got di depan rumah saya (0812-3456-7890) tersumbat.",
    )
    item = feedback_status_set(feedback=item, status="answered", by=staff, reply="Got sudah dibersihkan petugas.")
    return item, staff


@pytest.mark.parametrize(
    "public_text, found",
    [
        ("Saya Budi Hartono, got di depan rumah tersumbat.", "Budi Hartono"),
        ("Pak hartono melapor got tersumbat.", "Hartono"),
        ("Hubungi budi.hartono@example.com soal got.", "budi.hartono@example.com"),
        ("Got tersumbat, telepon 0812 3456 7890.", "their phone number"),
        ("Got tersumbat, telepon +62 812-3456-7890.", "their phone number"),
    ],
)
def test_a_text_that_names_the_sender_is_not_published(answered, public_text, found):
    item, staff = answered

    with pytest.raises(FeedbackError) as refused:
        feedback_publish(feedback=item, public_text=public_text, by=staff)

    assert refused.value.field == "public_text"
    assert found in refused.value.message
    assert Feedback.objects.published().count() == 0


def test_a_reply_that_greets_the_sender_by_name_is_not_published(answered):
    item, staff = answered
    feedback_reply_set(feedback=item, reply="Terima kasih Pak Budi, got sudah dibersihkan.", by=staff)

    with pytest.raises(FeedbackError) as refused:
        feedback_publish(feedback=item, public_text="Got di RT 05 tersumbat.", by=staff)

    assert refused.value.field == "reply"
    assert not Feedback.objects.published().exists()


def test_a_published_reply_cannot_be_corrected_into_naming_the_sender(answered):
    item, staff = answered
    feedback_publish(feedback=item, public_text="Got di RT 05 tersumbat.", by=staff)

    with pytest.raises(FeedbackError):
        feedback_reply_set(feedback=item, reply="Pak Budi Hartono, got sudah bersih.", by=staff)

    item.refresh_from_db()
    assert item.reply == "Got sudah dibersihkan petugas."


def test_a_text_without_the_sender_is_published(answered):
    item, staff = answered

    feedback_publish(feedback=item, public_text="Got di depan rumah warga RT 05 tersumbat.", by=staff)

    assert Feedback.objects.published().get().public_text == "Got di depan rumah warga RT 05 tersumbat."


def test_an_account_holders_name_and_contact_count_too(db):
    staff = factories.kelurahan_staff()
    resident = factories.learner(full_name="Siti Rahmawati", email="siti@example.com")
    item = factories.feedback(sender=resident, text="Lampu jalan mati.")
    item = feedback_status_set(feedback=item, status="answered", by=staff, reply="Lampu sudah diganti.")

    with pytest.raises(FeedbackError):
        feedback_publish(feedback=item, public_text="Siti Rahmawati: lampu jalan mati.", by=staff)
    feedback_publish(feedback=item, public_text="Lampu jalan mati di RT 02.", by=staff)
