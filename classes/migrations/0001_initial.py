"""Classes move out of courses: the models Cohort, CohortSession (now CohortMeeting) and Attendance
become classes' own, on the same tables (db_table) with every row; and the class of an enrolment,
until now the column courses_enrolment.cohort_id, becomes a row of classes.CohortEnrolment.

Order: this migration copies the class of each enrolment, then courses' 0010 drops the old column
and forgets the three models (``run_before``: courses, below classes, must not depend on it).

The three models' content types are relabelled in place (courses.cohortsession becomes
classes.cohortmeeting), so every row that points at them by id keeps pointing at them: a class's
history in Wagtail's audit log (created, edited, roster imported, invitation codes renewed) and the
models' permissions.
"""

import django.core.validators
import django.db.models.deletion
import modelcluster.fields
from django.conf import settings
from django.db import migrations, models

import classes.models

BATCH = 5_000
# (app label, model) before the move -> after it.
MOVED_CONTENT_TYPES = {
    ("courses", "cohort"): ("classes", "cohort"),
    ("courses", "cohortsession"): ("classes", "cohortmeeting"),
    ("courses", "attendance"): ("classes", "attendance"),
}


def relabel_content_types(apps, moves):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    Permission = apps.get_model("auth", "Permission")
    for (from_app, from_model), (to_app, to_model) in moves.items():
        moving = ContentType.objects.filter(app_label=from_app, model=from_model).first()
        if moving is None:
            continue
        # `migrate` creates content types for the models it knows when it ends: a run that stopped
        # before this migration left an empty one under the new label. The one with the history wins.
        stale = ContentType.objects.filter(app_label=to_app, model=to_model).first()
        if stale is not None:
            if ModelLogEntry.objects.filter(content_type=stale).exists():
                raise RuntimeError(
                    f"Both {from_app}.{from_model} and {to_app}.{to_model} have a history: merge them by hand first."
                )
            stale.delete()  # with its permissions, made again below from the moving ones
        moving.app_label, moving.model = to_app, to_model
        moving.save(update_fields=["app_label", "model"])
        for permission in Permission.objects.filter(content_type=moving, codename__endswith=f"_{from_model}"):
            permission.codename = permission.codename.removesuffix(from_model) + to_model
            permission.save(update_fields=["codename"])
    # The running process may remember the old labels by id.
    from django.contrib.contenttypes.models import ContentType as CurrentContentType

    CurrentContentType.objects.clear_cache()


def content_types_to_classes(apps, schema_editor):
    relabel_content_types(apps, MOVED_CONTENT_TYPES)


def content_types_to_courses(apps, schema_editor):
    relabel_content_types(apps, {after: before for before, after in MOVED_CONTENT_TYPES.items()})


def copy_classes_of_enrolments(apps, schema_editor):
    Enrolment = apps.get_model("courses", "Enrolment")
    CohortEnrolment = apps.get_model("classes", "CohortEnrolment")
    in_classes = Enrolment.objects.filter(cohort__isnull=False).order_by("pk").values_list("pk", "cohort_id")
    batch = []
    for enrolment_id, cohort_id in in_classes.iterator(chunk_size=BATCH):
        batch.append(CohortEnrolment(enrolment_id=enrolment_id, cohort_id=cohort_id))
        if len(batch) == BATCH:
            CohortEnrolment.objects.bulk_create(batch)
            batch = []
    CohortEnrolment.objects.bulk_create(batch)


def copy_classes_back(apps, schema_editor):
    Enrolment = apps.get_model("courses", "Enrolment")
    CohortEnrolment = apps.get_model("classes", "CohortEnrolment")
    for enrolment_id, cohort_id in CohortEnrolment.objects.values_list("enrolment_id", "cohort_id").iterator():
        Enrolment.objects.filter(pk=enrolment_id).update(cohort_id=cohort_id)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("courses", "0009_coursepage_certificate_template_moves_to_certificates"),
        ("organisations", "0004_clean_text"),
        ("regions", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]
    run_before = [("courses", "0010_classes_move_to_their_own_app")]

    operations = [
        # The tables are there already, with their rows: only Django's idea of who owns them changes.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Cohort",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=200, verbose_name="name")),
                        (
                            "mode",
                            models.CharField(
                                choices=[("online", "Online"), ("in-person", "In person"), ("blended", "Blended")],
                                default="in-person",
                                max_length=20,
                                verbose_name="mode",
                            ),
                        ),
                        ("starts_on", models.DateField(verbose_name="starts on")),
                        ("ends_on", models.DateField(verbose_name="ends on")),
                        (
                            "capacity",
                            models.PositiveIntegerField(
                                help_text="Most learners.",
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(100000),
                                ],
                                verbose_name="capacity",
                            ),
                        ),
                        (
                            "enrolment_open",
                            models.BooleanField(
                                default=True,
                                help_text="Residents can join with the enrolment code.",
                                verbose_name="open for enrolment",
                            ),
                        ),
                        (
                            "min_attendance_percent",
                            models.PositiveSmallIntegerField(
                                blank=True,
                                help_text="In-person and blended classes only: learners must attend this share of the meetings to complete.",
                                null=True,
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(100),
                                ],
                                verbose_name="minimum attendance (%)",
                            ),
                        ),
                        (
                            "enrolment_code",
                            models.CharField(
                                default=classes.models.new_enrolment_code,
                                editable=False,
                                max_length=20,
                                unique=True,
                                verbose_name="enrolment code",
                            ),
                        ),
                        (
                            "check_in_secret",
                            models.CharField(
                                default=classes.models.new_check_in_secret, editable=False, max_length=64
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                        (
                            "course",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="cohorts",
                                to="courses.coursepage",
                                verbose_name="course",
                            ),
                        ),
                        (
                            "facilitators",
                            models.ManyToManyField(
                                blank=True,
                                related_name="facilitated_cohorts",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="facilitators",
                            ),
                        ),
                        (
                            "kelurahan",
                            models.ForeignKey(
                                limit_choices_to={"level": "village"},
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="cohorts",
                                to="regions.region",
                                verbose_name="kelurahan",
                            ),
                        ),
                        (
                            "organisation",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="cohorts",
                                to="organisations.organisation",
                                verbose_name="organisation",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "class",
                        "verbose_name_plural": "classes",
                        "db_table": "courses_cohort",
                        "ordering": ["-starts_on", "name"],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("ends_on__gte", models.F("starts_on"))),
                                name="cohort_ends_after_start",
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="CohortMeeting",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("title", models.CharField(max_length=200, verbose_name="title")),
                        ("starts_at", models.DateTimeField(verbose_name="starts at")),
                        ("venue", models.CharField(blank=True, max_length=200, verbose_name="venue")),
                        (
                            "cohort",
                            modelcluster.fields.ParentalKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="sessions",
                                to="classes.cohort",
                                verbose_name="class",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "meeting",
                        "verbose_name_plural": "meetings",
                        "db_table": "courses_cohortsession",
                        "ordering": ["starts_at", "pk"],
                    },
                ),
                migrations.CreateModel(
                    name="Attendance",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "method",
                            models.CharField(
                                choices=[("form", "Marked by the facilitator"), ("qr", "QR check-in")],
                                max_length=10,
                                verbose_name="recorded by",
                            ),
                        ),
                        ("recorded_at", models.DateTimeField(auto_now_add=True, verbose_name="recorded at")),
                        (
                            "enrolment",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="attendances",
                                to="courses.enrolment",
                                verbose_name="enrolment",
                            ),
                        ),
                        (
                            "recorded_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "session",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="attendances",
                                to="classes.cohortmeeting",
                                verbose_name="meeting",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "attendance",
                        "verbose_name_plural": "attendance",
                        "db_table": "courses_attendance",
                        "constraints": [
                            models.UniqueConstraint(fields=("session", "enrolment"), name="attended_a_meeting_once"),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.CreateModel(
            name="CohortEnrolment",
            fields=[
                (
                    "enrolment",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="cohort_enrolment",
                        serialize=False,
                        to="courses.enrolment",
                        verbose_name="enrolment",
                    ),
                ),
                (
                    "cohort",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="cohort_enrolments",
                        to="classes.cohort",
                        verbose_name="class",
                    ),
                ),
            ],
            options={
                "verbose_name": "learner of a class",
                "verbose_name_plural": "learners of classes",
            },
        ),
        migrations.RunPython(copy_classes_of_enrolments, copy_classes_back, elidable=False),
        migrations.RunPython(content_types_to_classes, content_types_to_courses, elidable=False),
    ]
