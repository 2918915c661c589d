"""`manage.py seed_bulk --enrolments N`: benchmark data shaped like what the reports read, N enrolments exactly."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from wagtail.models import Page

from certificates.models import CODE_ALPHABET, Certificate, CertificateVersion
from classes.models import Attendance, Cohort
from courses.models import CoursePage, Enrolment, ModulePage, ModuleProgress
from courses.scope import may_run_course
from demo import bulk

pytestmark = pytest.mark.django_db

User = get_user_model()


def seed_bulk(enrolments, *args):
    output = io.StringIO()
    call_command("seed_bulk", "--enrolments", str(enrolments), "--disposable-database", *args, stdout=output)
    return output.getvalue()


def bulk_enrolments():
    return Enrolment.objects.filter(user__username__startswith="bulk-")


def course_of_module():
    """{module id: its course's id}, from the page tree's paths."""
    courses = {path: pk for pk, path in CoursePage.objects.values_list("pk", "path")}
    return {pk: courses[path[: -Page.steplen]] for pk, path in ModulePage.objects.values_list("pk", "path")}


def assert_bulk_data_is_consistent(count):
    fields = ("pk", "course_id", "cohort_enrolment__cohort_id", "status", "enrolled_at", "completed_at")
    enrolments = list(bulk_enrolments().values(*fields))
    assert len(enrolments) == count
    by_id = {enrolment["pk"]: enrolment for enrolment in enrolments}
    completed = {pk for pk, enrolment in by_id.items() if enrolment["status"] == Enrolment.Status.COMPLETED}
    for pk in completed:
        assert by_id[pk]["completed_at"] > by_id[pk]["enrolled_at"]

    # Progress only for modules of the enrolment's own course; every module of a completed course.
    module_course = course_of_module()
    modules_done = {}
    for enrolment_id, module_id, completed_at, score in ModuleProgress.objects.filter(
        enrolment_id__in=by_id
    ).values_list("enrolment_id", "module_id", "completed_at", "best_score_percent"):
        assert module_course[module_id] == by_id[enrolment_id]["course_id"]
        assert score is None or 40 <= score <= 100
        if completed_at:
            modules_done[enrolment_id] = modules_done.get(enrolment_id, 0) + 1
    module_count = {}
    for course_id in module_course.values():
        module_count[course_id] = module_count.get(course_id, 0) + 1
    for pk in completed:
        assert modules_done.get(pk) == module_count[by_id[pk]["course_id"]]

    # Attendance only at meetings of the enrolment's own class.
    attended = Attendance.objects.filter(enrolment_id__in=by_id).values_list("enrolment_id", "session__cohort_id")
    assert attended
    for enrolment_id, cohort_id in attended:
        assert by_id[enrolment_id]["cohort_enrolment__cohort_id"] == cohort_id

    # Every class is run by its course's owner or by an organisation the owner granted it (issue 15).
    classes = (
        Cohort.objects.filter(cohort_enrolments__enrolment__in=by_id)
        .distinct()
        .select_related("course", "organisation")
    )
    assert any(cohort.organisation_id != cohort.course.organisation_id for cohort in classes)
    for cohort in classes:
        assert may_run_course(organisation=cohort.organisation, course=cohort.course)

    # A certificate with one current version for every completed enrolment, none for the others.
    certificates = Certificate.objects.filter(enrolment_id__in=by_id)
    assert set(certificates.values_list("enrolment_id", flat=True)) == completed
    current = CertificateVersion.objects.filter(certificate__in=certificates, superseded_at__isnull=True)
    assert current.count() == len(completed)
    codes = list(certificates.values_list("code", flat=True))
    assert len(set(codes)) == len(codes)
    assert all(len(code) == 10 and set(code) <= set(CODE_ALPHABET) for code in codes)
    assert not certificates.filter(revoked_at__isnull=False, revoked_by=None).exists()

    # Residents as a sign-up makes them: a kelurahan, e-mail or phone, no usable password.
    residents = User.objects.filter(username__startswith="bulk-").select_related("learner_profile")
    for resident in residents:
        assert resident.email or resident.phone
        assert not resident.has_usable_password()
        assert resident.learner_profile.kelurahan.level == "village"
    assert count / 5 <= residents.count() <= count

    # The shape the brief asks for, loosely (a fixed seed makes it the same every run).
    assert 0.3 < len(completed) / count < 0.5
    in_class = sum(1 for enrolment in enrolments if enrolment["cohort_enrolment__cohort_id"])
    assert 0.45 < in_class / count < 0.75
    assert CoursePage.objects.live().filter(slug__startswith="bulk-").count() == 12


def test_seed_bulk_holds_exactly_n_enrolments_and_a_second_run_replaces_them():
    output = seed_bulk(300)

    assert "Demo content is in place" in output  # an empty database gets the demo site first
    assert "courses_enrolment: 300" in output
    assert_bulk_data_is_consistent(300)
    first = {
        "residents": list(
            User.objects.filter(username__startswith="bulk-")
            .order_by("username")
            .values_list("username", "first_name")
        ),
        "codes": set(Certificate.objects.filter(enrolment__in=bulk_enrolments()).values_list("code", flat=True)),
        "classes": Cohort.objects.filter(name__startswith="Kelas bulk ").count(),
    }

    seed_bulk(300)

    assert_bulk_data_is_consistent(300)
    assert (
        list(
            User.objects.filter(username__startswith="bulk-")
            .order_by("username")
            .values_list("username", "first_name")
        )
        == (first["residents"])
    )
    assert (
        set(Certificate.objects.filter(enrolment__in=bulk_enrolments()).values_list("code", flat=True))
        == (first["codes"])
    )
    assert Cohort.objects.filter(name__startswith="Kelas bulk ").count() == first["classes"]
    assert CoursePage.objects.filter(slug__startswith="bulk-").count() == 12  # made once
    # The demo's own learners are left alone.
    assert Enrolment.objects.get(user__username="warga2").status == Enrolment.Status.COMPLETED

    # Rows made afterwards get fresh ids: the loader drew its ids past everything it wrote.
    resident = User.objects.create_user("setelah-bulk")
    enrolment = Enrolment.objects.create(user=resident, course=CoursePage.objects.first())
    assert enrolment.pk > max(bulk_enrolments().values_list("pk", flat=True))


@pytest.fixture
def few_bulk_courses(monkeypatch):
    """Two bulk courses instead of twelve, for tests about the rows rather than the courses (pages are slow)."""
    monkeypatch.setattr(bulk.content, "COURSES", bulk.content.COURSES[:2])


def test_zero_enrolments_removes_the_bulk_data_and_keeps_the_demo(few_bulk_courses):
    seed_bulk(40)
    seed_bulk(0)

    assert not bulk_enrolments().exists()
    assert not User.objects.filter(username__startswith="bulk-").exists()
    assert not Cohort.objects.filter(name__startswith="Kelas bulk ").exists()
    assert Enrolment.objects.filter(user__username__in=["warga1", "warga2"]).count() == 2


def test_a_failed_run_keeps_the_previous_bulk_data(few_bulk_courses, monkeypatch):
    seed_bulk(40)
    before = sorted(bulk_enrolments().values_list("pk", flat=True))

    def fail(self):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(bulk._Generator, "_class_capacities", fail)
    with pytest.raises(RuntimeError):
        seed_bulk(60)

    assert sorted(bulk_enrolments().values_list("pk", flat=True)) == before


def test_seed_bulk_is_refused_under_production_settings(settings):
    settings.DEMO_CONTENT_ALLOWED = False
    with pytest.raises(CommandError, match="refused"):
        seed_bulk(10)
    assert not User.objects.exists()


def test_seed_bulk_needs_the_demo_site_in_a_database_in_use():
    User.objects.create_user("petugas")
    with pytest.raises(CommandError, match="seed_demo"):
        seed_bulk(10)
    assert not bulk_enrolments().exists()


def foreign_keys():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'f' ORDER BY 1, 2"
        )
        return cursor.fetchall()


@pytest.mark.postgresql
@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY and the dropped foreign keys are PostgreSQL's")
def test_foreign_keys_dropped_for_the_load_are_all_back(few_bulk_courses):
    call_command("seed_demo", stdout=io.StringIO())
    before = foreign_keys()

    seed_bulk(50)

    assert foreign_keys() == before
    assert bulk_enrolments().count() == 50


def test_seed_bulk_refuses_without_being_told_the_database_is_disposable():
    with pytest.raises(CommandError, match="--disposable-database"):
        call_command("seed_bulk", "--enrolments", "10", stdout=io.StringIO())
