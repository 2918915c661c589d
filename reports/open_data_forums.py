"""The forum figures of the open data (/data/ and /data/forum.csv): how many kelurahan forum meetings were
held, how many places residents held at them and how many attended, per kelurahan and per month.

Only meetings that were held count: published (live) forum pages whose meeting has ended, and only public
ones: a forum behind a log-in, a password or a group restriction (its own or an ancestor's) is not shown to
everyone, so its figures are not published either. For each:

- meetings: the meetings held;
- registered: the places held when the meeting took place (ForumRegistration "registered", including those
  staff added at the door), not the waiting list nor the cancelled;
- attended: those recorded present (QR check-in, the organiser's list, the door).

Kelurahan are the forum's own; months are those of the meeting's start, in WITA, the 24 up to the latest
month with a meeting, none before the first (as the enrolments' months). The registered and the
attended are counts of people, hidden when small by the same rule as the rest of /data/
(core.small_counts: attendance is a part of the registered); the number of meetings names nobody and
is always shown.

One GROUP BY query over the meetings (per kelurahan and month: both tables are sums of its rows), before it
Wagtail's read of the view restrictions (``public()``: however many meetings, one query) and after it one
look-up of the kelurahan with their kecamatan. The figures are part of reports.open_data's summary,
computed and cached with it.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.small_counts import small_counts_suppress
from core.spreadsheet_cells import spreadsheet_text
from participation.models import ForumPage, ForumRegistration
from regions.models import Region
from reports.open_data import Cell, csv_cell

MONTHS_SHOWN = 24
MEASURES = ("registered", "attended")  # each a part of the one before it (core.small_counts, rule 2)


@dataclass(frozen=True)
class ForumRow:
    """A group's figures: ``code`` is the kelurahan's BPS code or YYYY-MM; the counts of people are Cells
    (a count, or hidden and why)."""

    code: str
    name: str
    kecamatan: str
    meetings: int
    registered: Cell
    attended: Cell
    month: datetime.date | None = None  # the first day of the month, for month rows


@dataclass(frozen=True)
class ForumFigures:
    total: ForumRow
    kelurahan: tuple[ForumRow, ...]
    months: tuple[ForumRow, ...]


@dataclass(eq=False)
class _Group:
    """A group while its counts are being suppressed (mutable; becomes a ForumRow)."""

    code: str
    name: str = ""
    kecamatan: str = ""
    meetings: int = 0
    registered: int = 0
    attended: int = 0
    month: datetime.date | None = None
    marks: dict = field(default_factory=dict)

    def add(self, meetings, registered, attended):
        self.meetings += meetings
        self.registered += registered
        self.attended += attended

    def row(self):
        return ForumRow(
            code=self.code,
            name=self.name,
            kecamatan=self.kecamatan,
            meetings=self.meetings,
            registered=self._cell("registered"),
            attended=self._cell("attended"),
            month=self.month,
        )

    def _cell(self, measure):
        mark = self.marks.get(measure, "")
        return Cell(count=None if mark else getattr(self, measure), suppressed=mark)


def forum_figures(*, now):
    """The forum tables as of `now`, small counts hidden: three queries."""
    zone = timezone.get_default_timezone()
    registrations = ForumRegistration.Status.REGISTERED
    # distinct: the join brings one row per registration of each meeting.
    rows = list(
        ForumPage.objects.live()
        .public()
        .filter(ends_at__lte=now)
        .order_by()
        .values_list("kelurahan_id", TruncMonth("starts_at", tzinfo=zone))
        .annotate(
            meetings=Count("pk", distinct=True),
            registered=Count("registrations", filter=Q(registrations__status=registrations)),
            attended=Count("registrations", filter=Q(registrations__attended_at__isnull=False)),
        )
    )
    total = _Group(code="")
    kelurahan, months = {}, {}
    for kelurahan_code, month, *counts in rows:
        total.add(*counts)
        kelurahan.setdefault(kelurahan_code, _Group(code=kelurahan_code)).add(*counts)
        # The truncation gives the WITA midnight that begins the month.
        day = month.astimezone(zone).date()
        months.setdefault(day, _Group(code=day.strftime("%Y-%m"), month=day)).add(*counts)
    for region in Region.objects.filter(code__in=kelurahan).select_related("parent"):
        kelurahan[region.code].name = region.name
        kelurahan[region.code].kecamatan = region.parent.name if region.parent else ""
    places = sorted(kelurahan.values(), key=lambda group: (group.name, group.code))
    shown_months = _months(months)
    small_counts_suppress([total, *places, *shown_months], [(total, places), (total, shown_months)], MEASURES)
    return ForumFigures(
        total=total.row(),
        kelurahan=tuple(group.row() for group in places),
        months=tuple(group.row() for group in shown_months),
    )


def _months(months):
    """A group per month, newest first: the 24 months up to the latest with a meeting, none before the first
    (months between without a meeting show zeros)."""
    if not months:
        return []
    month, first = max(months), min(months)
    groups = []
    while month >= first and len(groups) < MONTHS_SHOWN:
        groups.append(months.get(month) or _Group(code=month.strftime("%Y-%m"), month=month))
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return groups


# --- The CSV (/data/forum.csv) ----------------------------------------------------------------------

CSV_HEADINGS = [_("category"), _("code"), _("name"), _("kecamatan"), _("meetings"), _("registered"), _("attended")]
# The categories are codes for a program reading the file, the same in every language (as ringkasan.csv's).
CSV_CATEGORY_TOTAL = "jumlah"
CSV_CATEGORY_KELURAHAN = "kelurahan"
CSV_CATEGORY_MONTH = "bulan"


def forum_csv_rows(*, summary):
    """The CSV's lines as lists of text: headings, the total, the kelurahan, the months, from the open data's
    cached `summary`. A hidden count is written as in ringkasan.csv: "<5" (primary) or "x" (secondary)."""
    figures = summary.forums
    lines = [[str(heading) for heading in CSV_HEADINGS]]
    lines.append(_csv_line(CSV_CATEGORY_TOTAL, figures.total, name=str(_("Total"))))
    lines += [_csv_line(CSV_CATEGORY_KELURAHAN, row) for row in figures.kelurahan]
    lines += [
        _csv_line(CSV_CATEGORY_MONTH, row, name=date_format(row.month, "YEAR_MONTH_FORMAT")) for row in figures.months
    ]
    return lines


def _csv_line(category, row, *, name=None):
    return [
        category,
        row.code,
        spreadsheet_text(row.name if name is None else name),
        spreadsheet_text(row.kecamatan),
        str(row.meetings),
        csv_cell(row.registered),
        csv_cell(row.attended),
    ]
