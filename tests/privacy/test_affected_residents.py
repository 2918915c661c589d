"""manage.py affected_residents: who to notify after a breach, and how to reach them."""

import csv
import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from courses.models import Enrolment
from privacy.models import RecordAccess
from privacy.services import erase_resident
from tests import factories
from tests.classes.conftest import make_cohort

pytestmark = pytest.mark.django_db

WITA = datetime.timezone(datetime.timedelta(hours=8))


def affected(*args):
    out = io.StringIO()
    call_command("affected_residents", *args, stdout=out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


@pytest.fixture
def dated(sulastri, another):
    """Sulastri's records were all written on 10 November 2026; Bambang's on 20 November."""
    for resident, day in [(sulastri, 10), (another, 20)]:
        moment = datetime.datetime(2026, 11, day, 9, 0, tzinfo=WITA)
        user = resident["user"]
        type(user).objects.filter(pk=user.pk).update(date_joined=moment, last_login=None)
        enrolments = Enrolment.objects.filter(user=user)
        enrolments.update(enrolled_at=moment, completed_at=moment)
        for model, path, fields in [
            ("courses.ModuleProgress", "enrolment__user", ["read_at"]),
            ("courses.QuizAttempt", "enrolment__user", ["started_at", "submitted_at"]),
            ("classes.Attendance", "enrolment__user", ["recorded_at"]),
            ("certificates.CertificateVersion", "certificate__enrolment__user", ["issued_at"]),
            ("accounts.ConsentRecord", "user", ["at"]),
        ]:
            from django.apps import apps

            apps.get_model(model).objects.filter(**{path: user}).update(**dict.fromkeys(fields, moment))
        RecordAccess.objects.filter(resident=user).update(accessed_at=moment)
    return {"sulastri": sulastri["user"], "bambang": another["user"]}


def test_a_window_lists_the_residents_it_touched_with_their_contacts(dated):
    rows = affected("--since", "2026-11-09", "--until", "2026-11-10")

    assert rows == [
        {
            "name": "Sulastri Wibowo Kencana",
            "email": "sulastri.kencana@contoh.id",
            "phone": "0812 9988 7766",  # as residents write it, text in a spreadsheet
            "kelurahan": "Gunung Bahagia",
            "records_touched": "account;attendance;certificate;consent;enrolment;progress;quiz;record-opened",
        }
    ]


def test_a_name_that_a_spreadsheet_would_run_is_listed_as_text(dated):
    type(dated["sulastri"]).objects.filter(pk=dated["sulastri"].pk).update(
        first_name='=HYPERLINK("http://contoh.id","klik")'
    )

    rows = affected("--since", "2026-11-09", "--until", "2026-11-10")

    assert [(row["name"], row["phone"]) for row in rows] == [
        ('\'=HYPERLINK("http://contoh.id","klik")', "0812 9988 7766")
    ]


def test_a_wider_window_lists_both_and_an_empty_one_none(dated):
    assert [row["name"] for row in affected("--since", "2026-11-01", "--until", "2026-11-30")] == [
        "Bambang Tetangga Lain",
        "Sulastri Wibowo Kencana",
    ]
    assert affected("--since", "2026-11-11T00:00", "--until", "2026-11-19") == []


def test_a_staff_member_reading_a_record_in_the_window_counts(dated, world):
    RecordAccess.objects.create(
        resident=dated["bambang"],
        accessed_by=world["users"]["government"],
        accessed_at=datetime.datetime(2026, 11, 12, 14, 0, tzinfo=WITA),
        action=RecordAccess.Action.LEARNER_RECORD,
    )

    rows = affected("--since", "2026-11-12", "--until", "2026-11-12")

    assert [(row["name"], row["records_touched"]) for row in rows] == [("Bambang Tetangga Lain", "record-opened")]


def test_an_organisation_limits_the_list_to_its_learners(dated):
    # Sulastri learns in Lestari's class; Bambang in Cerdas's.
    assert [row["name"] for row in affected("--since", "2026-11-01", "--organisation", "lestari")] == [
        "Sulastri Wibowo Kencana"
    ]
    assert [row["name"] for row in affected("--since", "2026-11-01", "--organisation", "cerdas")] == [
        "Bambang Tetangga Lain"
    ]


def test_a_course_owner_is_told_of_the_learners_of_classes_others_ran_of_its_course(dated, world):
    # Cerdas runs a class of Lestari's course, granted: Lestari reads Bambang's record there, so a breach
    # at Lestari may have touched him.
    granted_class = make_cohort(course=world["own_course"], organisation=world["cerdas"], name="Kelas Cerdas")
    moment = datetime.datetime(2026, 11, 20, 9, 0, tzinfo=WITA)
    factories.enrolment(user=dated["bambang"], course=world["own_course"], cohort=granted_class, enrolled_at=moment)

    assert [row["name"] for row in affected("--since", "2026-11-01", "--organisation", "lestari")] == [
        "Bambang Tetangga Lain",
        "Sulastri Wibowo Kencana",
    ]
    assert [row["name"] for row in affected("--since", "2026-11-01", "--organisation", "cerdas")] == [
        "Bambang Tetangga Lain"
    ]


def test_a_deleted_account_is_not_listed(dated):
    erase_resident(user=dated["sulastri"])

    assert [row["name"] for row in affected("--since", "2026-11-01", "--until", "2026-11-30")] == [
        "Bambang Tetangga Lain"
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "kemarin"], "is not a date"),
        (["--since", "2026-11-10", "--until", "2026-11-01"], "--until must come after --since"),
        (["--since", "2026-11-10", "--organisation", "tidak-ada"], "No organisation"),
    ],
)
def test_bad_arguments_say_what_is_wrong(db, args, message):
    with pytest.raises(CommandError, match=message):
        affected(*args)
