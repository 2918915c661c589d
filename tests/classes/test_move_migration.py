"""Classes keep every row when they move from courses to their own app (classes 0001, courses 0010):
the classes, their facilitators, meetings and attendance stay in their tables, and each enrolment's
class, until then a column of the enrolment, becomes a classes.CohortEnrolment row.

The rows are made as they were before the move, with the historical models of that time; the
course page, the organisation, the region and the accounts, which do not move, with today's models.
"""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from wagtail.models import ModelLogEntry

from classes.models import Attendance, Cohort, CohortEnrolment, CohortMeeting
from classes.selectors import cohort_of
from courses.models import Enrolment
from organisations.services import organisation_create
from tests import factories

LAST_BEFORE_THE_MOVE = ("courses", "0009_coursepage_certificate_template_moves_to_certificates")
BEFORE_THE_MOVE = [LAST_BEFORE_THE_MOVE, ("classes", None)]


def enrolment_columns():
    with connection.cursor() as cursor:
        return {column.name for column in connection.introspection.get_table_description(cursor, "courses_enrolment")}


@pytest.fixture
def before_the_move(migrate_to):
    """A class with a facilitator, a meeting and one learner who attended it, and a resident learning
    on their own, written as the courses app wrote them before the move."""
    course = factories.course_page(factories.site_tree(factories.home_page())["courses"])
    organisation = organisation_create(name="Yayasan Lingkungan Lestari", slug="lestari", kind="ngo")
    kelurahan = factories.region_chain()
    facilitator = factories.learner(full_name="Fasilitator Lestari")
    in_class = factories.learner(full_name="Ani Wulandari")
    alone = factories.learner(full_name="Budi Santoso")

    old = migrate_to(BEFORE_THE_MOVE)
    OldCohort = old.get_model("courses", "Cohort")
    cohort = OldCohort.objects.create(
        name="Kelas Gunung Bahagia",
        course_id=course.pk,
        organisation_id=organisation.pk,
        kelurahan_id=kelurahan.pk,
        starts_on=datetime.date(2026, 12, 1),
        ends_on=datetime.date(2026, 12, 31),
        capacity=30,
        min_attendance_percent=50,
    )
    cohort.facilitators.add(facilitator.pk)
    meeting = old.get_model("courses", "CohortSession").objects.create(
        cohort=cohort, title="Pertemuan 1", starts_at=timezone.now(), venue="Aula Kelurahan"
    )
    OldEnrolment = old.get_model("courses", "Enrolment")
    learner = OldEnrolment.objects.create(user_id=in_class.pk, course_id=course.pk, cohort=cohort, source="roster")
    on_their_own = OldEnrolment.objects.create(user_id=alone.pk, course_id=course.pk)
    old.get_model("courses", "Attendance").objects.create(session=meeting, enrolment=learner, method="qr")
    # The class's history in Wagtail's audit log, filed under its content type of the time.
    OldContentType = old.get_model("contenttypes", "ContentType")
    class_type, _ = OldContentType.objects.get_or_create(app_label="courses", model="cohort")
    history = ModelLogEntry.objects.create(
        content_type_id=class_type.pk,
        object_id=str(cohort.pk),
        label=cohort.name,
        action="sekolah_warga.roster_import",
        timestamp=timezone.now(),
    )
    return {
        "cohort": cohort.pk,
        "code": cohort.enrolment_code,
        "meeting": meeting.pk,
        "learner": learner.pk,
        "on_their_own": on_their_own.pk,
        "facilitator": facilitator,
        "history": history.pk,
    }


def test_classes_meetings_attendance_and_each_enrolments_class_are_found_after_the_move(
    migration_executor, migrate_to, before_the_move
):
    rows = before_the_move
    assert "cohort_id" in enrolment_columns()

    migrate_to(migration_executor.loader.graph.leaf_nodes())

    cohort = Cohort.objects.get(pk=rows["cohort"])
    assert (cohort.name, cohort.enrolment_code, cohort.min_attendance_percent) == (
        "Kelas Gunung Bahagia",
        rows["code"],
        50,
    )
    assert list(cohort.facilitators.all()) == [rows["facilitator"]]
    meeting = CohortMeeting.objects.get(pk=rows["meeting"])
    assert (meeting.cohort, meeting.title, meeting.venue) == (cohort, "Pertemuan 1", "Aula Kelurahan")
    attendance = Attendance.objects.get()
    assert (attendance.session, attendance.enrolment_id, attendance.method) == (meeting, rows["learner"], "qr")
    assert cohort_of(Enrolment.objects.get(pk=rows["learner"])) == cohort
    assert cohort_of(Enrolment.objects.get(pk=rows["on_their_own"])) is None
    assert CohortEnrolment.objects.count() == 1
    # The class's history is still its own.
    assert ModelLogEntry.objects.get(pk=rows["history"]).content_type == ContentType.objects.get_for_model(Cohort)
    assert [entry.pk for entry in ModelLogEntry.objects.for_instance(cohort)] == [rows["history"]]
    # The class lives beside the enrolment now, not in it.
    assert "cohort_id" not in enrolment_columns()


def test_moving_back_puts_each_enrolments_class_back_in_its_column(migration_executor, migrate_to, before_the_move):
    rows = before_the_move
    migrate_to(migration_executor.loader.graph.leaf_nodes())

    old = migrate_to(BEFORE_THE_MOVE)

    OldEnrolment = old.get_model("courses", "Enrolment")
    assert OldEnrolment.objects.get(pk=rows["learner"]).cohort_id == rows["cohort"]
    assert OldEnrolment.objects.get(pk=rows["on_their_own"]).cohort_id is None
    assert "classes_cohortenrolment" not in connection.introspection.table_names()
