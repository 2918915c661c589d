"""The completion records: one row per enrolment, as government staff and NGO partners read and export them.

Everything a row shows is computed in the one SQL query of `completion_records()`, so that the report's
page, its CSV export (PostgreSQL's COPY of that very query, reports.exports) and its XLSX export give the
same rows. Per row:

- progress: modules completed out of the course's published modules, 100 once the course is complete
  (as the resident's own dashboard counts it, courses.selectors);
- quiz score: the average of the learner's best score at each quiz they took;
- attendance: the meetings attended out of the class's meetings (empty without a class or meetings);
- certificate: its code and where it stands (certificates.models.Certificate.Status, by the one rule of
  certificates.models.certificate_status), empty without one.

Scope: the enrolments the viewer may read (classes.scope.learners_visible_to): every one for government
staff, an organisation's learners for its facilitators, none for anyone else.
"""

from collections import namedtuple
from contextlib import contextmanager

from django.db import connections, router, transaction
from django.db.models import (
    Avg,
    Case,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat, Round, Substr, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from accounts.resident_identity import MaskedContact
from certificates.models import Certificate, certificate_status, certificate_status_label
from classes.models import Attendance, CohortMeeting
from classes.scope import learners_visible_to
from core.page_cache import remember
from core.spreadsheet_cells import SpreadsheetText
from courses.models import Enrolment, ModulePage, ModuleProgress

# The report's certificate filter: an enrolment without a certificate, or one whose certificate stands here.
NO_CERTIFICATE = "none"
CERTIFICATE_CHOICES = [(NO_CERTIFICATE, _("No certificate")), *Certificate.Status.choices]


# The report's columns, in order: the name each has in the query, and its heading.
COLUMNS = [
    ("resident_name", _("Resident")),
    # Who the resident is when two share a name: the account's number and a contact with its middle hidden.
    ("resident_account", _("Account no.")),
    ("resident_contact", _("Contact (masked)")),
    ("kelurahan_name", _("Kelurahan")),
    ("kecamatan_name", _("Kecamatan")),
    ("course_title", _("Course")),
    ("organisation_name", _("Organisation")),
    ("class_name", _("Class")),
    ("enrolled_on", _("Enrolled")),
    ("progress_percent", _("Progress (%)")),
    ("quiz_score_percent", _("Best quiz scores, average (%)")),
    ("attendance_percent", _("Attendance (%)")),
    ("completed_on", _("Completed")),
    ("certificate_code_display", _("Certificate")),
    ("certificate_status_label", _("Certificate status")),
]
COLUMN_NAMES = [name for name, _heading in COLUMNS]

# A row of the report's page: the account (for the link to the learner record), then the columns.
PageRow = namedtuple("PageRow", ["user_id", *COLUMN_NAMES])


class SubqueryCount(Subquery):
    """How many rows a correlated subquery (filtered on OuterRef) finds: 0 when none."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) counted)"
    output_field = IntegerField()


def _count(queryset):
    return SubqueryCount(queryset.order_by().values("pk"))


def _percent(part, whole):
    return Cast(Round(Value(100.0) * part / whole), IntegerField())


def live_module_ids_by_course():
    """{course id: [its published modules' ids]}: two queries over the page tree, kept until the next publish.

    Courses are few (tens, perhaps hundreds) beside their enrolments, so these lists go into the
    report's query as literals rather than as a page-tree subquery run once per enrolment. They change
    only when a page is published, unpublished, moved or deleted, or its view restrictions change, which
    is what the page cache's version follows (core.page_cache.remember).
    """
    return remember("reports:live-module-ids-by-course", _live_module_ids_by_course)


def _live_module_ids_by_course():
    modules = ModulePage.objects.live().public().values_list("id", "path", "depth")
    course_paths = {
        (path, depth): course_id
        for course_id, path, depth in Page.objects.filter(
            content_type__app_label="courses", content_type__model="coursepage"
        ).values_list("id", "path", "depth")
    }
    by_course = {}
    for module_id, path, depth in modules:
        course_id = course_paths.get((path[: len(path) - Page.steplen], depth - 1))
        if course_id is not None:
            by_course.setdefault(course_id, []).append(module_id)
    return by_course


def _progress_percent(module_ids_by_course):
    """100 for a completed course, else the completed published modules out of the course's."""
    module_ids = [module_id for ids in module_ids_by_course.values() for module_id in ids]
    modules_done = _count(
        ModuleProgress.objects.filter(
            enrolment=OuterRef("pk"), completed_at__isnull=False, module_id__in=module_ids or [0]
        )
    )
    module_count = Case(
        *[When(course_id=course_id, then=Value(len(ids))) for course_id, ids in module_ids_by_course.items()],
        default=Value(0),
        output_field=IntegerField(),
    )
    return Case(
        When(completed_at__isnull=False, then=Value(100)),
        When(Q(module_count__gt=0), then=_percent(modules_done, F("module_count"))),
        default=Value(0),
        output_field=IntegerField(),
    ), module_count


def _certificate_status():
    return Case(
        When(certificate__isnull=True, then=Value(NO_CERTIFICATE)),
        default=certificate_status("certificate"),
    )


def _code_display():
    """The code in groups, as printed on the certificate: 7KQ2-MX9D-4T."""
    code = F("certificate__code")
    return Case(
        When(certificate__isnull=True, then=None),
        default=Concat(Substr(code, 1, 4), Value("-"), Substr(code, 5, 4), Value("-"), Substr(code, 9, 2)),
    )


def completion_records(*, viewer, module_ids_by_course=None):
    """Every enrolment the viewer may read, with the report's columns annotated, newest first.

    ``module_ids_by_course``: live_module_ids_by_course() as the caller read it, if it did.
    """
    if module_ids_by_course is None:
        module_ids_by_course = live_module_ids_by_course()
    progress, module_count = _progress_percent(module_ids_by_course)
    attended = _count(Attendance.objects.filter(enrolment=OuterRef("pk")))
    meetings = _count(CohortMeeting.objects.filter(cohort=OuterRef("cohort_enrolment__cohort_id")))
    best_scores = ModuleProgress.objects.filter(enrolment=OuterRef("pk"), best_score_percent__isnull=False)
    average_score = Subquery(
        best_scores.order_by().values("enrolment").annotate(score=Avg("best_score_percent")).values("score")[:1]
    )
    zone = timezone.get_default_timezone()
    return (
        learners_visible_to(viewer)
        .annotate(
            resident_name=F("user__first_name"),
            resident_account=F("user_id"),
            resident_contact=MaskedContact("user__"),
            kelurahan_name=F("user__learner_profile__kelurahan__name"),
            kecamatan_name=F("user__learner_profile__kelurahan__parent__name"),
            course_title=F("course__title"),
            # The organisation that ran the learning: the class's, or the course's for a learner without one.
            organisation_name=Coalesce(
                F("cohort_enrolment__cohort__organisation__name"), F("course__organisation__name")
            ),
            class_name=F("cohort_enrolment__cohort__name"),
            enrolled_on=TruncDate("enrolled_at", tzinfo=zone),
            completed_on=TruncDate("completed_at", tzinfo=zone),
            module_count=module_count,
        )
        .annotate(
            progress_percent=progress,
            quiz_score_percent=Cast(Round(average_score), IntegerField()),
            attendance_meetings=meetings,
        )
        .annotate(
            attendance_percent=Case(
                When(
                    Q(cohort_enrolment__isnull=False, attendance_meetings__gt=0),
                    then=_percent(attended, F("attendance_meetings")),
                ),
                default=None,
                output_field=IntegerField(),
            ),
            certificate_code_display=_code_display(),
            certificate_status=_certificate_status(),
        )
        # In words, in the language active when the query is built: the exports write it as it is.
        .annotate(certificate_status_label=certificate_status_label("certificate_status"))
        .order_by("-enrolled_at", "-pk")
    )


TEXT_COLUMNS = {
    "resident_name",
    "resident_contact",  # an e-mail address may begin with "=" or "+"
    "kelurahan_name",
    "kecamatan_name",
    "course_title",
    "organisation_name",
    "class_name",
}


def export_rows(queryset):
    """The report's rows as the exports write them: its columns, in order, free text made spreadsheet-safe.

    In the query itself, so that PostgreSQL's COPY writes the cells as the XLSX and the ORM path do.
    """
    safe = {f"export_{name}": SpreadsheetText(name) for name in TEXT_COLUMNS}
    return queryset.annotate(**safe).values_list(
        *[f"export_{name}" if name in TEXT_COLUMNS else name for name in COLUMN_NAMES]
    )


class PageQuery:
    """The statement that reads a queryset's rows as PageRow tuples, compiled once: any page of the same
    rows is the same statement with another LIMIT and OFFSET (and, for ShapedPageQuery, other filter values)."""

    def __init__(self, queryset):
        rows = queryset.values_list(*PageRow._fields)
        self._compiler = rows.query.get_compiler(rows.db)
        sql, params = self._compiler.as_sql()
        self.sql = f"{sql} LIMIT %s OFFSET %s"
        self.params = tuple(params)
        self.db = rows.db
        # What the ORM would do to each value read (SQLite hands dates back as text, for instance).
        self._converters = self._compiler.get_converters([column for column, _sql, _alias in self._compiler.select])

    def page(self, *, limit, offset, params=None):
        params = self.params if params is None else params
        with planned_as_written(), connections[self.db].cursor() as cursor:
            cursor.execute(self.sql, [*params, limit, offset])
            rows = cursor.fetchall()
        if self._converters:
            rows = self._compiler.apply_converters(rows, self._converters)
        return [PageRow(*row) for row in rows]


@contextmanager
def planned_as_written():
    """PostgreSQL plans the report's query in the order its joins are written (the enrolments first).

    With a dozen joined tables the planner spends far longer searching join orders (about 20 ms)
    than running the page (about 4 ms); the written order, starting from the enrolments in their
    index's order, is the right one for a page and still lets it hash-join a whole export.
    """
    connection = connections[router.db_for_read(Enrolment)]
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET LOCAL join_collapse_limit = 1")
        cursor.execute("SET LOCAL from_collapse_limit = 1")
        yield
