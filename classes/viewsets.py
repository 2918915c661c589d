"""Classes (kelas) in the Wagtail admin, for facilitators and, read-only, for government staff.

Every view that takes a class's id finds it among the classes the person may see (404 for any
other), and refuses changes to those they may only see (403): the listing's scope alone would
leave the edit, delete, history and usage URLs open to other organisations' ids.
"""

import datetime

from django import forms
from django.db.models import Count, F, QuerySet, Value
from django.db.models.functions import Coalesce
from django.template.defaultfilters import yesno
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from accounts.forms import KelurahanField
from accounts.resident_identity import resident_matches
from accounts.signals import resident_records_exported
from accounts.validators import phone_national
from classes import admin_views
from classes.attendance_views import attendance_admin_urls
from classes.models import Cohort
from classes.permissions import cohort_permission_policy, learner_permission_policy
from classes.services import cohort_completions_refresh
from core.scoped_views import ScopedObjectMixin
from core.wagtail_exports import ExportAsTheScreensReadMixin
from courses.models import CoursePage, Enrolment
from courses.scope import courses_runnable_by, may_run_course, organisations_facilitated_by
from organisations.models import FACILITATOR_ROLES, Organisation

# What a screen shows for a field left empty.
EMPTY = "—"


class CohortForm(WagtailAdminModelForm):
    """A facilitator plans classes for their own organisations, with their own facilitators."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        organisations = Organisation.objects.all() if user.is_superuser else organisations_facilitated_by(user)
        self.fields["organisation"].queryset = organisations
        # Published courses the organisations own or were granted (courses.scope); a class keeps its
        # course in the list after a grant is withdrawn, so that its other fields can still be changed.
        courses = CoursePage.objects.live() if user.is_superuser else courses_runnable_by(organisations).live()
        if self.instance.course_id:
            courses = courses | CoursePage.objects.filter(pk=self.instance.course_id)
        self.fields["course"].queryset = courses.order_by("title")
        self.fields["facilitators"].queryset = (
            self.fields["facilitators"]
            .queryset.filter(memberships__organisation__in=organisations, memberships__role__in=FACILITATOR_ROLES)
            .distinct()
            .order_by("first_name", "username")
        )
        self.fields["facilitators"].label_from_instance = get_user_display_name
        self.fields["kelurahan"] = KelurahanField(
            label=_("Kelurahan"),
            empty_label=_("Choose the class's kelurahan"),
            help_text=_("Where the class meets, or whose residents it is for."),
            error_messages={"invalid_choice": _("Choose a kelurahan from the list.")},
        )

    def clean(self):
        cleaned = super().clean()
        course = cleaned.get("course")
        if (
            self.instance.pk
            and course
            and course.pk != self.instance.course_id
            and self.instance.cohort_enrolments.exists()
        ):
            self.add_error("course", _("This class has learners in its course: the course cannot change any more."))
        organisation = cleaned.get("organisation")
        if course and organisation:
            # A class makes certificates in the course's owner's name: a new class, or a class given
            # another course or organisation, needs the owner's grant. Unchanged, it keeps running.
            moved = (course.pk, organisation.pk) != (self.instance.course_id, self.instance.organisation_id)
            if moved and not may_run_course(organisation=organisation, course=course):
                self.add_error(
                    "course",
                    _(
                        "%(organisation)s may not run classes of this course: it belongs to %(owner)s, "
                        "who has not granted it."
                    )
                    % {"organisation": organisation, "owner": course.organisation},
                )
        facilitators = cleaned.get("facilitators")
        if organisation and facilitators:
            outsiders = [
                get_user_display_name(user)
                for user in facilitators
                if not user.memberships.filter(organisation=organisation, role__in=FACILITATOR_ROLES).exists()
            ]
            if outsiders:
                self.add_error(
                    "facilitators",
                    _("Not facilitators of %(organisation)s: %(names)s.")
                    % {"organisation": organisation, "names": ", ".join(outsiders)},
                )
        return cleaned


class CohortIndexView(generic.IndexView):
    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        # A class's name opens its page (roster, meetings, check-in QR, progress), where a facilitator
        # works; Wagtail's default is the edit form, which is one action there. (Wagtail builds the
        # listing's first column here; the column keeps its buttons.)
        column_class = self._get_title_column_class(column_class)

        def class_page_url(instance):
            return self.get_inspect_url(instance) or self.get_edit_url(instance)

        return self._get_custom_column(field_name, column_class, get_url=class_page_url, **kwargs)

    def get_base_queryset(self):
        return (
            cohort_permission_policy.instances_user_has_any_permission_for(self.request.user, ["view"])
            .select_related("course", "organisation", "kelurahan")
            .annotate(learner_count=Count("cohort_enrolments"))
            .order_by("-starts_on", "name")
        )


class ScopedEditView(ScopedObjectMixin, generic.EditView):
    instance_action = "change"

    def save_instance(self):
        instance = super().save_instance()
        if isinstance(instance, Cohort):
            # A lower attendance minimum, or fewer meetings, may complete learners who were waiting.
            cohort_completions_refresh(cohort=instance)
        return instance


class ScopedDeleteView(ScopedObjectMixin, generic.DeleteView):
    instance_action = "delete"


class CohortInspectView(ScopedObjectMixin, generic.InspectView):
    template_name = "classes/admin/cohort_inspect.html"
    page_title = _("Class page")

    def get_edit_url(self):
        # Only for those who may change this class: government staff read it, and see no Edit.
        if cohort_permission_policy.user_has_permission_for_instance(self.request.user, "change", self.object):
            return super().get_edit_url()
        return None

    @cached_property
    def header_buttons(self):
        # Editing is an action of the class page, in plain sight rather than in the "…" menu.
        if edit_url := self.get_edit_url():
            return [Button(_("Edit class"), url=edit_url, icon_name="edit", priority=10)]
        return []

    @cached_property
    def header_more_buttons(self):
        return [button for button in super().header_more_buttons if button.url != self.get_edit_url()]

    def get_breadcrumbs_items(self):
        # Wagtail links the class's name to its form; here the name is this page's own.
        edit_url = self.get_edit_url()
        return [item for item in super().get_breadcrumbs_items() if not (edit_url and item["url"] == edit_url)]

    def get_field_display_value(self, field_name, field):
        # Wagtail shows the Python value as it is: True, None, a time in UTC.
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return EMPTY
        if isinstance(value, bool):
            return yesno(value)  # Django's own words: "ya" or "tidak"
        if isinstance(value, datetime.datetime):
            # The template's |localize formats the time it is given: in WITA only once made local.
            return timezone.localtime(value)
        return value

    def get_facilitators_display_value(self):
        facilitators = self.object.facilitators.order_by("first_name", "username")
        return ", ".join(get_user_display_name(user) for user in facilitators) or EMPTY

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(admin_views.cohort_overview_context(self.request, self.object))
        return context


class ScopedHistoryView(ScopedObjectMixin, history.HistoryView):
    # Wagtail shows history to those who may change: here those who read records read it too
    # (the audit log of rosters, attempts and paper completions is what they check).
    any_permission_required = ["view"]


class ScopedUsageView(ScopedObjectMixin, usage.UsageView):
    permission_required = "view"


class CohortViewSet(ModelViewSet):
    model = Cohort
    icon = "group"
    menu_label = _("Classes")
    menu_order = 250
    add_to_admin_menu = True
    url_prefix = "kelas"
    permission_policy = cohort_permission_policy
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = CohortIndexView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    inspect_view_class = CohortInspectView
    # Listed rather than all of them: check_in_secret signs the QR check-in codes, and whoever reads it
    # can forge attendance. A field added to the model shows here only once someone adds it to this list.
    # The enrolment code is left out: the page shows it above, big, beside the join link and QR code.
    inspect_view_fields = [
        "id",
        "name",
        "course",
        "organisation",
        "kelurahan",
        "mode",
        "starts_on",
        "ends_on",
        "capacity",
        "enrolment_open",
        "min_attendance_percent",
        "created_at",
        "facilitators",
    ]
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    list_display = [
        "name",
        "course",
        "organisation",
        "kelurahan",
        "starts_on",
        Column("learner_count", label=_("Learners"), accessor="learner_count"),
    ]
    # No filter by organisation: its choices would list every organisation to every facilitator.
    list_filter = ["mode"]
    search_fields = ["name"]
    ordering = ["-starts_on"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("course"),
            FieldPanel("organisation"),
            FieldPanel("facilitators", widget=forms.CheckboxSelectMultiple),
            FieldPanel("kelurahan"),
            FieldPanel("mode"),
            FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
            MultiFieldPanel(
                [FieldPanel("capacity"), FieldPanel("enrolment_open"), FieldPanel("min_attendance_percent")],
                heading=_("Enrolment and completion"),
            ),
            InlinePanel("sessions", heading=_("Meetings"), label=_("Meeting")),
        ],
        base_form_class=CohortForm,
    )

    def get_urlpatterns(self):
        return (
            super().get_urlpatterns()
            + attendance_admin_urls
            + [
                path("<int:pk>/peserta/unggah/", admin_views.roster_upload, name="roster_upload"),
                path("<int:pk>/peserta/templat.csv", admin_views.roster_template, name="roster_template"),
                path("<int:pk>/peserta/kode-undangan/", admin_views.invitation_codes, name="invitation_codes"),
                path("<int:pk>/kemajuan/", admin_views.progress, name="progress"),
                path("<int:pk>/kemajuan.csv", admin_views.progress_csv, name="progress_csv"),
                path(
                    "<int:pk>/peserta/<int:enrolment_id>/percobaan/",
                    admin_views.grant_quiz_attempt,
                    name="grant_quiz_attempt",
                ),
                path(
                    "<int:pk>/peserta/<int:enrolment_id>/selesai/",
                    admin_views.record_paper_completion,
                    name="record_paper_completion",
                ),
                path(
                    "<int:pk>/peserta/<int:enrolment_id>/tautan-sandi/",
                    admin_views.password_reset_link,
                    name="password_reset_link",
                ),
            ]
        )


# --- Learners ------------------------------------------------------------------------------------------


def _with_class_name(enrolments):
    """The learners with their class's name, empty for those learning on their own (a column of the list)."""
    return enrolments.annotate(cohort_name=Coalesce(F("cohort_enrolment__cohort__name"), Value("")))


class LearnerIndexView(ExportAsTheScreensReadMixin, generic.IndexView):
    # Exports read as the admin's screens do (ExportAsTheScreensReadMixin: times in WITA, yes or no in words).
    # Phones as residents write them, 0812 3456 7890: stored as +62…, which a spreadsheet reads as a formula.
    # (Text that would run as a formula gets a leading apostrophe in every Wagtail export: core.wagtail_exports.)
    custom_field_preprocess = {
        "user.phone": {generic.IndexView.FORMAT_CSV: phone_national, generic.IndexView.FORMAT_XLSX: phone_national},
    }

    def get_base_queryset(self):
        return _with_class_name(
            learner_permission_policy.instances_user_has_any_permission_for(self.request.user, ["view"])
        ).select_related("user", "course", "completion_recorded_by")

    def search_queryset(self, queryset):
        """A learner by name, e-mail, or phone number typed in any common form (0812-3456-7890, +62 812…):
        Wagtail's own search compares the text as typed with the stored +62…, and finds nobody."""
        if not self.is_searching:
            return queryset
        return queryset.filter(resident_matches(self.search_query, prefix="user__"))

    def as_spreadsheet(self, queryset, spreadsheet_format):
        # An export reads the residents' records: each one in it sees it in their data download.
        if not isinstance(queryset, QuerySet):  # search results
            queryset = _with_class_name(Enrolment.objects.filter(pk__in=[enrolment.pk for enrolment in queryset]))
        resident_records_exported.send(sender=type(self), viewer=self.request.user, rows=queryset)
        return super().as_spreadsheet(queryset, spreadsheet_format)


class LearnerViewSet(ModelViewSet):
    """Every learner an organisation answers for (its classes', and the class-less ones of its courses),
    read-only, with CSV and XLSX export. Government staff see every learner."""

    model = Enrolment
    icon = "user"
    menu_label = _("Learners")
    menu_order = 260
    add_to_admin_menu = True
    url_prefix = "peserta"
    permission_policy = learner_permission_policy
    index_view_class = LearnerIndexView
    # The policy refuses every change; these find the learner in the person's scope first.
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    copy_view_enabled = False
    # No filter by class or course: their choices would list other organisations' classes.
    list_filter = ["status", "source"]
    search_fields = ["user__first_name", "user__email", "user__phone"]
    list_display = [
        # The learner record (reports) tells everything about the resident, for those who may read it.
        TitleColumn(
            "learner",
            label=_("Learner"),
            accessor="user.first_name",
            get_url=lambda enrolment: reverse("reports_learner_record", args=[enrolment.user_id]),
        ),
        "course",
        Column("cohort", label=_("Class"), accessor="cohort_name", sort_key="cohort_enrolment__cohort"),
        "status",
        Column(
            "recorded",
            label=_("Completion recorded by facilitator"),
            # By name; empty when the learner completed online (Wagtail's helper gives "" for nobody).
            accessor=lambda enrolment: get_user_display_name(enrolment.completion_recorded_by),
        ),
        "enrolled_at",
        "completed_at",
    ]
    # The account number beside the name: two learners of the same name are two people. (The contact is
    # written whole here, as the facilitator's work needs it: the completion records write it masked.)
    list_export = [
        "user.first_name",
        "user_id",
        "user.email",
        "user.phone",
        "course.title",
        "cohort_name",
        "get_status_display",
        "completion_recorded_by_facilitator",
        "enrolled_at",
        "completed_at",
    ]
    export_headings = {
        "user.first_name": _("Learner"),
        "user_id": _("Account no."),
        "user.email": _("E-mail"),
        "user.phone": _("Phone"),
        "course.title": _("Course"),
        "cohort_name": _("Class"),
        "get_status_display": _("Status"),
        "completion_recorded_by_facilitator": _("Completion recorded by facilitator"),
        "enrolled_at": _("Enrolled at"),
        "completed_at": _("Completed at"),
    }
    export_filename = "peserta"
    ordering = ["-enrolled_at"]
    form_fields = []  # never shown: the policy refuses every change
