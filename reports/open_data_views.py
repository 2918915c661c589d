"""The public open data: the page (/data/) and its CSVs (/data/ringkasan.csv, the courses; /data/forum.csv,
the forums), for anyone, with no personal data.

All read the same cached figures (reports.open_data), so the files say exactly what the page shows.
"""

import csv

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from reports.open_data import open_data_csv_rows, open_data_summary
from reports.open_data_forums import forum_csv_rows


@require_safe
def index(request):
    return TemplateResponse(request, "reports/open_data.html", {"summary": open_data_summary()})


@require_safe
def csv_download(request):
    return _csv_response("ringkasan.csv", open_data_csv_rows(summary=open_data_summary()))


@require_safe
def forum_csv_download(request):
    return _csv_response("forum.csv", forum_csv_rows(summary=open_data_summary()))


def _csv_response(filename, rows):
    """Plain UTF-8 (no byte-order mark: the file is for programs as much as for spreadsheets)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    csv.writer(response).writerows(rows)
    return response
