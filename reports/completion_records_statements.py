"""The report's page statement, compiled once per shape of filters and sent with each request's values.

Building and compiling the report's query (two dozen expressions) costs the web worker more than the
database takes to run it, and a filter change used to pay it again. A statement is compiled once for
each *shape*: whose rows, the language and time zone, the published modules, which filters are set,
and the values of the few filters with fixed choices (status, certificate, topic, gender: a method may
write other SQL for one of them, as gender's "not stated" does). The values of the other filters (ids
and codes chosen from lists, and days) are sent as the statement's parameters at each request.

Which parameters hold which filter's value is found, not assumed: the shape is compiled a second time
with a marker value in each bound filter, and the positions where the markers land are recorded. The
statement is used only when it is exactly the one the ORM wrote for the request's own values (same SQL,
the same parameters everywhere else, each value converted as the ORM converted it); otherwise that
shape is compiled for each request, as before. No typed search goes through here (a search's SQL
depends on what was typed: a name, a phone number or a certificate code), so the statements kept in
memory hold no one's values.
"""

import datetime

from django.core.exceptions import EmptyResultSet
from django_filters.constants import EMPTY_VALUES

from reports.completion_records import PageQuery

# The filters whose values are the statement's parameters; any other filter's value is in its shape.
BOUND_FILTERS = ("course", "organisation", "cohort", "kecamatan", "kelurahan", "enrolled", "completed")

# Marker values: digits (an id field reads them as a number that fits a 32-bit integer, a code field
# as text) and days of the year 1, which no real parameter of the report's query is.
_MARKER_NUMBER = 1_987_654_300


def filter_shape(cleaned_data):
    """What, of the filters in force, decides the statement's SQL: the names of the bound filters that
    are set (and which ends of a period), and the other filters' values."""
    shape = []
    for name, value in cleaned_data.items():
        if value in EMPTY_VALUES:
            continue
        if isinstance(value, slice):
            shape.append((name, value.start is not None, value.stop is not None))
        elif name in BOUND_FILTERS:
            shape.append((name,))
        else:
            shape.append((name, value))
    return tuple(shape)


def _bound_values(cleaned_data):
    """The bound filters' values, in the order the filter set applies them: a choice's value as the form
    cleaned it, a period's first and last days."""
    values = []
    for name, value in cleaned_data.items():
        if name not in BOUND_FILTERS or value in EMPTY_VALUES:
            continue
        if isinstance(value, slice):
            values.extend(end.date() for end in (value.start, value.stop) if end is not None)
        else:
            values.append(value)
    return values


def _marked(cleaned_data):
    """The cleaned data with a marker in place of each bound value, and the markers in order."""
    marked, markers = {}, []
    for name, value in cleaned_data.items():
        if name in BOUND_FILTERS and value not in EMPTY_VALUES:
            if isinstance(value, slice):
                ends = []
                for end in (value.start, value.stop):
                    if end is not None:
                        # DatePeriodFilter compares the row's day with end.date().
                        end = datetime.datetime(1, 1, len(markers) + 1)
                        markers.append(end.date())
                    ends.append(end)
                value = slice(*ends)
            else:
                value = str(_MARKER_NUMBER + len(markers))
                markers.append(value)
        marked[name] = value
    return marked, markers


# How the ORM may have converted a value on its way into the parameters.
_CONVERSIONS = {
    "as is": lambda value: value,
    "number": int,
    "text": str,  # SQLite's days
}


def _same(a, b):
    return type(a) is type(b) and a == b


class ShapedPageQuery:
    """One shape's statement: its compiled PageQuery and, per bound value, where it goes and how."""

    def __init__(self, page_query, slots):
        self._page_query = page_query
        self._slots = slots  # [(parameter position, index among the bound values, conversion name)]

    @classmethod
    def compile(cls, *, base_queryset, filterset, queryset):
        """The shape's statement, or None when it cannot be trusted to be the ORM's for other values.

        ``queryset`` is the request's own rows as the ORM builds them (base, filters); ``filterset`` has
        been validated for the same request.
        """
        cleaned = filterset.form.cleaned_data
        marked, markers = _marked(cleaned)
        try:
            real = PageQuery(queryset)
            if not markers:  # nothing bound: the request's own statement is the shape's
                return cls(real, [])
            with_markers = base_queryset
            for name, value in marked.items():
                with_markers = filterset.filters[name].filter(with_markers, value)
            template = PageQuery(with_markers)
        except EmptyResultSet:
            return None
        if template.sql != real.sql or len(template.params) != len(real.params):
            return None
        values = _bound_values(cleaned)
        slots, found = [], set()
        for position, (marker_param, real_param) in enumerate(zip(template.params, real.params, strict=True)):
            slot = _slot(marker_param, markers)
            if slot is None:
                if not _same(marker_param, real_param):
                    return None
                continue
            index, conversion = slot
            if not _same(_CONVERSIONS[conversion](values[index]), real_param):
                return None
            slots.append((position, index, conversion))
            found.add(index)
        if found != set(range(len(markers))):
            return None
        return cls(template, slots)

    def page(self, cleaned_data, *, limit, offset):
        values = _bound_values(cleaned_data)
        params = list(self._page_query.params)
        for position, index, conversion in self._slots:
            params[position] = _CONVERSIONS[conversion](values[index])
        return self._page_query.page(limit=limit, offset=offset, params=params)


def _slot(param, markers):
    """(which marker, by which conversion) a parameter is, or None."""
    for index, marker in enumerate(markers):
        for conversion, convert in _CONVERSIONS.items():
            try:
                if _same(convert(marker), param):
                    return index, conversion
            except (TypeError, ValueError):
                continue
    return None
