"""The open data (/data/): how many residents enrolled in and completed the courses, with no one singled out.

Four tables, each a count of enrolments (one per resident and course) and of those completed:

- per kecamatan and per kelurahan, by the resident's kelurahan (learner profile) and its parent;
- per course, under the course's live title;
- per month, in WITA: enrolments by the month they were made, completions by the month they were
  recorded; the 24 months up to the latest month with data.

Only residents' enrolments count, in every table: an account without a learner profile (staff trying a
course) has no kelurahan, and counting it in some tables and not others would make totals disagree.
Kecamatan and kelurahan without enrolments are left out; live courses are listed even with none.

Small counts are hidden so that nobody can be picked out of a small group (core.small_counts, the one rule
for every published figure about people):

1. primary: a count from 1 to 4 is shown as "<5" (0 is shown);
2. completions cannot exceed enrolments, so a group whose enrolments are hidden has its completions
   hidden too, with the same mark;
3. secondary: a table's rows add up to a total that is shown (the city's, or a kecamatan's for its
   kelurahan), so a single hidden count in a table could be recovered by subtraction. Wherever
   exactly one count of a sum is hidden, the next-smallest non-zero count of that sum is hidden too
   (its total when no other count is left), shown as "x" in the CSV and "—" on the page; repeated
   until no sum has exactly one hidden count, because hiding a kecamatan's count makes its kelurahan
   table a sum with one hidden count. The months are treated as adding up to the city's total (they
   do, unless older months exist): at worst a count more is hidden, never one fewer.

The summary also holds the kelurahan forums' figures (meetings held, registered, attended: per kelurahan
and month), which reports.open_data_forums computes by the same rule, and its own CSV (/data/forum.csv).

Everything is computed from two GROUP BY queries (per kelurahan and course; per month of enrolling and
month of completing) and two look-ups (the kelurahan with their kecamatan; the courses), and the forums'
GROUP BY and look-up: the work grows with the number of groups, never with the number of enrolments or
registrations. The result is kept in the default
cache for an hour (and served a little longer while one process recomputes it, see
`open_data_summary`). What is cached holds no hidden count: a suppressed cell keeps only its mark.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.cache import cache
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.small_counts import PRIMARY, SECONDARY, small_counts_suppress
from core.spreadsheet_cells import spreadsheet_text
from courses.models import CoursePage, Enrolment
from regions.models import Region

if TYPE_CHECKING:
    from reports.open_data_forums import ForumFigures

MONTHS_SHOWN = 24
CACHE_KEY = "open-data-summary:v2"  # the version changes with the cached classes' shape
CACHE_SECONDS = 60 * 60  # how old the figures may be
# The figures stay in the cache longer than they are fresh: when they go stale, one process
# recomputes them (it holds the lock) while the others keep serving the stale ones, instead of
# every process running the same queries over a million enrolments at once.
STALE_KEEP_SECONDS = 24 * 60 * 60
LOCK_KEY = "open-data-summary:computing"
LOCK_SECONDS = 5 * 60  # a process that died while computing does not block the others for longer

MEASURES = ("enrolled", "completed")


@dataclass(frozen=True)
class Cell:
    """One published count: ``count`` is None when it is hidden, and ``suppressed`` says why."""

    count: int | None
    suppressed: str = ""


@dataclass(frozen=True)
class Row:
    """A group's two counts; ``code`` is the BPS code, the course's slug or YYYY-MM."""

    code: str
    name: str
    enrolled: Cell
    completed: Cell
    month: datetime.date | None = None  # the first day of the month, for month rows


@dataclass(frozen=True)
class KecamatanKelurahan:
    """A kecamatan's row and its kelurahan's rows, which add up to it."""

    kecamatan: Row
    kelurahan: tuple[Row, ...]


@dataclass(frozen=True)
class OpenDataSummary:
    computed_at: datetime.datetime
    total: Row
    kecamatan: tuple[Row, ...]
    kelurahan: tuple[KecamatanKelurahan, ...]
    courses: tuple[Row, ...]
    months: tuple[Row, ...]
    forums: "ForumFigures"  # the forum meetings held (reports.open_data_forums)


def open_data_summary(*, fresh=False):
    """The four tables, from the cache when computed less than an hour ago (``fresh`` computes them anew).

    Older figures are recomputed by the first request that finds them stale; requests arriving
    meanwhile get the stale figures (their date is on the page) rather than computing them too.
    When the cache cannot be reached, django-redis answers as if it held nothing (IGNORE_EXCEPTIONS,
    lms/settings/base.py), and the figures are computed for the request.
    """
    summary = None if fresh else cache.get(CACHE_KEY)
    if not isinstance(summary, OpenDataSummary):
        return _compute_and_keep()
    if timezone.now() - summary.computed_at < datetime.timedelta(seconds=CACHE_SECONDS):
        return summary
    if not cache.add(LOCK_KEY, True, timeout=LOCK_SECONDS):
        return summary  # another process is computing them
    try:
        return _compute_and_keep()
    finally:
        cache.delete(LOCK_KEY)


def _compute_and_keep():
    summary = _compute()
    cache.set(CACHE_KEY, summary, timeout=STALE_KEEP_SECONDS)
    return summary


# --- The CSV (/data/ringkasan.csv) -----------------------------------------------------------------

CSV_HEADINGS = [_("category"), _("code"), _("name"), _("kecamatan"), _("enrolled"), _("completed")]
# The categories are codes for a program reading the file, the same in every language.
CSV_CATEGORY_TOTAL = "jumlah"
CSV_CATEGORY_KECAMATAN = "kecamatan"
CSV_CATEGORY_KELURAHAN = "kelurahan"
CSV_CATEGORY_COURSE = "kursus"
CSV_CATEGORY_MONTH = "bulan"
CSV_MARKS = {PRIMARY: "<5", SECONDARY: "x"}


def open_data_csv_rows(*, summary):
    """The CSV's lines as lists of text: headings, then the total, kecamatan, kelurahan, courses, months.

    A hidden count is "<5" (primary) or "x" (secondary); numbers carry no thousands separator.
    """
    lines = [[str(heading) for heading in CSV_HEADINGS]]
    lines.append(_csv_line(CSV_CATEGORY_TOTAL, summary.total, name=str(_("Total"))))
    lines += [_csv_line(CSV_CATEGORY_KECAMATAN, row) for row in summary.kecamatan]
    for group in summary.kelurahan:
        lines += [_csv_line(CSV_CATEGORY_KELURAHAN, row, kecamatan=group.kecamatan.name) for row in group.kelurahan]
    lines += [_csv_line(CSV_CATEGORY_COURSE, row) for row in summary.courses]
    lines += [
        _csv_line(CSV_CATEGORY_MONTH, row, name=date_format(row.month, "YEAR_MONTH_FORMAT")) for row in summary.months
    ]
    return lines


def _csv_line(category, row, *, name=None, kecamatan=""):
    return [
        category,
        row.code,
        # Course titles are typed by partners: one that a spreadsheet would run stays text.
        spreadsheet_text(row.name if name is None else name),
        spreadsheet_text(kecamatan),
        csv_cell(row.enrolled),
        csv_cell(row.completed),
    ]


def csv_cell(cell):
    return CSV_MARKS[cell.suppressed] if cell.suppressed else str(cell.count)


# --- Computing the figures ------------------------------------------------------------------------


@dataclass(eq=False)
class _Group:
    """A group while its counts are being suppressed (mutable; becomes a Row)."""

    code: str
    name: str
    enrolled: int = 0
    completed: int = 0
    month: datetime.date | None = None
    marks: dict = field(default_factory=dict)

    def row(self):
        return Row(
            code=self.code,
            name=self.name,
            enrolled=self._cell("enrolled"),
            completed=self._cell("completed"),
            month=self.month,
        )

    def _cell(self, measure):
        mark = self.marks.get(measure, "")
        return Cell(count=None if mark else getattr(self, measure), suppressed=mark)


def _residents_enrolments():
    """Enrolments of accounts with a learner profile: residents, not staff trying a course."""
    return Enrolment.objects.filter(user__learner_profile__isnull=False).order_by()


def _compute():
    completed = Count("pk", filter=Q(status=Enrolment.Status.COMPLETED))
    # 1. Per kelurahan and course at once: both tables are sums of these few rows.
    by_place_and_course = list(
        _residents_enrolments()
        .values_list("user__learner_profile__kelurahan_id", "course_id")
        .annotate(enrolled=Count("pk"), completed=completed)
    )
    # 2. Per month of enrolling and month of completing, at once (NULL: not completed); months in WITA.
    zone = timezone.get_default_timezone()
    by_months = list(
        _residents_enrolments()
        .values_list(TruncMonth("enrolled_at", tzinfo=zone), TruncMonth("completed_at", tzinfo=zone))
        .annotate(count=Count("pk"))
    )

    total = _Group(
        code="",
        name="",
        enrolled=sum(row[2] for row in by_place_and_course),
        completed=sum(row[3] for row in by_place_and_course),
    )
    kecamatan, kelurahan_by_kecamatan = _places(by_place_and_course)
    courses = _courses(by_place_and_course)
    months = _months(by_months, zone)

    kelurahan = [child for group in kecamatan for child in kelurahan_by_kecamatan[group.code]]
    sums = [(total, kecamatan), (total, courses), (total, months)]
    sums += [(group, kelurahan_by_kecamatan[group.code]) for group in kecamatan]
    small_counts_suppress([total, *kecamatan, *kelurahan, *courses, *months], sums, MEASURES)
    # Here rather than at the top: the forum figures' module reads this one's Cell.
    from reports.open_data_forums import forum_figures

    now = timezone.now()
    return OpenDataSummary(
        computed_at=now,
        total=total.row(),
        kecamatan=tuple(group.row() for group in kecamatan),
        kelurahan=tuple(
            KecamatanKelurahan(
                kecamatan=group.row(), kelurahan=tuple(child.row() for child in kelurahan_by_kecamatan[group.code])
            )
            for group in kecamatan
        ),
        courses=tuple(group.row() for group in courses),
        months=tuple(group.row() for group in months),
        forums=forum_figures(now=now),
    )


def _places(by_place_and_course):
    """The kecamatan groups (by name) and {kecamatan code: its kelurahan groups (by name)}."""
    kelurahan = {}
    for kelurahan_code, _course_id, enrolled, completed in by_place_and_course:
        group = kelurahan.setdefault(kelurahan_code, _Group(code=kelurahan_code, name=""))
        group.enrolled += enrolled
        group.completed += completed
    kecamatan = {}
    children = {}
    for region in Region.objects.filter(code__in=kelurahan).select_related("parent"):
        group = kelurahan[region.code]
        group.name = region.name
        parent_code, parent_name = (region.parent.code, region.parent.name) if region.parent else ("", "")
        parent = kecamatan.setdefault(parent_code, _Group(code=parent_code, name=parent_name))
        parent.enrolled += group.enrolled
        parent.completed += group.completed
        children.setdefault(parent_code, []).append(group)
    by_name = sorted(kecamatan.values(), key=lambda group: (group.name, group.code))
    return by_name, {code: sorted(groups, key=lambda g: (g.name, g.code)) for code, groups in children.items()}


def _courses(by_place_and_course):
    """A group per course with enrolments, and per live course without any, by title."""
    counts = {}
    for _kelurahan_code, course_id, enrolled, completed in by_place_and_course:
        group = counts.setdefault(course_id, [0, 0])
        group[0] += enrolled
        group[1] += completed
    pages = CoursePage.objects.filter(Q(pk__in=list(counts)) | Q(live=True)).values_list("pk", "slug", "title")
    groups = [
        _Group(code=slug, name=title, enrolled=counts.get(pk, (0, 0))[0], completed=counts.get(pk, (0, 0))[1])
        for pk, slug, title in pages
    ]
    return sorted(groups, key=lambda group: (group.name.casefold(), group.code))


def _months(by_months, zone):
    """A group per month, newest first: the 24 months up to the latest with data, none before the first."""
    enrolled, completed = Counter(), Counter()
    for enrolled_month, completed_month, count in by_months:
        # The truncation gives the WITA midnight that begins the month.
        enrolled[enrolled_month.astimezone(zone).date()] += count
        if completed_month is not None:
            completed[completed_month.astimezone(zone).date()] += count
    with_data = set(enrolled) | set(completed)
    if not with_data:
        return []
    month, first = max(with_data), min(with_data)
    groups = []
    while month >= first and len(groups) < MONTHS_SHOWN:
        groups.append(
            _Group(
                code=month.strftime("%Y-%m"),
                name="",
                enrolled=enrolled[month],
                completed=completed[month],
                month=month,
            )
        )
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return groups
