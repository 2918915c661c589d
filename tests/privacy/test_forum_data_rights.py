"""Data rights cover the forums: the download holds a resident's registrations, attendance and questions;
deleting the account gives up their places at coming meetings (the next on the waiting list moves up),
keeps past attendance for the anonymous figures, and deletes the questions that were not taken up."""

import datetime
import json

import pytest
from django.utils import timezone

from notices.models import Notice
from participation.forum_registration import forum_door_add, forum_register
from participation.models import ForumQuestion, ForumRegistration
from privacy.services import erase_resident
from tests import factories
from tests.privacy.test_suara_warga_data_rights import download, heading, read_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def forums(site_tree):
    now = timezone.now()
    past = factories.forum_page(
        site_tree["forums"], title="Forum Oktober", starts_at=now - datetime.timedelta(days=30)
    )
    coming = factories.forum_page(
        site_tree["forums"], title="Forum Desember", starts_at=now + datetime.timedelta(days=5), capacity=1
    )
    return {"past": past, "coming": coming}


def test_the_download_holds_the_residents_forums_and_questions(client, forums):
    resident = factories.learner(full_name="Rusmini Saputri")
    staff = factories.kelurahan_staff()
    forum_door_add(forum=forums["past"], by=staff, user=resident)
    forum_register(forum=forums["coming"], user=resident)
    ForumQuestion.objects.create(forum=forums["coming"], user=resident, text="Kapan saluran RT 12 dikeruk?")
    someone_else = factories.learner(full_name="Budi Santoso")
    ForumQuestion.objects.create(forum=forums["coming"], user=someone_else, text="Pertanyaan orang lain.")

    archive = download(client, resident)

    data = json.loads(archive.read("data.json"))
    assert [row["forum"] for row in data["forums"]] == ["Forum Oktober", "Forum Desember"]
    assert data["forums"][0]["attended_at"] is not None and data["forums"][1]["attended_at"] is None
    assert [row["text"] for row in data["forum_questions"]] == ["Kapan saluran RT 12 dikeruk?"]
    rows = read_csv(archive, "forum.csv")
    assert [row[heading("status")] for row in rows] == ["Terdaftar", "Terdaftar"]
    assert [row[heading("text")] for row in read_csv(archive, "pertanyaan-forum.csv")] == [
        "Kapan saluran RT 12 dikeruk?"
    ]
    assert "forum.csv" in archive.read("BACA-SAYA.txt").decode()


def test_deleting_the_account_gives_up_coming_places_and_keeps_past_attendance(forums):
    resident = factories.learner(full_name="Rusmini Saputri")
    waiting = factories.learner(full_name="Budi Santoso")
    staff = factories.kelurahan_staff()
    forum_door_add(forum=forums["past"], by=staff, user=resident)
    forum_register(forum=forums["coming"], user=resident)
    assert forum_register(forum=forums["coming"], user=waiting).status == ForumRegistration.Status.WAITING
    not_taken = ForumQuestion.objects.create(forum=forums["coming"], user=resident, text="Belum diterima.")
    taken = ForumQuestion.objects.create(
        forum=forums["coming"], user=resident, text="Sudah diterima.", status=ForumQuestion.Status.TAKEN_UP
    )

    erase_resident(user=resident)

    mine = {row.forum_id: row for row in ForumRegistration.objects.filter(user=resident)}
    assert mine[forums["coming"].pk].status == ForumRegistration.Status.CANCELLED
    assert mine[forums["past"].pk].attended_at is not None  # the anonymous attendance figures keep it
    assert ForumRegistration.objects.get(user=waiting).status == ForumRegistration.Status.REGISTERED
    assert Notice.objects.filter(user=waiting).count() == 1  # told of the place
    assert not ForumQuestion.objects.filter(pk=not_taken.pk).exists()
    assert ForumQuestion.objects.filter(pk=taken.pk).exists()
