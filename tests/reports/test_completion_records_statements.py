"""The report's page statement compiled once per shape of filters (reports.completion_records_statements):
the same rows, in the same order, as the plain ORM path for every filter and combination, whichever values
the statement was first compiled with; no filter values and no search in what is kept."""

import itertools

import pytest
from django.http import QueryDict

from courses.models import Enrolment
from reports.completion_records import PageRow
from reports.completion_records_filters import completion_records_filtered
from reports.completion_records_statements import ShapedPageQuery
from reports.completion_records_views import CompletionRecordsReportView
from tests.reports import records_fixtures

world = records_fixtures.world
records = records_fixtures.records
page_queries = records_fixtures.page_query_store

REPORT = "/admin/laporan/kelulusan/"


def _page_rows(rf, user, params):
    """The rows of the report's page, as the view reads them (through the remembered statements)."""
    request = rf.get(REPORT, QueryDict(params))
    request.user = user
    view = CompletionRecordsReportView()
    view.setup(request)
    page, _paginator, rows, _more = view.paginate_queryset(view.get_filtered_queryset(), 1000)
    return list(rows)


def _orm_rows(user, params):
    """The same rows by the plain ORM path (the one the export job takes)."""
    queryset = completion_records_filtered(viewer=user, params=QueryDict(params))
    return [PageRow(*row) for row in queryset.values_list(*PageRow._fields)]


def _values(records):
    """Each filter's values to try: every choice the fixtures give rows for, and one that gives none."""
    kelurahan = records["kelurahan"]
    return {
        "course": [records["own_course"].pk, records["other_course"].pk],
        "organisation": [records["lestari"].pk, records["cerdas"].pk],
        "kecamatan": ["6471010", "6471040"],
        "kelurahan": [kelurahan["sepinggan"].code, kelurahan["gunung bahagia"].code, kelurahan["klandasan"].code],
        "status": [choice for choice, _label in Enrolment.Status.choices],
        "certificate": ["none", "issued", "revoked"],
        "gender": ["perempuan", "laki-laki", "-"],
        "topic": ["anggaran"],
        "enrolled_from": ["2026-01-15", "2026-08-21", "2026-09-01"],
        "enrolled_to": ["2026-01-15", "2026-09-01", "2026-10-04"],
        "completed_from": ["2026-09-30", "2026-10-01"],
        "completed_to": ["2026-09-30", "2026-11-02", "2100-01-01"],
    }


def _combinations(records):
    values = _values(records)
    # Each filter alone, with each of its values in turn (the first compiles the shape, the others reuse it).
    for name, choices in values.items():
        for value in choices:
            yield f"{name}={value}"
    # Every pair of filters, twice, both values changing (the second reuses the first's statement).
    for first, second in itertools.combinations(values, 2):
        for turn in range(2):
            a, b = values[first][turn % len(values[first])], values[second][turn % len(values[second])]
            yield f"{first}={a}&{second}={b}"
    # The class, with and without its course, and a few wider combinations.
    own, other = records["own"], records["other"]
    yield f"course={records['own_course'].pk}&cohort={own.pk}"
    yield f"course={records['other_course'].pk}&cohort={other.pk}"
    yield f"cohort={own.pk}"
    yield f"cohort={other.pk}"
    yield "kecamatan=6471010&status=completed&completed_to=2100-01-02"
    yield "kecamatan=6471040&status=completed&completed_to=2100-01-03"
    yield "kecamatan=6471010&status=active&enrolled_from=2026-01-01&enrolled_to=2026-12-31&gender=laki-laki"
    yield "kecamatan=6471040&status=active&enrolled_from=2026-09-01&enrolled_to=2026-09-01&gender=-"


@pytest.mark.parametrize("viewer", ["government", "facilitator", "other facilitator"])
def test_the_remembered_statements_give_exactly_the_orm_rows_for_every_filter_combination(
    rf, records, page_queries, viewer
):
    user = records["users"][viewer]
    seen_rows = set()
    for params in _combinations(records):
        expected = _orm_rows(user, params)
        assert _page_rows(rf, user, params) == expected, params
        # And again, from the remembered statement.
        assert _page_rows(rf, user, params) == expected, params
        seen_rows.update(row.resident_name for row in expected)
    # The combinations did find rows (not only empty pages), each in this viewer's scope.
    assert seen_rows
    store, _built = page_queries
    assert all(isinstance(query, ShapedPageQuery) for query in store.values())


def _names(rf, user, params):
    return {row.resident_name for row in _page_rows(rf, user, params)}


def test_a_new_value_of_a_filter_reads_its_rows_without_building_the_query_again(rf, records, page_queries):
    store, built = page_queries
    user = records["users"]["government"]
    assert _names(rf, user, "kecamatan=6471010&status=completed") == {"Ani Wulandari", "Dedi Kurniawan"}
    assert len(built) == 1
    assert _names(rf, user, "kecamatan=6471040&status=completed") == set()
    assert _names(rf, user, "kecamatan=6471040&status=active") == {"Citra Dewi"}
    assert _names(rf, user, "kecamatan=6471010&status=completed&completed_to=2026-10-31") == {"Dedi Kurniawan"}
    assert _names(rf, user, "kecamatan=6471010&status=completed&completed_to=2026-11-02") == {
        "Ani Wulandari",
        "Dedi Kurniawan",
    }
    # Another kecamatan, or another last day, is the same statement; another status, or a period, another shape.
    assert len(built) == 3
    assert len(store) == 3


def test_no_filter_value_search_or_unknown_parameter_is_kept(rf, records, page_queries):
    store, _built = page_queries
    user = records["users"]["government"]
    own, other = records["own_course"].pk, records["other_course"].pk
    _page_rows(rf, user, f"kecamatan=6471010&kelurahan=6471010005&course={own}&utm_source=surat")
    _page_rows(rf, user, f"kecamatan=6471040&kelurahan=6471040001&course={other}&utm_source=lain")
    assert _names(rf, user, "q=Dedi") == {"Dedi Kurniawan"}
    assert _names(rf, user, "q=8HJ3-NP4R-5V") == {"Dedi Kurniawan"}
    assert len(store) == 1  # the one shape (course, kecamatan, kelurahan set); the searches compiled alone
    kept = repr(list(store))
    for value in ["6471010", "6471040", "surat", "utm_source", "Dedi", "8HJ3"]:
        assert value not in kept
    (query,) = store.values()
    assert "6471010" not in repr(query._page_query.params)
