"""What facilitators type or upload for a class is stored as clean text: the names of residents from a
roster, the class's name, its meetings, a note on a paper completion; no control characters, no
bidirectional overrides, composed letters (NFC)."""

import datetime
import importlib

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from classes.models import Cohort, CohortMeeting
from courses.models import Enrolment
from tests import factories

pytestmark = pytest.mark.django_db

User = get_user_model()


def test_a_roster_uploads_residents_names_clean_and_composed(client, world):
    client.force_login(world["users"]["facilitator"])
    rows = "\n".join(
        [
            "nama,email,telepon,kelurahan",
            "Budi\u202eSantoso,,0812 3456 7890,Gunung Bahagia",
            "A\u0301gus Salim,agus@contoh.id,,\u200bGunung Bahagia",
            '"Siti\u0007 Rahma\u2069",siti@contoh.id,,Gunung Bahagia',
        ]
    )

    response = client.post(
        reverse("cohorts:roster_upload", args=[world["own"].pk]),
        {
            "file": SimpleUploadedFile("peserta.csv", rows.encode(), content_type="text/csv"),
            "consent_collected": "on",
        },
    )

    assert response.status_code == 200
    names = set(
        Enrolment.objects.filter(cohort_enrolment__cohort=world["own"]).values_list("user__first_name", flat=True)
    )
    assert names == {"BudiSantoso", "\u00c1gus Salim", "Siti Rahma"}


def test_a_class_and_its_meetings_are_stored_clean_from_the_admin(client, world):
    cohort = world["own"]
    client.force_login(world["users"]["facilitator"])
    starts_at = datetime.datetime(2027, 1, 12, 9, 0)

    response = client.post(
        reverse("cohorts:edit", args=[cohort.pk]),
        nested_form_data(
            {
                "name": "Kelas\u202e Gunung Bahagia\t",
                "course": cohort.course_id,
                "organisation": cohort.organisation_id,
                "facilitators": [world["users"]["facilitator"].pk],
                "kelurahan": cohort.kelurahan_id,
                "mode": cohort.mode,
                "starts_on": cohort.starts_on.isoformat(),
                "ends_on": cohort.ends_on.isoformat(),
                "capacity": cohort.capacity,
                "enrolment_open": "on",
                "min_attendance_percent": "",
                "sessions": inline_formset(
                    [
                        {
                            "title": "Pertemuan\x00 1",
                            "starts_at": starts_at.strftime("%Y-%m-%d %H:%M"),
                            "venue": "Aula Kelurahan\u200b Gunung Bahagia",
                        }
                    ]
                ),
            }
        ),
    )

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    cohort.refresh_from_db()
    assert cohort.name == "Kelas Gunung Bahagia"
    meeting = cohort.sessions.get()
    assert (meeting.title, meeting.venue) == ("Pertemuan 1", "Aula Kelurahan Gunung Bahagia")


def test_a_note_on_a_paper_completion_is_stored_clean(client, world):
    cohort = world["own"]
    client.force_login(world["users"]["facilitator"])
    enrolment = factories.enrolment(
        user=factories.learner(full_name="Ani", phone="+6281200000001"), course=cohort.course, cohort=cohort
    )

    client.post(
        reverse("cohorts:record_paper_completion", args=[cohort.pk, enrolment.pk]),
        {"note": "Tes kertas\u202e 12 Januari 2027\r\nnilai 85"},
    )

    enrolment.refresh_from_db()
    assert enrolment.completion_note == "Tes kertas 12 Januari 2027 nilai 85"


def test_the_data_migration_cleans_classes_meetings_and_notes_stored_before(world):
    cohort = world["own"]
    meeting = CohortMeeting.objects.create(cohort=cohort, title="Pertemuan 1", starts_at=timezone.now())
    enrolment = factories.enrolment(user=factories.learner(full_name="Ani"), course=cohort.course, cohort=cohort)
    # Written as before text was cleaned.
    Cohort.objects.filter(pk=cohort.pk).update(name="Kelas\u202e Gunung Bahagia")
    CohortMeeting.objects.filter(pk=meeting.pk).update(title="Pertemuan\x071", venue="Aula\u200b")
    Enrolment.objects.filter(pk=enrolment.pk).update(completion_note="Tes\tkertas")
    other_name = world["other"].name

    # The models as the migration knew them: classes have since moved to their own app (same tables).
    historical = MigrationLoader(connection).project_state(("courses", "0008_clean_text")).apps
    importlib.import_module("courses.migrations.0008_clean_text").clean_text(historical, schema_editor=None)

    cohort.refresh_from_db()
    meeting.refresh_from_db()
    enrolment.refresh_from_db()
    assert cohort.name == "Kelas Gunung Bahagia"
    assert (meeting.title, meeting.venue) == ("Pertemuan1", "Aula")
    assert enrolment.completion_note == "Tes kertas"
    assert Cohort.objects.get(pk=world["other"].pk).name == other_name
