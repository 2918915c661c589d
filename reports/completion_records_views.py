"""The completion records report in the Wagtail admin, its exports, and the large-export pages.

Government staff read every enrolment, NGO facilitators their organisations' learners (the learner
permission policy, courses.scope); anyone else is refused. The CSV export streams whatever its size;
an XLSX export of up to REPORT_XLSX_INLINE_MAX_ROWS rows is sent at once, a larger one is built by a
worker while a page shows its progress, and only the person who asked for it may download it.
"""

import datetime

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports import ReportView

from accounts.signals import resident_records_exported
from classes.permissions import learner_permission_policy
from courses.models import Enrolment
from courses.scope import reads_every_record
from reports import services
from reports.completion_records import (
    COLUMNS,
    PageQuery,
    completion_records,
    live_module_ids_by_course,
)
from reports.completion_records_filters import CompletionRecordFilterSet, search_completion_records
from reports.completion_records_statements import ShapedPageQuery, filter_shape
from reports.exports import csv_chunks, write_xlsx
from reports.models import ReportExport

# Far past any real listing, and far below what the database's OFFSET can take.
MAX_PAGE = 100_000

# The page statements compiled in this process, by what decides their SQL (CompletionRecordsReportView.
# page_query_key, reports.completion_records_statements): building and compiling the report's query, two
# dozen expressions, costs the web worker more than the database takes to run it. The oldest goes first
# once this many are kept.
PAGE_QUERIES_KEPT = 256
_page_queries = {}


def _remember_page_query(key, compute):
    if key in _page_queries:
        return _page_queries[key]
    if len(_page_queries) >= PAGE_QUERIES_KEPT:
        _page_queries.pop(next(iter(_page_queries)), None)  # the oldest (a dict keeps its keys in order)
    query = _page_queries[key] = compute()
    return query


class FilteredRows:
    """The view's filtered rows, as a queryset built only when something needs one: a page whose compiled
    query this process remembers is read without building it."""

    model = Enrolment

    def __init__(self, view):
        self._view = view

    @cached_property
    def queryset(self):
        return self._view.get_queryset()


class LookAheadPage:
    """One page of rows, and whether another follows, found without counting every matching row.

    Counting a filtered million rows for "page 1 of N" costs more than the page itself: the page reads
    one row past its end instead, and offers the next page when that row exists.
    """

    def __init__(self, rows, *, number, per_page):
        self.number = number
        self.has_next = len(rows) > per_page
        self.object_list = rows[:per_page]
        self.has_previous = number > 1
        self.start_index = (number - 1) * per_page + 1
        self.end_index = self.start_index + len(self.object_list) - 1

    @property
    def next_page_number(self):
        return self.number + 1

    @property
    def previous_page_number(self):
        return self.number - 1

    @property
    def has_other_pages(self):
        return self.has_previous or self.has_next

    @property
    def paginator(self):
        return self

    @property
    def count(self):
        """The rows seen so far: every matching row when this is the last page."""
        return self.end_index if self.object_list else 0

    def get_elided_page_range(self, number):
        return []


class ExportStreamingResponse(StreamingHttpResponse):
    """A streamed export that writes the access log once it is over (sent whole, or broken off).

    After the data, not before: logging a million residents takes seconds, and the first bytes of the
    export must leave at once. In close(), which the WSGI server always calls once the response is
    done, after the rows' cursor is closed: never from a generator's `finally`, which the garbage
    collector may run in the middle of another query on the same connection.
    """

    def __init__(self, *args, after_close, **kwargs):
        super().__init__(*args, **kwargs)
        self._after_close = after_close

    def close(self):
        try:
            super().close()
        finally:
            after_close, self._after_close = self._after_close, None
            if after_close is not None:
                after_close()


class CompletionRecordsReportView(ReportView):
    page_title = _("Completion records")
    header_icon = "list-ul"
    index_url_name = "reports_completion_records"
    index_results_url_name = "reports_completion_records_results"
    # Wagtail's page with the report's styles: every filter in the drawer without scrolling at 1366 × 768.
    template_name = "reports/admin/completion_records.html"
    results_template_name = "reports/admin/completion_records_results.html"
    permission_policy = learner_permission_policy
    permission_required = "view"
    filterset_class = CompletionRecordFilterSet
    is_searchable = True
    paginate_by = 50
    # The table is written by reports/admin/completion_records_results.html, one loop over the rows.
    columns = []
    # Wagtail offers its "Download" buttons for list_export; the exports here are the view's own.
    show_export_buttons = True

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["headings"] = [heading for _name, heading in COLUMNS]
        # The class filter lists the chosen course's classes: when the filter drawer fetches new
        # results for a course (or a class), it gets the filters again too, or the class list would stay
        # as the page began. Only then: the form costs a third of the results' time. Without a course,
        # a class left listed from before is still accepted on its own (_class_choices).
        context["render_filters_fragment"] = bool(
            self.filters and self.results_only and ("course" in self.request.GET or "cohort" in self.request.GET)
        )
        return context

    @cached_property
    def module_ids_by_course(self):
        return live_module_ids_by_course()

    @cached_property
    def _base_queryset(self):
        return completion_records(viewer=self.request.user, module_ids_by_course=self.module_ids_by_course)

    def get_base_queryset(self):
        # Built once a request: a new shape's statement is compiled from it twice (ShapedPageQuery).
        return self._base_queryset.all()

    def search_queryset(self, queryset):
        return search_completion_records(queryset, self.search_query) if self.is_searching else queryset

    def filter_queryset(self, queryset):
        # Wagtail ignores every filter when one cannot be read (a class of another course, a mistyped
        # date): the report would then list, and export, every row. It lists none, and the form says why.
        if self.filters and not self.filters.is_valid():
            return queryset.none()
        return super().filter_queryset(queryset)

    def get_filtered_queryset(self):
        # Wagtail's listing already filters and searches in get_queryset(); ReportView would filter twice.
        return FilteredRows(self)

    def page_query_key(self):
        """What decides the page statement's SQL: whose rows (everyone's, or the scope of this one person,
        whose organisations the query itself reads), the language of the certificate statuses and the
        time zone of the dates written into it, the published modules written into it, and the shape of
        the filters in force (completion_records_statements.filter_shape: which are set, not the ids and
        days they hold). Neither a search nor a parameter the filters do not know is part of it."""
        user = self.request.user
        scope = "every record" if reads_every_record(user) else ("scoped", user.pk)
        modules = tuple(sorted((course, tuple(ids)) for course, ids in self.module_ids_by_course.items()))
        shape = filter_shape(self.filters.form.cleaned_data) if self.filters else ()
        return (scope, get_language(), timezone.get_default_timezone_name(), modules, shape)

    def _page_query(self, rows):
        try:
            return PageQuery(rows.queryset)
        except EmptyResultSet:  # a search Django knows matches nothing
            return None

    def _shaped_page_query(self, rows):
        if not self.filters:
            return self._page_query(rows)
        return ShapedPageQuery.compile(
            base_queryset=self.get_base_queryset(), filterset=self.filters, queryset=rows.queryset
        )

    def _rows(self, rows, *, limit, offset):
        # A filter that cannot be read lists nothing (filter_queryset): checked on every request, since
        # whether it can be read depends on the person's choices now, not when the statement was compiled.
        if self.filters and not self.filters.is_valid():
            return []
        if not self.is_searching:
            query = _remember_page_query(self.page_query_key(), lambda: self._shaped_page_query(rows))
            if isinstance(query, ShapedPageQuery):
                return query.page(self.filters.form.cleaned_data, limit=limit, offset=offset)
            if isinstance(query, PageQuery):
                return query.page(limit=limit, offset=offset)
        # A search (its SQL depends on what was typed, which is not kept), or a shape whose statement
        # could not be shown to be the ORM's for other values: compiled for this request alone.
        query = self._page_query(rows)
        return query.page(limit=limit, offset=offset) if query is not None else []

    def paginate_queryset(self, rows, page_size):
        number = self.request.GET.get(self.page_kwarg, "1")
        number = min(int(number), MAX_PAGE) if number.isdigit() and int(number) > 0 else 1
        found = self._rows(rows, limit=page_size + 1, offset=(number - 1) * page_size)
        page = LookAheadPage(found, number=number, per_page=page_size)
        return page, page, page.object_list, page.has_other_pages

    def get_filename(self):
        return f"catatan-kelulusan-{timezone.localdate():%Y-%m-%d}"

    def get(self, request, *args, **kwargs):
        if not self.is_export:
            return super().get(request, *args, **kwargs)
        rows = self.get_queryset()
        if request.GET["export"] == self.FORMAT_CSV:
            return self.csv_response(rows)
        return self.xlsx_response(rows)

    def csv_response(self, rows):
        response = ExportStreamingResponse(
            csv_chunks(rows),
            content_type="text/csv; charset=utf-8",
            after_close=lambda: resident_records_exported.send(sender=type(self), viewer=self.request.user, rows=rows),
        )
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
        return response

    def xlsx_response(self, rows):
        limit = settings.REPORT_XLSX_INLINE_MAX_ROWS
        if rows.values("pk")[: limit + 1].count() > limit:
            query = self.request.GET.copy()
            query.pop("export", None)
            export = services.report_export_request(
                user=self.request.user, query_string=query.urlencode(), language=get_language()
            )
            return redirect("reports_export", export.pk)
        resident_records_exported.send(sender=type(self), viewer=self.request.user, rows=rows)
        response = HttpResponse(
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.xlsx"'
        write_xlsx(rows, response)
        return response


def _own_export(request, pk):
    """The export, only for the person who asked for it (404 for anyone else, staff included)."""
    if not learner_permission_policy.user_has_permission(request.user, "view"):
        raise Http404
    return get_object_or_404(ReportExport, pk=pk, requested_by=request.user)


@require_admin_access
def export_progress(request, pk):
    export = _own_export(request, pk)
    done = export.rows_done
    return TemplateResponse(
        request,
        "reports/admin/export_progress.html",
        {
            "export": export,
            "done": done,
            "running": export.is_running,
            "stale": export.is_running and timezone.now() - export.created_at > datetime.timedelta(hours=1),
            "page_title": _("Export of completion records"),
            "header_title": _("Export of completion records"),
            "header_icon": "download",
            "keep_hours": settings.REPORT_EXPORT_KEEP_SECONDS // 3600,
            "report_url": f"{reverse('reports_completion_records')}?{export.query_string}",
        },
    )


@require_admin_access
def export_download(request, pk):
    export = _own_export(request, pk)
    if not export.finished_at or not export.file:
        raise Http404
    return FileResponse(export.file.open("rb"), as_attachment=True, filename=export.file_name)
