"""Benchmark data on top of the demo site: ``manage.py seed_bulk --enrolments N``.

The reports are benchmarked against a million enrolments, so this writes rows the way the reports
read them: residents with a learner profile, enrolments in fifteen courses (the demo's three and
twelve bulk courses), some in classes with meetings and attendance, module progress with quiz
scores, and certificates with a current version, a few revoked.

Everything it writes is marked, so a second run finds and replaces it: residents' usernames start
with ``bulk-`` (their enrolments, progress, attendance and certificates hang off them), classes'
names with ``Kelas bulk `` and the twelve courses' slugs with ``bulk-``. A run first removes the
previous bulk rows and then writes exactly N enrolments: simpler than topping up, and a run with the
same N and seed on the same day gives the same rows (apart from their ids). The bulk courses are
pages and are kept; they are made once, through Wagtail, like the demo's.

Shape, per N enrolments:

- residents: about N/3, each with 1-5 enrolments (distinct courses, popular courses more often);
  spread over Balikpapan's 34 kelurahan (some busier than others); gender about 50 % perempuan,
  45 % laki-laki, 5 % not given; birth years 1950-2008 (a guardian's consent for those under 18 when
  they signed up); names from common Indonesian given and family names; e-mail for 60 % and phone
  (+62 8…) for 70 %, at least one of the two; no usable password;
- classes: one per 200 enrolments of a course (at least one per course), run by the course's
  organisation (one in five by another), in a kelurahan, in person or blended, four weekly meetings,
  all held; 60 % of enrolments are in a class of their course, mostly one in their own kelurahan;
  each attended a random 0-4 of its meetings; a class's capacity is its size rounded up to ten;
- enrolled over the last 24 months (class learners in the two weeks before their class starts);
  40 % completed, after they enrolled; module progress for every module done (all of them once
  completed, with best quiz scores from the pass mark to 100), and a module begun but whose quiz
  is not yet passed (scores from 40) for half of the others;
- certificates for completed enrolments: a unique code, one current version with the snapshot of
  name, course, organisation and date; 1 % revoked by the demo's government staff account.
  No PDF is rendered: every version names the same placeholder file, ``certificates/bulk.pdf``.

On PostgreSQL the rows go in with binary COPY in one transaction, ids drawn from the tables'
sequences; the foreign keys of these tables are dropped for the load and added back (each checked in
one pass), and the tables are vacuumed and analysed afterwards. Elsewhere (SQLite: small N, for tests)
with plain INSERTs. No quiz attempts are written: the reports read the best scores from module progress.
"""

import datetime
import random
import time
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import connection, transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from wagtail.users.models import UserProfile

from accounts.models import AccountInvitation, LearnerProfile
from accounts.validators import guardian_cut_off_year
from certificates.models import CODE_ALPHABET, CODE_LENGTH, Certificate, CertificateVersion
from classes.models import ENROLMENT_CODE_LENGTH, Attendance, Cohort, CohortEnrolment, CohortMeeting
from core.codes import LOOKALIKE_FREE_ALPHABET as CLASS_CODE_ALPHABET
from courses.models import (
    CourseGrant,
    CourseIndexPage,
    CoursePage,
    Enrolment,
    ModulePage,
    ModuleProgress,
    QuizAttempt,
    QuizQuestion,
)
from demo.content import bulk as content
from demo.content import regions, site
from demo.seeding import seed_course
from organisations.models import FACILITATOR_ROLES, Membership, Organisation
from regions.models import Region

USERNAME_PREFIX = "bulk-"
CLASS_NAME_PREFIX = "Kelas bulk "
EMAIL_DOMAIN = "warga.example"  # a reserved domain: nobody receives these
PLACEHOLDER_PDF = "certificates/bulk.pdf"
GOVERNMENT_STAFF_USERNAME = "pemkot"  # the demo account that revokes

HISTORY_DAYS = 730
ENROLMENTS_PER_CLASS = 200
IN_CLASS_SHARE = 0.6
COMPLETED_SHARE = 0.4
REVOKED_SHARE = 0.01
MEETINGS = 4
# Rows are made and written a slice of residents at a time: memory stays flat at any N.
SLICE_ENROLMENTS = 50_000
ID_BLOCK = 20_000


class BulkDataError(Exception):
    """The database lacks what the bulk data hangs on (the demo site); the message says what."""


@dataclass
class BulkResult:
    removed_enrolments: int = 0
    counts: Counter = field(default_factory=Counter)  # table → rows written
    seconds: float = 0.0


def bulk_data_replace(*, enrolments, seed=1, report=None):
    """Remove the previous bulk data, then write bulk data holding exactly `enrolments` enrolments.

    `report(text)` hears about progress. One transaction: a failure leaves the previous data.
    """
    report = report or (lambda text: None)
    started = time.monotonic()
    result = BulkResult()
    with transaction.atomic():
        course_index, organisations = _demo_site()
        bulk_courses_install(course_index=course_index, organisations=organisations)
        bulk_course_grants_install(course_index=course_index, organisations=organisations)
        foreign_keys = _foreign_keys_drop(_WRITTEN_MODELS) if connection.vendor == "postgresql" else []
        result.removed_enrolments = bulk_data_remove()
        if result.removed_enrolments:
            report(f"Removed the previous bulk data ({result.removed_enrolments:,} enrolments).")
        world = _World.load(course_index=course_index, organisations=organisations)
        writer = _Writer()
        _Generator(world, writer, random.Random(seed), report=report, started=started).run(enrolments)
        result.counts = writer.counts
        if foreign_keys:
            report(f"Checking the foreign keys ({time.monotonic() - started:.0f} s) …")
            _foreign_keys_add(foreign_keys)
    if connection.vendor == "postgresql":
        report(f"Analysing the tables ({time.monotonic() - started:.0f} s) …")
        _tables_analyse()
    result.seconds = time.monotonic() - started
    return result


def _tables_analyse():
    """Fresh planner statistics for the tables written, or the planner guesses from an empty table's.

    Outside a transaction, VACUUM as well: it clears the rows the previous bulk data left behind and
    marks the new pages all-visible, so that the benchmarked queries can use index-only scans at once.
    """
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in _WRITTEN_MODELS)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}" if connection.in_atomic_block else f"VACUUM (ANALYZE) {tables}")


def bulk_data_remove():
    """Delete every bulk row (not the bulk courses); returns how many enrolments went.

    Plain DELETEs keyed on the markers: the ORM's delete() would first load a million rows to send
    their signals. Children go before their parents, for a database that checks foreign keys as it goes.
    """
    User = get_user_model()
    q = connection.ops.quote_name

    def table(model):
        return q(model._meta.db_table)

    users = f"SELECT id FROM {table(User)} WHERE username LIKE %s"
    enrolments = f"SELECT id FROM {table(Enrolment)} WHERE user_id IN ({users})"
    certificates = f"SELECT id FROM {table(Certificate)} WHERE enrolment_id IN ({enrolments})"
    classes = f"SELECT id FROM {table(Cohort)} WHERE name LIKE %s"
    meetings = f"SELECT id FROM {table(CohortMeeting)} WHERE cohort_id IN ({classes})"
    user_marker, class_marker = f"{USERNAME_PREFIX}%", f"{CLASS_NAME_PREFIX}%"
    statements = [
        (CertificateVersion, f"certificate_id IN ({certificates})", [user_marker]),
        (Certificate, f"enrolment_id IN ({enrolments})", [user_marker]),
        # Two statements, not one with OR: PostgreSQL cannot join on either side of an OR, and
        # would run the subquery once per row.
        (Attendance, f"enrolment_id IN ({enrolments})", [user_marker]),
        (Attendance, f"session_id IN ({meetings})", [class_marker]),
        (ModuleProgress, f"enrolment_id IN ({enrolments})", [user_marker]),
        (QuizAttempt, f"enrolment_id IN ({enrolments})", [user_marker]),
        (CohortEnrolment, f"enrolment_id IN ({enrolments})", [user_marker]),
        (Enrolment, f"user_id IN ({users})", [user_marker]),
        (CohortMeeting, f"cohort_id IN ({classes})", [class_marker]),
        (Cohort.facilitators.through, f"cohort_id IN ({classes})", [class_marker]),
        (Cohort, "name LIKE %s", [class_marker]),
        (LearnerProfile, f"user_id IN ({users})", [user_marker]),
        (AccountInvitation, f"user_id IN ({users})", [user_marker]),
        (UserProfile, f"user_id IN ({users})", [user_marker]),
        (User.groups.through, f"user_id IN ({users})", [user_marker]),
        (User.user_permissions.through, f"user_id IN ({users})", [user_marker]),
        (User, "username LIKE %s", [user_marker]),
    ]
    removed = Counter()
    with connection.cursor() as cursor:
        for model, where, params in statements:
            cursor.execute(f"DELETE FROM {table(model)} WHERE {where}", params)
            removed[model] += cursor.rowcount
    return removed[Enrolment]


def _foreign_keys_drop(models):
    """PostgreSQL: drop the foreign keys on and to these tables; returns them, for _foreign_keys_add.

    Checked row by row, a million enrolments' foreign keys took most of the load's time (every check
    a lookup and a row lock); added back afterwards, each is checked by one join over the whole table,
    as PostgreSQL's manual advises for bulk loads. Dropped inside the transaction: any failure puts
    them back, and nobody else writes to these tables meanwhile (ALTER TABLE locks them).
    """
    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        # Checks still pending from earlier in the transaction (the bulk courses' pages) run now:
        # a table with pending checks cannot be altered. Django's own check_constraints() does the same.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'f' AND (conrelid = ANY(%s::regclass[]) OR confrelid = ANY(%s::regclass[])) "
            "ORDER BY conrelid::regclass::text, conname",
            [tables, tables],
        )
        foreign_keys = cursor.fetchall()
        for table, name, _definition in foreign_keys:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {connection.ops.quote_name(name)}")
    return foreign_keys


def _foreign_keys_add(foreign_keys):
    """Add back the foreign keys _foreign_keys_drop dropped, exactly as they were; each checks every row."""
    with connection.cursor() as cursor:
        for table, name, definition in foreign_keys:
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {connection.ops.quote_name(name)} {definition}")


def bulk_courses_install(*, course_index, organisations):
    """The twelve bulk courses, owned by the organisations in turn, published under the course index.

    Made once through Wagtail (pages, revisions, the search index), like the demo's, and found by
    their slugs afterwards.
    """
    courses = []
    for number, (slug, title, topic) in enumerate(content.COURSES):
        organisation = organisations[number % len(organisations)]
        data = content.course_data(slug, title, topic, organisation.slug)
        courses.append(seed_course(course_index, data, {organisation.slug: organisation}))
    return courses


def bulk_course_grants_install(*, course_index, organisations):
    """Grant every course to the demo organisations that do not own it, where none is granted yet.

    One class in five is run by another organisation than the course's owner, which only a grant
    allows (issue 15): the bulk data keeps the rule the site enforces.
    """
    courses = CoursePage.objects.live().child_of(course_index)
    granted = set(CourseGrant.objects.active().values_list("course_id", "organisation_id"))
    CourseGrant.objects.bulk_create(
        CourseGrant(course=course, organisation=organisation)
        for course in courses
        for organisation in organisations
        if organisation.pk != course.organisation_id and (course.pk, organisation.pk) not in granted
    )


def _demo_site():
    """The course index and the demo's organisations (in the demo's order), or BulkDataError."""
    course_index = CourseIndexPage.objects.first()
    slugs = [data["slug"] for data in site.ORGANISATIONS]
    organisations = sorted(Organisation.objects.filter(slug__in=slugs), key=lambda found: slugs.index(found.slug))
    if course_index is None or len(organisations) != len(slugs):
        raise BulkDataError(
            "The database has content but not the demo site (its course index or partner organisations are "
            "missing): run seed_bulk on an empty database, or run seed_demo on this one first."
        )
    return course_index, organisations


# --- What the bulk data hangs on --------------------------------------------------------------------


@dataclass
class _Course:
    id: int
    title: str
    organisation_id: int
    organisation_name: str
    hours: int
    pass_mark: int
    modules: list  # [(module id, has a quiz)], in the course's order


@dataclass
class _World:
    courses: list
    organisations: list  # ids
    organisation_names: dict  # id → name: the organisation a certificate says ran the class
    facilitator_of: dict  # organisation id → a facilitator's user id (or None)
    villages: list  # [(id, name)]
    revoker_id: int | None
    now: datetime.datetime
    taken_codes: set
    taken_class_codes: set
    taken_phones: set

    @classmethod
    def load(cls, *, course_index, organisations):
        village_codes = [code for code, _parent, level, _name in regions.BALIKPAPAN_REGIONS if level == "village"]
        villages = list(Region.objects.filter(code__in=village_codes).order_by("code").values_list("pk", "name"))
        if len(villages) != len(village_codes):
            raise BulkDataError("Balikpapan's kelurahan are missing: run seed_demo first.")
        courses = []
        published = CoursePage.objects.live().child_of(course_index).select_related("organisation")
        for course in published.order_by("path"):
            modules = ModulePage.objects.live().public().child_of(course).order_by("path")
            modules = list(modules.values_list("pk", flat=True))
            with_quiz = set(QuizQuestion.objects.filter(module_id__in=modules).values_list("module_id", flat=True))
            if modules:
                courses.append(
                    _Course(
                        id=course.pk,
                        title=course.title,
                        organisation_id=course.organisation_id,
                        organisation_name=course.organisation.name,
                        hours=course.duration_hours,
                        pass_mark=course.pass_mark_percent,
                        modules=[(module, module in with_quiz) for module in modules],
                    )
                )
        facilitator_of = {organisation.pk: None for organisation in organisations}
        for organisation_id, user_id in (
            Membership.objects.filter(organisation__in=organisations, role__in=FACILITATOR_ROLES)
            .order_by("-pk")
            .values_list("organisation_id", "user_id")
        ):
            facilitator_of[organisation_id] = user_id
        User = get_user_model()
        # Anchored at the start of the day: a second run the same day makes the same rows.
        now = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0).astimezone(datetime.UTC)
        return cls(
            courses=courses,
            organisations=[organisation.pk for organisation in organisations],
            organisation_names={organisation.pk: organisation.name for organisation in organisations},
            facilitator_of=facilitator_of,
            villages=villages,
            revoker_id=User.objects.filter(username=GOVERNMENT_STAFF_USERNAME).values_list("pk", flat=True).first(),
            now=now,
            taken_codes=set(Certificate.objects.values_list("code", flat=True)),
            taken_class_codes=set(Cohort.objects.values_list("enrolment_code", flat=True)),
            taken_phones=set(User.objects.exclude(phone=None).values_list("phone", flat=True)),
        )


# --- Writing rows -------------------------------------------------------------------------------------


class _Writer:
    """Rows (tuples in the order of the given columns) into a table: COPY on PostgreSQL, else INSERTs.

    Ids are drawn ahead, so that children can name their parents before either is written.
    """

    def __init__(self):
        self.counts = Counter()
        self.postgresql = connection.vendor == "postgresql"
        self._free_ids = {}  # model → ids drawn and not yet handed out
        self._next_id = {}  # model → next id (not PostgreSQL)
        self._types = {}  # table → {column: type oid} (PostgreSQL)

    def new_id(self, model):
        free = self._free_ids.setdefault(model, [])
        if not free:
            free.extend(reversed(self._draw_ids(model, ID_BLOCK)))
        return free.pop()

    def _draw_ids(self, model, count):
        table = model._meta.db_table
        with connection.cursor() as cursor:
            if self.postgresql:
                # From the sequence: anyone inserting at the same time gets other ids.
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
                )
                return [pk for (pk,) in cursor.fetchall()]
            if model not in self._next_id:
                # SQLite: past the highest id ever used (AUTOINCREMENT's own rule); one writer at a time.
                cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
                row = cursor.fetchone()
                cursor.execute(f"SELECT MAX(id) FROM {connection.ops.quote_name(table)}")
                self._next_id[model] = max(row[0] if row else 0, cursor.fetchone()[0] or 0) + 1
            first = self._next_id[model]
            self._next_id[model] = first + count
            return list(range(first, first + count))

    def write(self, model, columns, rows):
        if not rows:
            return
        self.counts[model._meta.db_table] += len(rows)
        q, table = connection.ops.quote_name, model._meta.db_table
        if not self.postgresql:
            self._insert(model, columns, rows)
            return
        names = [model._meta.get_field(column).column for column in columns]
        types = self._column_types(table)
        # Binary: formatting and parsing timestamps as text took twice as long as the rest of a row.
        statement = f"COPY {q(table)} ({', '.join(q(name) for name in names)}) FROM STDIN (FORMAT BINARY)"
        with connection.cursor() as cursor, cursor.copy(statement) as copy:
            copy.set_types([types[name] for name in names])
            for row in rows:
                copy.write_row(row)

    def _insert(self, model, columns, rows):
        """Other databases (SQLite, small N): INSERTs of the values as the fields prepare them.

        Not bulk_create: it would stamp ``auto_now_add`` fields (enrolled_at, created_at...) with the
        present moment, and the data is meant to be spread over two years.
        """
        q, fields = connection.ops.quote_name, [model._meta.get_field(column) for column in columns]
        statement = "INSERT INTO {} ({}) VALUES ({})".format(
            q(model._meta.db_table), ", ".join(q(field.column) for field in fields), ", ".join(["%s"] * len(fields))
        )
        prepare = [field.get_db_prep_save for field in fields]
        prepared = [[to_db(value, connection) for to_db, value in zip(prepare, row, strict=True)] for row in rows]
        with connection.cursor() as cursor:
            cursor.executemany(statement, prepared)

    def _column_types(self, table):
        if table not in self._types:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT attname, atttypid::int FROM pg_attribute "
                    "WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped",
                    [table],
                )
                self._types[table] = dict(cursor.fetchall())
        return self._types[table]


# --- Making rows ---------------------------------------------------------------------------------------

USER_COLUMNS = (
    "id", "password", "last_login", "is_superuser", "username", "first_name", "last_name",
    "email", "is_staff", "is_active", "date_joined", "phone",
)  # fmt: skip
PROFILE_COLUMNS = (
    "user_id", "kelurahan_id", "gender", "birth_year", "consent_given_at", "privacy_notice_version",
    "consent_recorded_by_id", "guardian_name", "guardian_consent_at",
)  # fmt: skip
CLASS_COLUMNS = (
    "id", "name", "course_id", "organisation_id", "kelurahan_id", "mode", "starts_on", "ends_on", "capacity",
    "enrolment_open", "min_attendance_percent", "enrolment_code", "check_in_secret", "created_at",
)  # fmt: skip
FACILITATOR_COLUMNS = ("cohort_id", "user_id")
MEETING_COLUMNS = ("id", "cohort_id", "title", "starts_at", "venue")
ENROLMENT_COLUMNS = (
    "id", "user_id", "course_id", "status", "source", "enrolled_at", "completed_at",
    "completion_recorded_by_id", "completion_note", "extra_quiz_attempts",
)  # fmt: skip
CLASS_LEARNER_COLUMNS = ("enrolment_id", "cohort_id")
PROGRESS_COLUMNS = ("enrolment_id", "module_id", "read_at", "best_score_percent", "quiz_passed_at", "completed_at")
ATTENDANCE_COLUMNS = ("session_id", "enrolment_id", "method", "recorded_by_id", "recorded_at")
CERTIFICATE_COLUMNS = (
    "id", "enrolment_id", "code", "created_at", "revoked_at", "revocation_reason", "revoked_by_id",
    "failed_at", "failure_reason",
)  # fmt: skip
VERSION_COLUMNS = (
    "certificate_id", "number", "name", "course_title", "organisation_name", "completed_on", "hours", "pdf",
    "sha256", "issued_at", "superseded_at", "runner_name",
)  # fmt: skip

# The columns each table's rows give, in order: every column, since COPY fills in no Django defaults.
_COLUMNS = {
    get_user_model(): USER_COLUMNS,
    LearnerProfile: PROFILE_COLUMNS,
    Cohort: CLASS_COLUMNS,
    Cohort.facilitators.through: FACILITATOR_COLUMNS,
    CohortMeeting: MEETING_COLUMNS,
    Enrolment: ENROLMENT_COLUMNS,
    CohortEnrolment: CLASS_LEARNER_COLUMNS,
    ModuleProgress: PROGRESS_COLUMNS,
    Attendance: ATTENDANCE_COLUMNS,
    Certificate: CERTIFICATE_COLUMNS,
    CertificateVersion: VERSION_COLUMNS,
}
# Parents before children.
_WRITTEN_MODELS = list(_COLUMNS)

PHONE_PREFIXES = ["811", "812", "813", "821", "822", "823", "852", "853", "857", "858", "877", "878", "895", "896"]
MEETING_HOURS = [9, 14, 19]  # WITA


@dataclass
class _Class:
    id: int
    organisation_id: int
    kelurahan_id: int
    starts_at: datetime.datetime
    meetings: list  # [(id, starts at)]


class _Generator:
    """Makes the rows from one random generator, in a fixed order: the same seed gives the same rows."""

    def __init__(self, world, writer, rng, *, report, started):
        self.world, self.writer, self.rng = world, writer, rng
        self.report, self.started = report, started
        self.zone = timezone.get_default_timezone()
        village_weights = [rng.uniform(0.4, 2.0) for _village in world.villages]
        self.village_cum = _cumulative(village_weights)
        self.course_weights = [rng.uniform(0.3, 3.0) for _course in world.courses]
        self.rows = {model: [] for model in _WRITTEN_MODELS}  # the rows made and not yet written

    def run(self, enrolments):
        residents = self._plan_residents(enrolments)
        per_course = Counter(course for courses in residents for course in courses)
        classes = self._classes(per_course)
        self._flush()
        self.report(f"{self.writer.counts[Cohort._meta.db_table]:,} classes with {MEETINGS} meetings each.")
        made, pending = 0, 0
        for number, courses in enumerate(residents, start=1):
            self._resident(number, courses, classes)
            pending += len(courses)
            if pending >= SLICE_ENROLMENTS:
                made += pending
                pending = 0
                self._flush()
                self.report(f"{made:,} / {enrolments:,} enrolments ({time.monotonic() - self.started:.0f} s)")
        self._flush()
        self._class_capacities()

    # Residents and the courses they take: decided first, so that classes follow the demand.
    def _plan_residents(self, enrolments):
        rng, count = self.rng, len(self.world.courses)
        cum = _cumulative(self.course_weights)
        residents, left = [], enrolments
        while left > 0:
            wanted = min(rng.randint(1, 5), left, count)
            chosen = []
            while len(chosen) < wanted:
                course = rng.choices(range(count), cum_weights=cum)[0]
                if course not in chosen:
                    chosen.append(course)
            residents.append(chosen)
            left -= wanted
        return residents

    def _classes(self, per_course):
        """{(course index, kelurahan id) and course index: [classes]}; their rows and meetings written."""
        world, rng, writer = self.world, self.rng, self.writer
        by_key, number = {}, 0
        for course_index, course in enumerate(world.courses):
            demand = per_course[course_index]
            for _class in range(max(1, round(demand / ENROLMENTS_PER_CLASS)) if demand else 0):
                number += 1
                organisation_id = course.organisation_id
                if rng.random() < 0.2 or organisation_id not in world.facilitator_of:
                    organisation_id = rng.choice(world.organisations)
                kelurahan_id, kelurahan_name = self._village()
                # Every meeting is held already: the last one at least two weeks ago.
                starts_on = timezone.localdate(world.now, self.zone) - datetime.timedelta(
                    days=rng.randint(35, HISTORY_DAYS)
                )
                hour = rng.choice(MEETING_HOURS)
                code = _unique(
                    lambda: "".join(rng.choices(CLASS_CODE_ALPHABET, k=ENROLMENT_CODE_LENGTH)), world.taken_class_codes
                )
                class_id = writer.new_id(Cohort)
                created_at = _at(starts_on - datetime.timedelta(days=rng.randint(14, 30)), 10, self.zone)
                self._row(Cohort, (
                    class_id, f"{CLASS_NAME_PREFIX}{number:05d} {kelurahan_name}", course.id, organisation_id,
                    kelurahan_id, rng.choice(["in-person", "in-person", "blended"]), starts_on,
                    starts_on + datetime.timedelta(days=7 * (MEETINGS - 1)), 30, True, None, code,
                    f"{rng.getrandbits(256):064x}", created_at,
                ))  # fmt: skip
                facilitator = world.facilitator_of.get(organisation_id)
                if facilitator is not None:
                    self._row(Cohort.facilitators.through, (class_id, facilitator))
                venue = rng.choice(content.MEETING_VENUES).format(kelurahan=kelurahan_name, rt=rng.randint(1, 40))
                meetings = []
                for week in range(MEETINGS):
                    meeting_id = writer.new_id(CohortMeeting)
                    starts_at = _at(starts_on + datetime.timedelta(weeks=week), hour, self.zone)
                    title = f"Pertemuan {week + 1}"
                    self._row(CohortMeeting, (meeting_id, class_id, title, starts_at, venue))
                    meetings.append((meeting_id, starts_at))
                found = _Class(class_id, organisation_id, kelurahan_id, meetings[0][1], meetings)
                by_key.setdefault(course_index, []).append(found)
                by_key.setdefault((course_index, kelurahan_id), []).append(found)
        return by_key

    def _resident(self, number, courses, classes):
        world, rng, writer = self.world, self.rng, self.writer
        now = world.now
        user_id = writer.new_id(get_user_model())
        gender = rng.choices(["perempuan", "laki-laki", ""], cum_weights=[50, 95, 100])[0]
        given = content.GIVEN_NAMES_FEMALE if gender == "perempuan" else content.GIVEN_NAMES_MALE
        if not gender:
            given = rng.choice([content.GIVEN_NAMES_FEMALE, content.GIVEN_NAMES_MALE])
        name = rng.choice(given)
        if rng.random() < 0.85:
            name = f"{name} {rng.choice(content.FAMILY_NAMES)}"
        kelurahan_id, _kelurahan_name = self._village()

        first_enrolled = now
        for course_index in courses:
            course = world.courses[course_index]
            enrolment_id = writer.new_id(Enrolment)
            cohort = None
            options = classes.get((course_index, kelurahan_id)) if rng.random() < 0.8 else None
            options = options or classes.get(course_index)
            if options and rng.random() < IN_CLASS_SHARE:
                cohort = rng.choice(options)
                enrolled_at = cohort.starts_at - datetime.timedelta(seconds=rng.randint(3600, 14 * 86400))
                source = "roster" if rng.random() < 0.7 else "class-code"
            else:
                enrolled_at = now - datetime.timedelta(seconds=rng.randint(3600, HISTORY_DAYS * 86400))
                source = "self"
            first_enrolled = min(first_enrolled, enrolled_at)
            span = (now - enrolled_at).total_seconds()
            completed = rng.random() < COMPLETED_SHARE
            # Finished (or last seen, if still active) within 60 days, and before today.
            took = min(rng.uniform(3600 if completed else 600, 60 * 86400), 0.95 * span)
            finished_at = enrolled_at + datetime.timedelta(seconds=int(took))
            done = len(course.modules) if completed else rng.randrange(len(course.modules))
            self._row(Enrolment, (
                enrolment_id, user_id, course.id,
                "completed" if completed else "active", source, enrolled_at,
                finished_at if completed else None, None, "", 0,
            ))  # fmt: skip
            self._progress(enrolment_id, course, enrolled_at, finished_at, done)
            if cohort is not None:
                self._row(CohortEnrolment, (enrolment_id, cohort.id))
                self._attendance(enrolment_id, cohort)
            if completed:
                runner = self.world.organisation_names[cohort.organisation_id] if cohort else course.organisation_name
                self._certificate(enrolment_id, name, course, runner, finished_at)

        joined = first_enrolled - datetime.timedelta(seconds=rng.randint(60, 3 * 86400))
        email = phone = None
        contact = rng.random()
        if contact < 0.6:
            email = f"{name.lower().replace(' ', '.')}.{number}@{EMAIL_DOMAIN}"
        if contact < 0.3 or contact >= 0.6:
            phone = _unique(lambda: f"+62{rng.choice(PHONE_PREFIXES)}{number:08d}", world.taken_phones)
        self._row(get_user_model(), (
            user_id, f"{UNUSABLE_PASSWORD_PREFIX}{rng.getrandbits(160):040x}", None, False,
            f"{USERNAME_PREFIX}{number:07d}", name, "", email, False, True, joined, phone,
        ))  # fmt: skip
        birth_year = rng.randint(1950, 2008)
        minor = birth_year >= guardian_cut_off_year(timezone.localtime(joined).date())
        self._row(LearnerProfile, (
            user_id, kelurahan_id, gender, birth_year, joined, settings.PRIVACY_NOTICE_VERSION, None,
            f"{rng.choice(content.GIVEN_NAMES_FEMALE)} {rng.choice(content.FAMILY_NAMES)}" if minor else "",
            joined if minor else None,
        ))  # fmt: skip

    def _progress(self, enrolment_id, course, enrolled_at, finished_at, done):
        """A row per module done, evenly spaced up to the finish; half the others have begun the next."""
        rng = self.rng
        step = (finished_at - enrolled_at) / max(done, 1)
        for position, (module_id, has_quiz) in enumerate(course.modules[:done]):
            completed_at = enrolled_at + step * (position + 1)
            read_at = completed_at - min(step / 2, datetime.timedelta(minutes=20))
            if has_quiz:
                score = rng.randint(course.pass_mark, 100)
                row = (enrolment_id, module_id, read_at, score, completed_at, completed_at)
            else:
                row = (enrolment_id, module_id, read_at, None, None, completed_at)
            self._row(ModuleProgress, row)
        if done < len(course.modules) and rng.random() < 0.5:
            module_id, has_quiz = course.modules[done]
            if has_quiz:  # read, quiz not passed yet (a module without a quiz is done once read)
                score = rng.randint(40, max(40, course.pass_mark - 1))
                self._row(ModuleProgress, (enrolment_id, module_id, finished_at, score, None, None))

    def _attendance(self, enrolment_id, cohort):
        rng = self.rng
        facilitator = self.world.facilitator_of.get(cohort.organisation_id)
        for meeting_id, starts_at in sorted(rng.sample(cohort.meetings, rng.randint(0, MEETINGS))):
            recorded_at = starts_at + datetime.timedelta(seconds=rng.randint(0, 2 * 3600))
            if rng.random() < 0.3:
                row = (meeting_id, enrolment_id, "qr", None, recorded_at)
            else:
                row = (meeting_id, enrolment_id, "form", facilitator, recorded_at)
            self._row(Attendance, row)

    def _certificate(self, enrolment_id, name, course, runner_name, completed_at):
        world, rng = self.world, self.rng
        certificate_id = self.writer.new_id(Certificate)
        code = _unique(lambda: "".join(rng.choices(CODE_ALPHABET, k=CODE_LENGTH)), world.taken_codes)
        issued_at = min(completed_at + datetime.timedelta(seconds=rng.randint(30, 1800)), world.now)
        revoked_at, reason, revoker = None, "", None
        if rng.random() < REVOKED_SHARE:
            revoked_at = min(issued_at + datetime.timedelta(seconds=rng.randint(3600, 60 * 86400)), world.now)
            reason, revoker = rng.choice(content.REVOCATION_REASONS), world.revoker_id
        self._row(Certificate, (
            certificate_id, enrolment_id, code, issued_at, revoked_at, reason, revoker, None, "",
        ))  # fmt: skip
        self._row(CertificateVersion, (
            certificate_id, 1, name, course.title, course.organisation_name,
            timezone.localtime(completed_at, self.zone).date(), course.hours, PLACEHOLDER_PDF,
            f"{rng.getrandbits(256):064x}", issued_at, None, runner_name,
        ))  # fmt: skip

    def _village(self):
        return self.rng.choices(self.world.villages, cum_weights=self.village_cum)[0]

    def _row(self, model, row):
        self.rows[model].append(row)

    def _flush(self):
        """Write the rows made so far, parents before children."""
        for model, rows in self.rows.items():
            self.writer.write(model, _COLUMNS[model], rows)
            rows.clear()

    def _class_capacities(self):
        """A class's capacity: its size rounded up to ten, at least 30 (known only now)."""
        size = (
            CohortEnrolment.objects.filter(cohort=OuterRef("pk")).order_by().values("cohort").annotate(n=Count("pk"))
        )
        rounded_up = (Coalesce(Subquery(size.values("n")), 0) + 9) / 10 * 10
        Cohort.objects.filter(name__startswith=CLASS_NAME_PREFIX).update(
            capacity=Greatest(Value(30), rounded_up, output_field=IntegerField())
        )


def _cumulative(weights):
    total, cumulative = 0.0, []
    for weight in weights:
        total += weight
        cumulative.append(total)
    return cumulative


def _unique(make, taken):
    """A value from make() that is not in `taken` (and is then taken)."""
    value = make()
    while value in taken:
        value = make()
    taken.add(value)
    return value


def _at(day, hour, zone):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=zone).astimezone(datetime.UTC)
