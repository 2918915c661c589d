"""Importing Indonesia's administrative regions from the BPS files (see ../shared/data/wilayah/README.md).

Four CSV files, one per level, each region's parent in the file before:

    provinces.csv   code (2 digits), name
    regencies.csv   code (4), province code, name
    districts.csv   code (7), regency code, name           (kecamatan)
    villages.csv    code (10), district code, name         (kelurahan / desa)

The import writes all regions in one transaction, inserting new codes and updating the name, level
and parent of known ones, and checks every row of every file: on the first problem the transaction is
rolled back, so a bad file changes nothing. Regions missing from the files are left alone.
"""

import contextlib
import csv
import functools
import gc
import io
import re
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, NoReturn

from django.db import connections, router, transaction
from django.utils.translation import gettext as _

from .models import Region
from .names import region_display_name


class RegionFileError(Exception):
    """A region file is missing or wrong; the message names the file, the line and the problem."""


@dataclass(frozen=True)
class RegionImportResult:
    """How many regions of each level the files held, and what became of them."""

    provinces: int
    regencies: int
    districts: int
    villages: int
    created: int
    updated: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.provinces + self.regencies + self.districts + self.villages


class _RegionFile(NamedTuple):
    name: str
    level: str
    code_length: int


# Parents first: each file's parent codes are the codes of the file before it.
REGION_FILES = (
    _RegionFile("provinces.csv", Region.Level.PROVINCE.value, 2),
    _RegionFile("regencies.csv", Region.Level.REGENCY.value, 4),
    _RegionFile("districts.csv", Region.Level.DISTRICT.value, 7),
    _RegionFile("villages.csv", Region.Level.VILLAGE.value, 10),
)

# Rows as they are written: the columns of the regions table, parents before children.
_Row = tuple[str, str | None, str, str]  # code, parent code, level, name

_NAME_MAX_LENGTH = Region._meta.get_field("name").max_length
# BPS codes are ASCII digits; str.isdigit() would also take "²" or Arabic-Indic digits.
_CODE = {region_file.code_length: re.compile(rf"[0-9]{{{region_file.code_length}}}") for region_file in REGION_FILES}


def regions_import(*, directory: str | Path, within: str | None = None) -> RegionImportResult:
    """Import (insert or update) the regions in ``directory``, or only those ``within`` one region.

    ``within`` is a BPS code: that region, its ancestors and all its descendants are imported
    (for 6471, Kota Balikpapan: its province, the city, 6 kecamatan and 34 kelurahan).
    Raises RegionFileError, having written nothing, on the first problem in the files.
    """
    # The rows are read, checked and named as they are written (a first import on PostgreSQL streams
    # them into the table, so that the database stores some while the next are read); a problem
    # found on the way raises inside the transaction, which undoes what was written.
    #
    # Reading makes a list and tuples for each of the 88,000 rows, many kept to the end, and Python's
    # cyclic collector, set off by so many new objects, goes over them and the whole of Django again
    # and again: some 0.3 s of the 0.75 s a whole-country import spends in the interpreter. Nothing
    # here makes reference cycles (reference counting frees it all), so the collector waits.
    with _garbage_collection_paused():
        rows = _read_region_files(Path(directory))
        if within is not None:
            rows = _rows_within(list(rows), within.strip())
        per_level = dict.fromkeys(Region.Level.values, 0)
        # Names repeat (95 villages are called SIDOMULYO); the memo is this import's own.
        rows = _named_and_counted(rows, functools.cache(region_display_name), per_level)

        using = router.db_for_write(Region)
        connection = connections[using]
        with transaction.atomic(using=using):
            if connection.vendor == "postgresql":
                created, updated = _write_with_copy(connection, rows)
            else:
                created, updated = _write_with_orm(using, list(rows))

    return RegionImportResult(
        provinces=per_level[Region.Level.PROVINCE],
        regencies=per_level[Region.Level.REGENCY],
        districts=per_level[Region.Level.DISTRICT],
        villages=per_level[Region.Level.VILLAGE],
        created=created,
        updated=updated,
        unchanged=sum(per_level.values()) - created - updated,
    )


@contextlib.contextmanager
def _garbage_collection_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector (for the whole process) until the block ends."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _named_and_counted(
    rows: Iterable[_Row], display_name: Callable[[str], str], per_level: dict[str, int]
) -> Iterator[_Row]:
    """The rows with their names as people write them, counted per level as they pass."""
    for code, parent_code, level, name in rows:
        per_level[level] += 1
        yield code, parent_code, level, display_name(name)


# --- Reading and checking ------------------------------------------------------------------


def _read_region_files(directory: Path) -> Iterator[_Row]:
    """Parse and check the four files; yield their rows (names as published), parents first.

    Each file is parsed whole before its first row is yielded, and its rows are checked as they are
    yielded: the problems are found, and the first one raised, in the same order either way.
    """
    parent_file, parent_codes = None, {}
    for region_file in REGION_FILES:
        text, records = _parse(directory, region_file.name)
        parent_codes = yield from _check(text, records, region_file, parent_file, parent_codes)
        parent_file = region_file


def _parse(directory: Path, file_name: str) -> tuple[str, list[list[str]]]:
    """A file's text and its CSV records; blank lines are skipped."""
    path = directory / file_name
    try:
        data = path.read_bytes()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError) as exc:
        raise RegionFileError(
            _("%(file)s is missing from %(directory)s.") % {"file": file_name, "directory": directory}
        ) from exc
    except OSError as exc:
        raise RegionFileError(
            _("%(file)s in %(directory)s cannot be read (%(error)s).")
            % {"file": file_name, "directory": directory, "error": exc.strerror}
        ) from exc
    try:
        text = data.decode("utf-8-sig")  # a byte order mark (spreadsheet exports) is not part of the data
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise _error(
            _("%(file)s, line %(line)s: the text is not UTF-8 (save the file as UTF-8 and import it again)."),
            file_name,
            line,
        ) from exc
    # The lines the records start on are needed only for a message: they are counted again then
    # (_record_lines), which spares the 88,000 good rows a line count and a tuple each.
    try:
        return text, [fields for fields in csv.reader(io.StringIO(text, newline=""), strict=True) if fields]
    except csv.Error:
        _record_lines(text, file_name)  # raises, naming the line
        raise  # not reached: both read the text alike


def _record_lines(text: str, file_name: str) -> list[int]:
    """The line each record of a file's text starts on (blank lines skipped, as _parse skips them)."""
    lines = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    line = 1  # the line the next record starts on
    try:
        for fields in reader:
            if fields:
                lines.append(line)
            line = reader.line_num + 1
    except csv.Error as exc:
        raise _error(
            _("%(file)s, line %(line)s: the quotes are not closed or not placed as CSV needs."), file_name, line
        ) from exc
    return lines


def _check(
    text: str,
    records: list[list[str]],
    region_file: _RegionFile,
    parent_file: _RegionFile | None,
    parent_codes: dict[str, int],
) -> Generator[_Row, None, dict[str, int]]:
    """Check a file's records, given the codes of the file before it; yield its rows.

    Returns its codes, each with the index of its record. A row that passes every check takes the short
    way below; the first one that does not is checked again, rule by rule, for its message.
    """
    file_name = region_file.name
    if not records:
        raise _error(_("%(file)s has no regions."), file_name)
    level = region_file.level
    code_pattern = _CODE[region_file.code_length].fullmatch
    codes: dict[str, int] = {}  # code → the index of the record it first appears in
    index = 0
    if parent_file is None:
        for fields in records:
            if len(fields) == 2:
                code, name = fields[0].strip(), fields[1].strip()
                if code_pattern(code) and code not in codes and name and len(name) <= _NAME_MAX_LENGTH:
                    codes[code] = index
                    yield (code, None, level, name)
                    index += 1
                    continue
            break
    else:
        for fields in records:
            if len(fields) == 3:
                code, parent_code, name = fields[0].strip(), fields[1].strip(), fields[2].strip()
                if (
                    code_pattern(code)
                    and code not in codes
                    and parent_code in parent_codes  # parent codes are never empty
                    and code.startswith(parent_code)
                    and name
                    and len(name) <= _NAME_MAX_LENGTH
                ):
                    codes[code] = index
                    yield (code, parent_code, level, name)
                    index += 1
                    continue
            break
    if index < len(records):
        lines = _record_lines(text, file_name)
        _raise_problem(records[index], lines[index], region_file, parent_file, parent_codes, codes, lines)
    return codes


def _raise_problem(
    fields: list[str],
    line: int,
    region_file: _RegionFile,
    parent_file: _RegionFile | None,
    parent_codes: dict[str, int],
    codes: dict[str, int],
    lines: list[int],
) -> NoReturn:
    """Raise the first problem of a record that failed the checks (in the order the rules are listed here)."""
    file_name = region_file.name
    columns = 2 if parent_file is None else 3
    if len(fields) != columns:
        raise _error(
            _("%(file)s, line %(line)s: expected %(expected)s columns, found %(found)s."),
            file_name,
            line,
            expected=columns,
            found=len(fields),
        )
    code, *parent, name = [field.strip() for field in fields]
    parent_code = parent[0] if parent else None

    if not code:
        raise _error(_("%(file)s, line %(line)s: the code is empty."), file_name, line)
    if not _CODE[region_file.code_length].fullmatch(code):
        raise _error(
            _("%(file)s, line %(line)s: code %(code)s is not a code of %(length)s digits."),
            file_name,
            line,
            code=code,
            length=region_file.code_length,
        )
    if code in codes:
        raise _error(
            _("%(file)s, line %(line)s: code %(code)s appears twice (first on line %(first_line)s)."),
            file_name,
            line,
            code=code,
            first_line=lines[codes[code]],
        )
    if parent_file is not None:
        if not parent_code:
            raise _error(_("%(file)s, line %(line)s: the parent code is empty."), file_name, line)
        if parent_code not in parent_codes:
            raise _error(
                _("%(file)s, line %(line)s: parent code %(parent)s is not in %(parent_file)s."),
                file_name,
                line,
                parent=parent_code,
                parent_file=parent_file.name,
            )
        if not code.startswith(parent_code):
            raise _error(
                _("%(file)s, line %(line)s: code %(code)s does not start with its parent's code %(parent)s."),
                file_name,
                line,
                code=code,
                parent=parent_code,
            )
    if not name:
        raise _error(_("%(file)s, line %(line)s: the name is empty."), file_name, line)
    if len(name) > _NAME_MAX_LENGTH:
        raise _error(
            _("%(file)s, line %(line)s: the name is longer than %(max_length)s characters."),
            file_name,
            line,
            max_length=_NAME_MAX_LENGTH,
        )
    raise AssertionError(f"{file_name}, line {line}: refused by the short check, passed by the full one")


def _error(message: str, file_name: str, line: int | None = None, **values) -> RegionFileError:
    return RegionFileError(message % {"file": file_name, "line": line, **values})


def _rows_within(rows: list[_Row], within: str) -> list[_Row]:
    """The region ``within``, its ancestors and its descendants.

    A child's code starts with its parent's code (checked on reading), so the ancestors are
    the rows whose code is the start of ``within``, and the descendants those whose code
    starts with it.
    """
    if not any(code == within for code, *_rest in rows):
        raise RegionFileError(_("Region %(code)s is not in the region files.") % {"code": within})
    return [row for row in rows if row[0].startswith(within) or within.startswith(row[0])]


# --- Writing ------------------------------------------------------------------------------


def _write_with_copy(connection, rows: Iterable[_Row]) -> tuple[int, int]:
    """PostgreSQL: COPY the rows straight into an empty regions table (a first import); else COPY them
    into a temporary table and upsert them in one statement.

    Returns the numbers of regions created and updated. Rows that would not change are not
    rewritten, so a second run of the same files writes nothing.
    """
    table = connection.ops.quote_name(Region._meta.db_table)
    with connection.cursor() as cursor:
        # The lock makes a second import wait until this one has committed, so that it finds the table
        # as this one leaves it; reading the table stays possible meanwhile, except during a first import,
        # whose dropped indexes lock readers out of the (still empty) table until it commits.
        cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute(f"SELECT EXISTS (SELECT FROM {table})")
        if not cursor.fetchone()[0]:
            # A first import (a new deployment): nothing to update or keep, so the rows go in as they
            # are, without the upsert's second pass over 88,000 rows. Parents before children is not
            # needed: the parent's foreign key is added back, and checks every row, once they are all in.
            return _copy_into_empty_table(cursor, table, rows), 0
        rows = list(rows)
        cursor.execute(
            "CREATE TEMPORARY TABLE region_import"
            " (code varchar(10), parent_id varchar(10), level varchar(10), name varchar(100)) ON COMMIT DROP"
        )
        with cursor.copy("COPY region_import (code, parent_id, level, name) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(f"SELECT count(*) FROM region_import JOIN {table} USING (code)")
        (existing,) = cursor.fetchone()
        # ORDER BY code puts every parent before its children ("64" < "6471" < "6471010").
        cursor.execute(
            f"""
            INSERT INTO {table} (code, parent_id, level, name)
            SELECT code, parent_id, level, name FROM region_import ORDER BY code
            ON CONFLICT (code) DO UPDATE
                SET parent_id = excluded.parent_id, level = excluded.level, name = excluded.name
                WHERE ({table}.parent_id, {table}.level, {table}.name)
                    IS DISTINCT FROM (excluded.parent_id, excluded.level, excluded.name)
            """
        )
        written = cursor.rowcount
        cursor.execute("DROP TABLE region_import")  # ON COMMIT DROP alone would not do inside an outer transaction
    created = len(rows) - existing
    return created, written - created


def _copy_into_empty_table(cursor, table: str, rows: Iterable[_Row]) -> int:
    """COPY the rows into the empty regions table, its secondary indexes and foreign keys made afterwards;
    returns how many.

    Building an index over 88,000 rows at once is cheaper than keeping it up to date row by row, and
    adding a foreign key checks all rows in one join instead of one look-up per row at the commit
    (PostgreSQL's own advice for populating a table). The indexes and foreign keys are dropped and made
    again from their own definitions, inside the import's transaction: on any failure they are back as
    they were. Adding the foreign key checks the rows at once, deferrable or not.
    """
    cursor.execute(
        "SELECT pg_get_indexdef(indexrelid), indexrelid::regclass::text FROM pg_index"
        " WHERE indrelid = %s::regclass AND NOT indisprimary AND NOT indisunique",
        [table],
    )
    indexes = cursor.fetchall()
    cursor.execute(
        "SELECT pg_get_constraintdef(oid), quote_ident(conname) FROM pg_constraint"
        " WHERE conrelid = %s::regclass AND contype = 'f'",
        [table],
    )
    foreign_keys = cursor.fetchall()
    for _definition, name in foreign_keys:
        cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
    for _definition, name in indexes:
        cursor.execute(f"DROP INDEX {name}")
    written = 0
    with cursor.copy(f"COPY {table} (code, parent_id, level, name) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            written += 1
    for definition, _name in indexes:
        cursor.execute(definition)
    for definition, name in foreign_keys:
        cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}")
    return written


def _write_with_orm(using: str, rows: list[_Row]) -> tuple[int, int]:
    """Other databases (SQLite): compare with what is stored, then bulk-upsert what differs."""
    stored_rows = Region.objects.using(using).values_list("code", "parent_id", "level", "name")
    stored = {code: (parent_id, level, name) for code, parent_id, level, name in stored_rows}
    changed = [
        Region(code=code, parent_id=parent_code, level=level, name=name)
        for code, parent_code, level, name in rows
        if stored.get(code) != (parent_code, level, name)
    ]
    Region.objects.using(using).bulk_create(
        changed,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["parent", "level", "name"],
        batch_size=1000,  # Django lowers it to what the database takes (249 rows on SQLite)
    )
    created = sum(1 for region in changed if region.code not in stored)
    return created, len(changed) - created
