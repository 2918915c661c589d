"""One rule for text cells in every export, written in Python and in SQL: one table of cases tests both.

Each export (CSV and XLSX, ours and Wagtail's) has its own test through its view, task or command;
this file pins the rule itself. The SQL runs on the test database: PostgreSQL in CI, SQLite here.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Value

from core.spreadsheet_cells import SpreadsheetText, spreadsheet_text

# (text as stored, the cell as exported)
CASES = [
    ('=HYPERLINK("http://contoh.id","Klik")', '\'=HYPERLINK("http://contoh.id","Klik")'),
    ("=1+1", "'=1+1"),
    ("+6281234567890", "'+6281234567890"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("=", "'="),
    # Nothing else changes: ordinary names, a phone number as exported, a formula sign further in.
    ("Siti Rahmawati", "Siti Rahmawati"),
    ("0812 3456 7890", "0812 3456 7890"),
    ("Ani = Budi", "Ani = Budi"),
    ("Kelas A-1", "Kelas A-1"),
    (" =1+1", " =1+1"),  # a space first: a spreadsheet reads text
    ("\n=1+1", "\n=1+1"),  # a line break first: text too (not in OWASP's list)
    ("＝1+1", "＝1+1"),  # a full-width equals sign is not a formula
    ("'=1+1", "'=1+1"),  # already marked: not marked twice
    ("Ádám Nugroho", "Ádám Nugroho"),
    ("", ""),
    (None, None),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_python_writes_formula_like_text_with_a_leading_apostrophe(text, expected):
    assert spreadsheet_text(text) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(("text", "expected"), CASES)
def test_the_database_writes_formula_like_text_with_a_leading_apostrophe(text, expected):
    # Any table with a row will do: the expression is computed by the database, not by Python.
    cell = (
        ContentType.objects.order_by("pk")
        .annotate(cell=SpreadsheetText(Value(text, output_field=CharField())))
        .values_list("cell", flat=True)
        .first()
    )

    assert cell == expected


@pytest.mark.parametrize("value", [12, -3, 4.5, True])
def test_numbers_are_not_text_and_pass_unchanged(value):
    assert spreadsheet_text(value) == value
