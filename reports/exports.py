"""The completion records as files: CSV streamed as it is read, XLSX written row by row.

CSV of any size streams in constant memory and sends its first bytes at once. On PostgreSQL the rows
come from COPY of the report's own query (reports.completion_records), which writes CSV several times
faster than Python could format it; elsewhere (SQLite, a first run) the ORM reads them in chunks and
Python's csv module writes them the same way: same columns, dates as 2026-11-27, empty for nothing,
lines ending in \\n.
"""

import csv
import io

from django.db import connections, router
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from core.spreadsheet_cells import spreadsheet_text
from courses.models import Enrolment
from reports.completion_records import COLUMNS, export_rows, planned_as_written

# Bytes gathered before a chunk goes out: large enough that the web server writes few times,
# small enough that memory stays flat and the first bytes leave at once.
CHUNK_BYTES = 64 * 1024
ORM_BATCH_ROWS = 2000
# An XLSX sheet holds 1,048,576 rows: a larger export continues on a new sheet.
XLSX_SHEET_ROWS = 1_000_000
UTF8_BOM = "\ufeff"


def headings():
    return [str(heading) for _name, heading in COLUMNS]


def _csv_line(values):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue()


def csv_chunks(queryset):
    """The CSV file, heading first, as byte chunks: for a StreamingHttpResponse.

    It opens with a byte-order mark: without one, Excel reads the file in the machine's old code page and
    shows a name such as "Nur’aini" as "Nurâ€™aini" (as the data download does, privacy.archive).
    """
    yield (UTF8_BOM + _csv_line(headings())).encode()
    rows = export_rows(queryset)
    if rows.query.is_empty():  # no rows asked for (a filter that cannot be read): no SQL to COPY
        return
    connection = connections[router.db_for_read(Enrolment)]
    if connection.vendor == "postgresql":
        yield from _copied_chunks(rows, connection)
    else:
        yield from _written_chunks(rows)


def copy_statement(rows):
    """The COPY statement and its parameters that write `rows` as CSV (also used by the benchmark)."""
    sql, params = rows.query.sql_with_params()
    return f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", params


def _copied_chunks(rows, connection):
    statement, params = copy_statement(rows)
    # Django's cursor binds parameters on the client, as COPY needs: the server takes none.
    with planned_as_written(), connection.cursor() as cursor, cursor.cursor.copy(statement, params) as copy:
        pending, size = [], 0
        for data in copy:
            pending.append(bytes(data))
            size += len(data)
            if size >= CHUNK_BYTES:
                yield b"".join(pending)
                pending, size = [], 0
        if pending:
            yield b"".join(pending)


def _written_chunks(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows.iterator(chunk_size=ORM_BATCH_ROWS):
        writer.writerow(row)
        if buffer.tell() >= CHUNK_BYTES:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode()


def write_xlsx(queryset, output, *, progress=None, progress_every=5000):
    """Write the rows as an XLSX workbook to `output` (a file object), calling progress(rows done)."""
    workbook = Workbook(write_only=True)
    sheet = None
    done = 0
    for row in export_rows(queryset).iterator(chunk_size=ORM_BATCH_ROWS):
        if done % XLSX_SHEET_ROWS == 0:
            sheet = workbook.create_sheet(_("Completion records") if done == 0 else f"{done // XLSX_SHEET_ROWS + 1}")
            sheet.append(headings())
        sheet.append([_xlsx_safe(value) for value in row])
        done += 1
        if progress and done % progress_every == 0:
            progress(done)
    if sheet is None:
        workbook.create_sheet(_("Completion records")).append(headings())
    workbook.save(output)
    if progress:
        progress(done)
    return done


def _xlsx_safe(value):
    """Text without the control characters an XLSX file cannot hold (openpyxl refuses the whole row).

    The formula rule again afterwards: the query applied it to the text as stored, and "\x0b=..." only
    starts with "=" once its control character is gone.
    """
    return spreadsheet_text(ILLEGAL_CHARACTERS_RE.sub("", value)) if isinstance(value, str) else value
