"""A 10,000-row class roster import against a plain PostgreSQL COPY of the rows it writes.

Target (issue 21; 10 before it): ``roster_import`` of a 10,000-row CSV takes at most 5 times a psycopg
COPY, through the same connection, of the account, learner profile, enrolment and class learner rows that
the import writes, into tables of the same shape (``LIKE … INCLUDING ALL``: the same columns, primary keys,
unique constraints and indexes, without foreign keys).

The roster is what facilitators upload: 40 % phone-only rows, 30 % e-mail-only, 30 % both; the
kelurahan given by name or by code. Every row is new, so every row makes an account, a profile and
an enrolment with its class (and the phone-only rows an invitation code; the e-mails go out later, from a Celery
task after the commit, and are not part of the import).

Everything happens inside one transaction that is rolled back at the end: the benchmark leaves
nothing in the database. Each run is a savepoint rolled back after it, so every import starts from
the same state; the import is timed in-process around ``roster_import(...)``, from the CSV bytes on.
Median of a few interleaved runs each.
"""

import datetime
import statistics
import time

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from wagtail.models import Page

from accounts.models import LearnerProfile
from classes.models import Cohort, CohortEnrolment
from classes.roster import roster_import
from courses.models import CoursePage, Enrolment
from demo.content.regions import BALIKPAPAN_REGIONS
from demo.seeding import seed_regions
from organisations.models import Organisation

ROWS = 10_000
REPETITIONS = 5
TARGET_RATIO = 5.0  # issue 21 (before it, 10)
TABLES = {
    "bench_roster_user": get_user_model()._meta.db_table,
    "bench_roster_profile": LearnerProfile._meta.db_table,
    "bench_roster_enrolment": Enrolment._meta.db_table,
    # The enrolment's class, a row beside it since classes moved to their own app (issue 16).
    "bench_roster_class_learner": CohortEnrolment._meta.db_table,
}


class _RollBack(Exception):
    pass


def run() -> list[dict]:
    name = f"Roster import, {ROWS:,} new learners"
    if connection.vendor != "postgresql":
        return [{"name": name, "skipped": "needs PostgreSQL"}]
    result = {}
    try:
        with transaction.atomic():
            result = _measure()
            raise _RollBack
    except _RollBack:
        pass
    times = result["times"]
    return [
        {
            "name": f"{name} vs COPY of the rows it writes",
            "value": statistics.median(times["import"]),
            "baseline": statistics.median(times["copy"]),
            "baseline_name": "COPY, account + profile + enrolment + class learner rows",
            "target": TARGET_RATIO,
            "details": (
                f"median of {REPETITIONS} interleaved runs; `roster_import()` of a {len(result['csv']):,}-byte CSV "
                f"(parse, check every row, look up existing accounts, bulk-create {result['written']}) in a "
                f"savepoint rolled back after each run; runs (s): {_seconds(times['import'])}. Baseline: "
                "`cursor.copy()` of the same rows into four `LIKE … INCLUDING ALL` tables, through the same "
                f"connection; runs (s): {_seconds(times['copy'])}."
            ),
        }
    ]


def _measure():
    cohort, facilitator = _class()
    data = _roster_csv(cohort)
    # A warm-up run, which also gives the rows to COPY.
    rows = {}
    with _savepoint():
        result = roster_import(cohort=cohort, data=data, by=facilitator)
        assert len(result.created) == ROWS and not result.problems, result.problems[:5]
        rows = _written_rows([user.pk for user in result.created])
    # rows: {table: (columns, values)}
    written = (
        f"{len(rows['bench_roster_user'][1]):,} accounts, {len(rows['bench_roster_profile'][1]):,} profiles, "
        f"{len(rows['bench_roster_enrolment'][1]):,} enrolments and "
        f"{len(rows['bench_roster_class_learner'][1]):,} class learners"
    )
    with connection.cursor() as cursor:
        for table, like in TABLES.items():
            cursor.execute(f"CREATE TEMPORARY TABLE {table} (LIKE {like} INCLUDING ALL)")

    times = {"import": [], "copy": []}
    measure = {"import": lambda: _time_import(cohort, data, facilitator), "copy": lambda: _time_copy(rows)}
    order = list(times)
    for _repetition in range(REPETITIONS):
        for key in order:
            times[key].append(measure[key]())
        order.append(order.pop(0))
    return {"times": times, "csv": data, "written": written}


class _savepoint:
    """A savepoint rolled back on exit, whatever happened inside."""

    def __enter__(self):
        self.id = transaction.savepoint()

    def __exit__(self, *exc):
        transaction.savepoint_rollback(self.id)
        return False


def _time_import(cohort, data, facilitator):
    with _savepoint():
        start = time.perf_counter()
        roster_import(cohort=cohort, data=data, by=facilitator)
        return time.perf_counter() - start


def _time_copy(rows):
    with _savepoint():
        start = time.perf_counter()
        with connection.cursor() as cursor:
            for table, (columns, values) in rows.items():
                with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in values:
                        copy.write_row(row)
        return time.perf_counter() - start


def _written_rows(user_ids):
    User = get_user_model()
    querysets = {
        "bench_roster_user": User.objects.filter(pk__in=user_ids),
        "bench_roster_profile": LearnerProfile.objects.filter(user_id__in=user_ids),
        "bench_roster_enrolment": Enrolment.objects.filter(user_id__in=user_ids),
        "bench_roster_class_learner": CohortEnrolment.objects.filter(enrolment__user_id__in=user_ids),
    }
    rows = {}
    for table, queryset in querysets.items():
        columns = [field.column for field in queryset.model._meta.concrete_fields]
        attnames = [field.attname for field in queryset.model._meta.concrete_fields]
        rows[table] = (columns, list(queryset.values_list(*attnames)))
    return rows


def _class():
    seed_regions()
    organisation = Organisation.objects.create(name="Bench Roster", slug="bench-roster", kind="ngo")
    course = CoursePage(
        title="Bench roster course",
        slug="bench-roster-course",
        topic="hak-warga",
        organisation=organisation,
        summary="Bench.",
        outcomes="<p>Bench.</p>",
        duration_hours=1,
    )
    Page.get_first_root_node().add_child(instance=course)
    facilitator = get_user_model().objects.create(username="bench-roster-facilitator")
    today = datetime.date.today()
    cohort = Cohort.objects.create(
        name="Bench roster class",
        course=course,
        organisation=organisation,
        kelurahan_id="6471010006",
        starts_on=today,
        ends_on=today + datetime.timedelta(days=30),
        capacity=ROWS,
    )
    return cohort, facilitator


def _roster_csv(cohort):
    villages = [(code, name) for code, _parent, level, name in BALIKPAPAN_REGIONS if level == "village"]
    lines = ["nama,email,telepon,kelurahan"]
    for number in range(ROWS):
        code, village = villages[number % len(villages)]
        phone = f"0813 {number // 10_000:04d} {number % 10_000:04d}"
        email = f"warga.bench.{number}@contoh.id"
        kind = number % 10
        if kind < 4:
            email = ""
        elif kind < 7:
            phone = ""
        lines.append(f"Warga Bench {number:05d},{email},{phone},{village if number % 2 else code}")
    return "\n".join(lines).encode()


def _seconds(times):
    return ", ".join(f"{seconds:.3f}" for seconds in times)
