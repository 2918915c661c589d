"""The learning figures panel on the Wagtail admin home, for those who may read learners' records.

Its figures come from reports.dashboard (cached per scope); here they become charts with words in the
reader's language. Each chart is followed by its data table for screen readers (reports.charts).
"""

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from accounts.models import LearnerProfile
from reports.charts import Datum, GroupedBarChart, HorizontalBarChart, format_number
from reports.dashboard import (
    CACHE_SECONDS,
    NOT_KNOWN,
    NOT_STATED,
    OTHERS,
    TOP_ENTRIES,
    dashboard_figures,
)

SPECIAL_LABELS = {OTHERS: _("Others"), NOT_KNOWN: _("Not known")}


class LearningDashboardPanel(Component):
    name = "learning_dashboard"
    template_name = "reports/admin/dashboard_panel.html"
    # Before Wagtail's own panels (moderation 210–220, recent edits 250, locked pages 300).
    order = 90

    class Media:
        css = {"all": ["css/reports-admin.css"]}

    def __init__(self, *, user, scope):
        self.user = user
        self.scope = scope

    def get_context_data(self, parent_context=None):
        figures = dashboard_figures(user=self.user, scope=self.scope)
        return {
            "scope": self.scope,
            "figures": figures,
            "completions": sum(course.value for course in figures.courses),
            "refresh_minutes": CACHE_SECONDS // 60,
            "charts": [] if figures.is_empty else dashboard_charts(figures),
        }


def dashboard_charts(figures):
    return [
        _months_chart(figures),
        _completion_rate_chart(figures),
        _places_chart(
            figures.kecamatan,
            slug="sw-dashboard-kecamatan",
            title=_("Completions per kecamatan"),
            description=_("Completed courses by the kecamatan where the learners live."),
            label_heading=_("Kecamatan"),
        ),
        _places_chart(
            figures.kelurahan,
            slug="sw-dashboard-kelurahan",
            title=_("Completions per kelurahan"),
            description=_(
                "Completed courses by the kelurahan where the learners live: the %(count)s with the most, "
                "then the others together."
            )
            % {"count": TOP_ENTRIES},
            label_heading=_("Kelurahan"),
        ),
        _gender_chart(figures),
    ]


def _label(entry):
    return SPECIAL_LABELS.get(entry.kind, entry.label)


def _months_chart(figures):
    return GroupedBarChart(
        slug="sw-dashboard-months",
        title=_("Enrolments and completions per month"),
        description=_("Enrolments and completions in each of the last %(count)s months (WITA).")
        % {"count": len(figures.months)},
        label_heading=_("Month"),
        series=[_("Enrolments"), _("Completions")],
        data=[Datum(date_format(month.month, "M Y"), (month.enrolled, month.completed)) for month in figures.months],
    )


def _completion_rate_chart(figures):
    return HorizontalBarChart(
        slug="sw-dashboard-courses",
        title=_("Completion rate per course"),
        description=_("The share of each course's enrolments that are completed."),
        label_heading=_("Course"),
        value_heading=_("Completion rate"),
        extra=[_("Completions"), _("Enrolments")],
        percent=True,
        data=[
            Datum(
                _label(course),
                (round(100 * course.value / course.enrolled) if course.enrolled else 0,),
                (format_number(course.value), format_number(course.enrolled)),
            )
            for course in figures.courses
        ],
    )


def _places_chart(entries, *, slug, title, description, label_heading):
    return HorizontalBarChart(
        slug=slug,
        title=title,
        description=description,
        label_heading=label_heading,
        value_heading=_("Completions"),
        data=[Datum(_label(entry), (entry.value,)) for entry in entries],
    )


def _gender_chart(figures):
    labels = {
        LearnerProfile.Gender.FEMALE.value: LearnerProfile.Gender.FEMALE.label,
        LearnerProfile.Gender.MALE.value: LearnerProfile.Gender.MALE.label,
        NOT_STATED: _("Not stated"),
    }
    total = sum(figures.genders.values()) or 1
    return HorizontalBarChart(
        slug="sw-dashboard-gender",
        title=_("Enrolments by gender"),
        description=_("Enrolments by the gender learners gave; giving it is optional."),
        label_heading=_("Gender"),
        value_heading=_("Enrolments"),
        extra=[_("Share")],
        data=[
            Datum(labels[gender], (count,), (format_number(round(100 * count / total), percent=True),))
            for gender, count in figures.genders.items()
        ],
    )
