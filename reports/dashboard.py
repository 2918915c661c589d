"""The figures of the admin home's dashboard, for one person: what they may read, counted and cached.

Scope: the enrolments the person may read (classes.scope.learners_visible_to): every one for government
staff and superusers, their organisations' learners for NGO facilitators. Nobody else gets figures.

The figures are a few GROUP BY queries whose number does not grow with the data (a million enrolments
give as many queries as ten), and they are cached for ten minutes per scope: everyone who reads every
record shares one entry, and a facilitator's entry is keyed by the organisations they facilitate for,
the very organisations their learners come from. The panel says when its figures were computed.

Only raw numbers and names are cached. Labels in words (months, "Others", genders) are given at
rendering time, in the reader's language (reports.dashboard_panels).
"""

import dataclasses
import datetime
import zoneinfo
from collections import Counter

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from accounts.models import LearnerProfile
from classes.scope import learners_visible_to
from courses.models import CoursePage, Enrolment
from courses.scope import organisations_facilitated_by, reads_every_record
from regions.models import Region

CACHE_SECONDS = 10 * 60
# Bumped whenever the cached classes below change shape, so that no process reads an old entry.
CACHE_VERSION = 1
MONTHS_SHOWN = 12
# The longest lists (courses, kelurahan, kecamatan) show their biggest entries and sum the rest.
TOP_ENTRIES = 15

# Kinds of entries that are not a named course or place; their labels are given when rendering.
NAMED, OTHERS, NOT_KNOWN = "named", "others", "not-known"
NOT_STATED = ""  # the gender of a learner who did not give one, or has no learner profile


@dataclasses.dataclass(frozen=True)
class Entry:
    """One bar: a course, a place or "others", with its count (or the counts behind a rate)."""

    label: str
    value: int
    kind: str = NAMED
    enrolled: int = 0  # for the completion rate per course: its enrolments (value = completions)


@dataclasses.dataclass(frozen=True)
class Month:
    month: datetime.date  # its first day, in WITA
    enrolled: int
    completed: int


@dataclasses.dataclass(frozen=True)
class DashboardScope:
    """Whose learners the figures count: everyone's, or those of the named organisations."""

    every_record: bool
    organisations: tuple[tuple[int, str], ...] = ()  # (id, name), by name

    @property
    def cache_key(self):
        if self.every_record:
            return f"reports:dashboard:v{CACHE_VERSION}:all"
        ids = "-".join(str(pk) for pk in sorted(pk for pk, _name in self.organisations))
        return f"reports:dashboard:v{CACHE_VERSION}:organisations:{ids}"

    @property
    def organisation_names(self):
        return [name for _pk, name in self.organisations]


@dataclasses.dataclass(frozen=True)
class DashboardFigures:
    computed_at: datetime.datetime
    total_enrolments: int
    months: list[Month]
    courses: list[Entry]  # value: completions, enrolled: enrolments
    kecamatan: list[Entry]  # completions
    kelurahan: list[Entry]  # completions
    genders: dict[str, int]  # enrolments per LearnerProfile.Gender value, NOT_STATED included

    @property
    def is_empty(self):
        return self.total_enrolments == 0


def reporting_time_zone():
    """WITA: months are Balikpapan's months, whatever time zone a reader chose for the admin."""
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def dashboard_scope(*, user):
    """The scope of `user`'s figures (the same rule as learners_visible_to), in at most two queries."""
    if reads_every_record(user):
        return DashboardScope(every_record=True)
    organisations = organisations_facilitated_by(user).order_by("name").values_list("pk", "name")
    return DashboardScope(every_record=False, organisations=tuple(organisations))


def dashboard_figures(*, user, scope=None):
    """`user`'s figures, from the cache when someone with the same scope asked in the last ten minutes."""
    scope = scope or dashboard_scope(user=user)
    figures = cache.get(scope.cache_key)
    if figures is None:
        figures = dashboard_figures_compute(enrolments=learners_visible_to(user))
        cache.set(scope.cache_key, figures, CACHE_SECONDS)
    return figures


def dashboard_figures_compute(*, enrolments, now=None):
    """The figures of an Enrolment queryset, in five queries whatever its size."""
    now = now or timezone.now()
    enrolments = enrolments.order_by()
    courses = _courses(enrolments)
    kelurahan, kecamatan, genders = _places_and_genders(enrolments)
    return DashboardFigures(
        computed_at=now,
        total_enrolments=sum(course.enrolled for course in courses),
        months=_months(enrolments, now=now),
        courses=_top(courses),
        kecamatan=kecamatan,
        kelurahan=kelurahan,
        genders=genders,
    )


def month_starts(*, now, count=MONTHS_SHOWN):
    """The first days of the last `count` months up to `now`'s (WITA), oldest first."""
    today = timezone.localtime(now, reporting_time_zone()).date()
    index = today.year * 12 + today.month - 1
    return [datetime.date(i // 12, i % 12 + 1, 1) for i in range(index - count + 1, index + 1)]


def _months(enrolments, *, now):
    """Enrolments per month of enrolled_at and completions per month of completed_at, in one pass.

    One query groups by both months: an enrolment counts once in its enrolment month and once
    in its completion month, when these fall in the window. A few hundred groups at most.
    """
    wita = reporting_time_zone()
    starts = month_starts(now=now)
    window_start = datetime.datetime.combine(starts[0], datetime.time(), tzinfo=wita)
    rows = (
        enrolments.filter(Q(enrolled_at__gte=window_start) | Q(completed_at__gte=window_start))
        .values(
            enrolled_month=TruncMonth("enrolled_at", tzinfo=wita),
            completed_month=TruncMonth("completed_at", tzinfo=wita),
        )
        .annotate(count=Count("pk"))
    )
    enrolled, completed = Counter(), Counter()
    for row in rows:
        if row["enrolled_month"] is not None:
            enrolled[_as_date(row["enrolled_month"], wita)] += row["count"]
        if row["completed_month"] is not None:
            completed[_as_date(row["completed_month"], wita)] += row["count"]
    return [Month(month=start, enrolled=enrolled[start], completed=completed[start]) for start in starts]


def _as_date(value, wita):
    if isinstance(value, datetime.datetime):
        return (timezone.localtime(value, wita) if timezone.is_aware(value) else value).date()
    return value


def _courses(enrolments):
    """Enrolments and completions per course: one GROUP BY, then the few courses' titles."""
    rows = list(
        enrolments.values("course_id").annotate(
            enrolled=Count("pk"), completed=Count("pk", filter=Q(status=Enrolment.Status.COMPLETED))
        )
    )
    titles = dict(CoursePage.objects.filter(pk__in=[row["course_id"] for row in rows]).values_list("pk", "title"))
    return sorted(
        (
            Entry(label=titles.get(row["course_id"], ""), value=row["completed"], enrolled=row["enrolled"])
            for row in rows
        ),
        key=lambda entry: (-entry.enrolled, entry.label),
    )


def _places_and_genders(enrolments):
    """Completions per kelurahan and kecamatan, enrolments per gender: one GROUP BY on the learner's profile.

    Both figures come from the same join to the learner profile, so one query groups by
    (kelurahan, gender); kecamatan are the kelurahan's parents, read with the kelurahan's names.
    A learner without a profile (an account made by hand) counts as "not known" and "not stated".
    """
    rows = list(
        enrolments.values(
            kelurahan_code=F("user__learner_profile__kelurahan_id"), gender=F("user__learner_profile__gender")
        ).annotate(enrolled=Count("pk"), completed=Count("pk", filter=Q(status=Enrolment.Status.COMPLETED)))
    )
    genders = {LearnerProfile.Gender.FEMALE.value: 0, LearnerProfile.Gender.MALE.value: 0, NOT_STATED: 0}
    completions = Counter()
    for row in rows:
        gender = row["gender"] if row["gender"] in genders else NOT_STATED
        genders[gender] += row["enrolled"]
        if row["completed"]:
            completions[row["kelurahan_code"]] += row["completed"]
    not_known = completions.pop(None, 0)
    places = {
        code: (name, district_code, district_name or "")
        for code, name, district_code, district_name in Region.objects.filter(code__in=list(completions)).values_list(
            "code", "name", "parent_id", "parent__name"
        )
    }
    shared_names = Counter(name for name, _district_code, _district_name in places.values())
    by_kelurahan, by_kecamatan, kecamatan_names = Counter(), Counter(), {}
    for code, count in completions.items():
        name, district_code, district_name = places[code]
        # Kelurahan that share a name (in different kecamatan) are told apart by their kecamatan's.
        by_kelurahan[f"{name} ({district_name})" if shared_names[name] > 1 else name] += count
        by_kecamatan[district_code] += count
        kecamatan_names[district_code] = district_name

    def ranked(counts, labels=None):
        entries = [Entry(label=labels[key] if labels else key, value=count) for key, count in counts.items()]
        ordered = _top(sorted(entries, key=lambda entry: (-entry.value, entry.label)))
        return ordered + ([Entry(label="", value=not_known, kind=NOT_KNOWN)] if not_known else [])

    return ranked(by_kelurahan), ranked(by_kecamatan, kecamatan_names), genders


def _top(entries):
    """The first TOP_ENTRIES entries (already in order), the rest summed as one "others" entry."""
    if len(entries) <= TOP_ENTRIES:
        return list(entries)
    rest = entries[TOP_ENTRIES:]
    others = Entry(
        label="",
        value=sum(entry.value for entry in rest),
        kind=OTHERS,
        enrolled=sum(entry.enrolled for entry in rest),
    )
    return [*entries[:TOP_ENTRIES], others]
