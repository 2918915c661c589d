"""The participatory budgeting figures of the open data (/data/penganggaran.csv): how many voted in each
call whose results are public, per kelurahan (online ballots by the voter's kelurahan, paper ballots by
the polling place's) and per gender (online ballots only: a paper ballot records no gender).

Only calls that are published (live) and public (no log-in, password or group restriction, their own or
an ancestor's), and only once their results are public (participation.budgeting_phases.results_public):
before, the turnout of a call still being counted is not published. The figures are those of the call's
results page (participation.budgeting_results.calls_turnout), small counts hidden by the same rule
(core.small_counts); a hidden count is written as in ringkasan.csv: "<5" (primary) or "x" (secondary).

Queries: the calls with Wagtail's read of the view restrictions, then two GROUP BY queries and one of the
kelurahan for every call together. Kept an hour in the cache, as the rest of /data/.
"""

import csv

from django.core.cache import cache
from django.http import HttpResponse
from django.views.decorators.http import require_safe

from core.spreadsheet_cells import spreadsheet_text
from participation.budgeting_phases import results_public
from participation.budgeting_results import calls_turnout
from participation.models import BudgetingCallPage
from reports.open_data import CACHE_SECONDS, csv_cell

CACHE_KEY = "open-data-budgeting:v1"
FILENAME = "penganggaran.csv"
# Column names and categories are codes for a program reading the file, the same in every language.
CSV_HEADINGS = ["call", "fiscal_year", "category", "code", "name", "kecamatan", "online", "paper", "total"]
CSV_CATEGORY_TOTAL = "jumlah"
CSV_CATEGORY_KELURAHAN = "kelurahan"
CSV_CATEGORY_GENDER = "gender"


def budgeting_csv_rows():
    """The CSV's lines as lists of text: per call, its total, its kelurahan, its genders."""
    calls = [
        call
        for call in BudgetingCallPage.objects.live().public().order_by("-results_on", "title")
        if results_public(call)
    ]
    turnout = calls_turnout(calls)
    lines = [list(CSV_HEADINGS)]
    for call in calls:
        figures = turnout[call.pk]
        head = [spreadsheet_text(call.title), str(call.fiscal_year)]
        lines.append([*head, CSV_CATEGORY_TOTAL, "", "", "", *_cells(figures.total)])
        for row in figures.kelurahan:
            lines.append(
                [
                    *head,
                    CSV_CATEGORY_KELURAHAN,
                    row.code,
                    spreadsheet_text(row.name),
                    spreadsheet_text(row.kecamatan),
                    *_cells(row),
                ]
            )
        for row in figures.genders:
            lines.append([*head, CSV_CATEGORY_GENDER, row.code, "", "", csv_cell(row.online), "", ""])
    return lines


def _cells(row):
    return [csv_cell(row.online), csv_cell(row.paper), csv_cell(row.total)]


@require_safe
def budgeting_csv_download(request):
    """Plain UTF-8, as forum.csv."""
    rows = cache.get(CACHE_KEY)
    if not isinstance(rows, list):
        rows = budgeting_csv_rows()
        cache.set(CACHE_KEY, rows, timeout=CACHE_SECONDS)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{FILENAME}"'
    csv.writer(response).writerows(rows)
    return response
