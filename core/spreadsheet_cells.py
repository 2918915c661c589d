"""Text cells that a spreadsheet shows as text, never runs as a formula (OWASP's "CSV injection").

A spreadsheet program opening a CSV or XLSX file takes a cell beginning with ``=``, ``+``, ``-`` or
``@`` for a formula (a tab or a carriage return first can smuggle one in too): a name typed as
``=HYPERLINK("http://…","Klik")`` becomes a link in a staff member's spreadsheet, and other formulas
can fetch or run things. Every export writes such text with a leading apostrophe, ``'=HYPERLINK(…``:
spreadsheets show the apostrophe-prefixed cell as plain text, and a person reading the file sees
exactly what was typed, behind one apostrophe. (Removing or replacing the first character instead
would change what the resident wrote.)

The rule is written twice, with one table of cases testing both: ``spreadsheet_text`` for files that
Python writes, and ``SpreadsheetText`` for rows that the database writes itself (the completion
records' CSV is PostgreSQL's COPY of an ORM query). Numbers, dates and empty cells are not text and
pass unchanged; so do phone numbers, exported as ``0812…``.

Product-neutral: it imports nothing of ours.
"""

from django.db.models import Case, CharField, F, Value, When
from django.db.models.functions import Concat, Left
from django.db.models.lookups import In

# The first characters that make a spreadsheet read a cell as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# What goes before such text so that it stays text.
TEXT_MARK = "'"


def spreadsheet_text(value):
    """``value`` as an export writes it: text a spreadsheet would run gets a leading apostrophe.

    Anything but text (a number, a date, None) is returned as it is.
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return TEXT_MARK + value
    return value


class SpreadsheetText(Case):
    """The same rule as ``spreadsheet_text``, in SQL: the text of ``expression`` (a field name or an
    expression), with a leading apostrophe when it starts with a formula trigger; NULL stays NULL.

    ``CASE WHEN LEFT(x, 1) IN ('=', '+', …) THEN '''' || x ELSE x END`` on PostgreSQL and SQLite:
    one comparison of the first character per cell, cheap enough for a million-row COPY.
    """

    def __init__(self, expression):
        text = F(expression) if isinstance(expression, str) else expression
        super().__init__(
            When(In(Left(text, 1), FORMULA_TRIGGERS), then=Concat(Value(TEXT_MARK), text)),
            default=text,
            output_field=CharField(),
        )
