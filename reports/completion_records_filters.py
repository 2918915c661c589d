"""The completion records report's filters and search.

Choices are scoped like the rows: an NGO member's course, class and organisation filters list only
what their own learners are in, never another organisation's classes. Region choices are the
kecamatan and kelurahan where residents live (public names), cached: reading them from a million
profiles on every page would cost more than the page.
"""

import django_filters
from django import forms
from django.core.cache import cache
from django.db.models import Q
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from accounts.models import LearnerProfile
from accounts.resident_identity import resident_matches
from certificates.models import normalise_certificate_code
from classes.scope import cohorts_visible_to
from courses.models import CoursePage, Enrolment, Topic
from courses.scope import organisations_facilitated_by, reads_every_record
from organisations.models import Organisation
from regions.models import Region
from reports.completion_records import CERTIFICATE_CHOICES, completion_records

REGION_CHOICES_CACHE_SECONDS = 10 * 60
GENDER_NOT_STATED = "-"


def _course_choices(user):
    courses = CoursePage.objects.order_by("title")
    if not reads_every_record(user):
        organisations = organisations_facilitated_by(user)
        courses = courses.filter(
            Q(organisation__in=organisations) | Q(cohorts__organisation__in=organisations)
        ).distinct()
    return [(str(pk), title) for pk, title in courses.values_list("pk", "title")]


def _class_choices(user, data):
    """The classes of the chosen course (or the chosen class alone): every class of the city would
    make a list of thousands. Without a course, the filter asks for one first."""
    cohorts = cohorts_visible_to(user)
    if data.get("course"):
        cohorts = cohorts.filter(course_id=data["course"]) if data["course"].isdigit() else cohorts.none()
    elif data.get("cohort", "").isdigit():
        cohorts = cohorts.filter(pk=data["cohort"])
    else:
        return []
    return [(str(pk), name) for pk, name in cohorts.order_by("name").values_list("pk", "name")]


def _organisation_choices(user):
    organisations = Organisation.objects.all() if reads_every_record(user) else organisations_facilitated_by(user)
    return [(str(pk), name) for pk, name in organisations.order_by("name").values_list("pk", "name")]


def _region_choices():
    """(kecamatan, kelurahan) choices: where residents live, one pass over the profiles, cached."""
    choices = cache.get("reports:region-choices")
    if choices is None:
        codes = LearnerProfile.objects.order_by().values_list("kelurahan_id", flat=True).distinct()
        kelurahan = list(
            Region.objects.filter(code__in=codes)
            .order_by("parent__name", "name")
            .values_list("code", "name", "parent_id", "parent__name")
        )
        kecamatan = sorted({(parent, parent_name) for _c, _n, parent, parent_name in kelurahan}, key=lambda c: c[1])
        choices = (kecamatan, [(code, f"{name} ({parent_name})") for code, name, _parent, parent_name in kelurahan])
        cache.set("reports:region-choices", choices, REGION_CHOICES_CACHE_SECONDS)
    return choices


class Select(forms.Select):
    """Django's <select>, the very same markup, written in one pass.

    The filter drawer holds nine lists, some eighty options: Django writes each option through three
    templates, which made the filter form cost the first page about as much as its rows. Named as
    Django's: Wagtail writes the widget's class name into the field's CSS class (w-field--select).
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        if any(group_name for group_name, _options, _index in widget["optgroups"]):
            return super().render(name, value, attrs, renderer)
        options = format_html_join(
            "",
            '\n  <option value="{}"{}>{}</option>\n',
            (
                (option["value"], flatatt(option["attrs"]), option["label"])
                for _group_name, group, _index in widget["optgroups"]
                for option in group
            ),
        )
        return format_html('<select name="{}"{}>{}\n</select>', widget["name"], flatatt(widget["attrs"]), options)


def _choice_filter(**kwargs):
    return django_filters.ChoiceFilter(widget=Select, **kwargs)


class DatePeriodFilter(django_filters.DateFromToRangeFilter):
    """A period of days as the person typed them, compared with the row's dates in WITA.

    (Django's range filter turns the days into times in the admin user's own time zone, which would
    shift the period by a day for someone who chose another zone than the dates' WITA.)
    """

    def filter(self, qs, value):
        if value and value.start:
            qs = qs.filter(**{f"{self.field_name}__gte": value.start.date()})
        if value and value.stop:
            qs = qs.filter(**{f"{self.field_name}__lte": value.stop.date()})
        return qs


class CompletionRecordFilterSet(WagtailFilterSet):
    course = _choice_filter(label=_("Course"), field_name="course_id", empty_label=_("Any course"))
    topic = _choice_filter(
        label=_("Topic"), field_name="course__topic", choices=Topic.choices, empty_label=_("Any topic")
    )
    organisation = _choice_filter(
        label=_("Organisation"),
        method="filter_organisation",
        empty_label=_("Any organisation"),
    )
    cohort = _choice_filter(
        label=_("Class"),
        field_name="cohort_enrolment__cohort_id",
        empty_label=_("Any class"),
        help_text=_("Choose a course first: the list shows its classes."),
    )
    kecamatan = _choice_filter(
        label=_("Kecamatan"), field_name="user__learner_profile__kelurahan__parent_id", empty_label=_("Any kecamatan")
    )
    kelurahan = _choice_filter(
        label=_("Kelurahan"), field_name="user__learner_profile__kelurahan_id", empty_label=_("Any kelurahan")
    )
    status = _choice_filter(label=_("Status"), choices=Enrolment.Status.choices, empty_label=_("Any status"))
    certificate = _choice_filter(
        label=_("Certificate"),
        field_name="certificate_status",
        choices=CERTIFICATE_CHOICES,
        empty_label=_("Any certificate status"),
    )
    enrolled = DatePeriodFilter(label=_("Enrolled between"), field_name="enrolled_on", widget=DateRangePickerWidget)
    completed = DatePeriodFilter(label=_("Completed between"), field_name="completed_on", widget=DateRangePickerWidget)
    gender = _choice_filter(
        label=_("Gender"),
        choices=[*LearnerProfile.Gender.choices, (GENDER_NOT_STATED, _("Not stated"))],
        method="filter_gender",
        empty_label=_("Any gender"),
    )

    class Meta:
        model = Enrolment
        fields = []

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        # Choices scoped to the person, as plain lists: one small query each, nothing per option.
        user = request.user
        kecamatan, kelurahan = _region_choices()
        for name, choices in [
            ("course", _course_choices(user)),
            ("organisation", _organisation_choices(user)),
            ("cohort", _class_choices(user, data or {})),
            ("kecamatan", kecamatan),
            ("kelurahan", kelurahan),
        ]:
            self.filters[name].extra["choices"] = choices

    def filter_organisation(self, queryset, name, organisation):
        # The organisation that ran the learning: the class's, or for learners without a class the course's.
        return queryset.filter(
            Q(cohort_enrolment__cohort__organisation_id=organisation)
            | Q(cohort_enrolment__isnull=True, course__organisation_id=organisation)
        )

    def filter_gender(self, queryset, name, value):
        if value == GENDER_NOT_STATED:
            return queryset.filter(Q(user__learner_profile__isnull=True) | Q(user__learner_profile__gender=""))
        return queryset.filter(user__learner_profile__gender=value)


def search_completion_records(queryset, query):
    """Rows whose resident's name or e-mail holds the words, whose phone it is (typed in any common form:
    accounts.resident_identity), or whose certificate code is the one given."""
    query = query.strip()
    matches = resident_matches(query, prefix="user__")
    code = normalise_certificate_code(query)
    if len(code) == 10:
        matches |= Q(certificate__code=code)
    return queryset.filter(matches)


class _Viewer:
    """What the filters' scoped choices read from a request, for work done outside one (the export job)."""

    def __init__(self, user):
        self.user = user


def completion_records_filtered(*, viewer, params):
    """The viewer's rows with the filters and search in `params` (a QueryDict, as the report's URL has them)."""
    queryset = completion_records(viewer=viewer)
    filterset = CompletionRecordFilterSet(params, queryset=queryset, request=_Viewer(viewer))
    # A filter that cannot be read gives no rows rather than every row (as on the report's page).
    queryset = filterset.qs if filterset.is_valid() else queryset.none()
    if params.get("q"):
        queryset = search_completion_records(queryset, params["q"])
    return queryset
