"""The whole-country region import against a plain PostgreSQL COPY of the same rows.

Target (issue 21; 5 before it): ``regions_import`` of the 88,295 regions takes at most 2.5 times a
psycopg COPY of the same rows (code, parent code, level, name) through the same connection into a table of the
same shape. Two baselines, two figures:

- the shape the issue names: code primary key, parent foreign key to itself (deferred, as Django
  makes it), level, name, and nothing else;
- a copy of the regions table itself (``LIKE regions_region INCLUDING ALL``: its four indexes)
  with the same foreign key: what loading these rows into this table costs at the least.

Every run starts from an empty table and is timed to its commit. The baselines load the rows the
way a first import loads them (foreign key and secondary indexes dropped, COPY, both made again: the
import's own ``_copy_into_empty_table``), so a faster way of loading cannot flatter the import. The import is
timed in-process around ``regions_import(...)``, from reading the CSV files on,
Django's start-up excluded. Median of a few interleaved runs each, in rotating order, so that a
noisy neighbour hits all of them alike.

The regions table must be empty when the benchmark starts (it deletes what it imports between runs,
and must not delete anyone's regions): run it on the benchmark database.
"""

import statistics
import time
from pathlib import Path

from django.db import connection, transaction

from regions.models import Region
from regions.services import _copy_into_empty_table, regions_import

WILAYAH_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "wilayah"
REPETITIONS = 5
TARGET_RATIO = 2.5  # issue 21, for both baselines (before it, 5)
REGIONS_TABLE = Region._meta.db_table
ISSUE_SHAPE_TABLE = "bench_region_copy"
FULL_SHAPE_TABLE = "bench_region_copy_indexed"


def run() -> list[dict]:
    name = "Region import, whole country (88,295 rows)"
    if connection.vendor != "postgresql":
        return [{"name": name, "skipped": "needs PostgreSQL"}]
    if Region.objects.exists():
        raise RuntimeError(
            "bench_region_import needs an empty regions table (it deletes the regions it imports between runs): "
            "run it on the benchmark database (leave DATABASE_URL unset)."
        )

    _create_copy_tables()
    try:
        regions_import(directory=WILAYAH_DIR)  # warm-up, and the rows to COPY
        rows = list(Region.objects.order_by("code").values_list("code", "parent_id", "level", "name"))
        _empty_regions()

        times = {"import": [], ISSUE_SHAPE_TABLE: [], FULL_SHAPE_TABLE: []}
        measure = {
            "import": _time_import,
            ISSUE_SHAPE_TABLE: lambda: _time_copy(ISSUE_SHAPE_TABLE, rows),
            FULL_SHAPE_TABLE: lambda: _time_copy(FULL_SHAPE_TABLE, rows),
        }
        order = list(times)
        for _repetition in range(REPETITIONS):
            for key in order:
                times[key].append(measure[key]())
            order.append(order.pop(0))
    finally:
        _empty_regions()
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {ISSUE_SHAPE_TABLE}, {FULL_SHAPE_TABLE}")

    import_time = statistics.median(times["import"])
    how = (
        f"median of {REPETITIONS} interleaved runs; `regions_import()` (read and check the four files, normalise "
        f"names, COPY straight into the table, its secondary indexes and foreign key made afterwards, commit: "
        f"what a first import does) into an empty regions table; runs (s): "
        f"{_seconds(times['import'])}. Baseline: a COPY of the {len(rows):,} resulting rows loaded as the "
        f"import loads them (its `_copy_into_empty_table`: foreign key and secondary indexes dropped, COPY, both "
        f"made again), commit included, into "
    )
    return [
        {
            "name": f"{name} vs COPY into the issue's table shape",
            "value": import_time,
            "baseline": statistics.median(times[ISSUE_SHAPE_TABLE]),
            "baseline_name": "COPY, code PK + self FK",
            "target": TARGET_RATIO,
            "details": how + "a table with code primary key, deferred self-referencing parent foreign key, level "
            f"and name, no other index; runs (s): {_seconds(times[ISSUE_SHAPE_TABLE])}.",
        },
        {
            "name": f"{name} vs COPY into a copy of the regions table",
            "value": import_time,
            "baseline": statistics.median(times[FULL_SHAPE_TABLE]),
            "baseline_name": "COPY, regions table's indexes",
            "target": TARGET_RATIO,
            "details": how + "`LIKE regions_region INCLUDING ALL` (primary key and the three other indexes Django "
            f"made) plus the same deferred foreign key; runs (s): {_seconds(times[FULL_SHAPE_TABLE])}.",
        },
    ]


def _time_import() -> float:
    start = time.perf_counter()
    regions_import(directory=WILAYAH_DIR)
    elapsed = time.perf_counter() - start
    _empty_regions()
    return elapsed


def _time_copy(table: str, rows) -> float:
    """COPY the rows into the empty table the way a first import loads the regions table (its
    ``_copy_into_empty_table``: foreign key and secondary indexes dropped, COPY, then made again), so
    that the baseline is the import's own loading and the ratio is what reading, checking and
    normalising the files add to it."""
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {table}")
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        _copy_into_empty_table(cursor, table, rows)
    return time.perf_counter() - start


def _create_copy_tables() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {ISSUE_SHAPE_TABLE}, {FULL_SHAPE_TABLE}")
        cursor.execute(
            f"""
            CREATE TABLE {ISSUE_SHAPE_TABLE} (
                code varchar(10) PRIMARY KEY,
                parent_id varchar(10) REFERENCES {ISSUE_SHAPE_TABLE} (code) DEFERRABLE INITIALLY DEFERRED,
                level varchar(10) NOT NULL,
                name varchar(100) NOT NULL
            )
            """
        )
        cursor.execute(f"CREATE TABLE {FULL_SHAPE_TABLE} (LIKE {REGIONS_TABLE} INCLUDING ALL)")
        cursor.execute(
            f"ALTER TABLE {FULL_SHAPE_TABLE} ADD FOREIGN KEY (parent_id) REFERENCES {FULL_SHAPE_TABLE} (code)"
            " DEFERRABLE INITIALLY DEFERRED"
        )


def _empty_regions() -> None:
    """Delete the imported regions and vacuum, so that every import starts from the same empty table."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {REGIONS_TABLE}")
        cursor.execute(f"VACUUM {REGIONS_TABLE}")


def _seconds(times: list[float]) -> str:
    return ", ".join(f"{seconds:.3f}" for seconds in times)
