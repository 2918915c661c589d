"""The public open data: the page (/data/) and its CSV (/data/ringkasan.csv), for anyone, with no personal data.

Both read the same cached figures (reports.open_data), so the file says exactly what the page shows.
"""

import csv

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from reports.open_data import open_data_csv_rows, open_data_summary


@require_safe
def index(request):
    return TemplateResponse(request, "reports/open_data.html", {"summary": open_data_summary()})


@require_safe
def csv_download(request):
    """Plain UTF-8 (no byte-order mark: the file is for programs as much as for spreadsheets)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="ringkasan.csv"'
    csv.writer(response).writerows(open_data_csv_rows(summary=open_data_summary()))
    return response
