"""Course grants in the Wagtail admin: a course's owner (or government staff) lets another organisation
run classes of it, and withdraws that right.

Only the listing, the form that grants and the page that withdraws are mounted: a grant is never edited
or deleted, so that who could run which course, and when, stays on record. Every view that takes a
grant's id finds it among those the person may see (404 for any other) and refuses to withdraw one of
another owner's courses (403).
"""

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Q, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from core.admin_columns import DayColumn
from core.viewsets import UnmountedViewsMixin
from courses import grant_services
from courses.models import CourseGrant
from courses.permissions import course_grant_permission_policy, grantable_courses
from organisations.models import Organisation


class CourseGrantForm(WagtailAdminModelForm):
    """One of the person's organisation's courses, and another organisation to run its classes."""

    class Meta:
        model = CourseGrant
        fields = ["course", "organisation"]
        help_texts = {
            "course": gettext_lazy("A course your organisation owns."),
            "organisation": gettext_lazy(
                "It may run classes of this course, enrol residents in them and record completions, "
                "until the grant is withdrawn. Its certificates name both organisations."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = (
            grantable_courses(self.for_user).select_related("organisation").order_by("title")
        )
        self.fields["course"].label_from_instance = lambda course: (
            _("%(course)s (%(owner)s)")
            % {
                "course": course.title,
                "owner": course.organisation,
            }
        )
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")

    def validate_unique(self):
        # The rules (not to the owner, one active grant) are the service's, said in its words on saving.
        pass


def _visible(user):
    return course_grant_permission_policy.instances_user_has_any_permission_for(user, ["view"])


class CourseGrantIndexView(generic.IndexView):
    def get_base_queryset(self):
        withdrawable = course_grant_permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["change"]
        )
        return (
            _visible(self.request.user)
            .select_related("course__organisation", "organisation", "granted_by")
            # Which rows get a "Withdraw" link, in the listing's own query.
            .annotate(
                may_withdraw=Case(
                    When(Q(withdrawn_at__isnull=True, pk__in=withdrawable.values("pk")), then=Value(True)),
                    default=Value(False),
                )
            )
        )


class CourseGrantCreateView(generic.CreateView):
    def save_instance(self):
        return grant_services.course_grant(
            course=self.form.cleaned_data["course"],
            organisation=self.form.cleaned_data["organisation"],
            by=self.request.user,
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except grant_services.GrantError as error:
            form.add_error("organisation", str(error))
            # What Wagtail's is_valid() sets for a form in error: the banner above the form.
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)

    def get_success_message(self, instance):
        return _("%(organisation)s may now run classes of %(course)s.") % {
            "organisation": instance.organisation,
            "course": instance.course.title,
        }

    def get_success_buttons(self):
        return []  # there is no edit view to link to


class WithdrawColumn(Column):
    cell_template_name = "courses/admin/course_grant_withdraw_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["may_withdraw"] = instance.may_withdraw
        context["withdraw_url"] = reverse("course_grants:withdraw", args=[quote(instance.pk)])
        return context


def withdraw(request, pk):
    """Confirm, then withdraw: the organisation starts no new class of the course and takes no new learner."""
    grant = get_object_or_404(
        _visible(request.user).select_related("course__organisation", "organisation", "withdrawn_by"), pk=pk
    )
    if not course_grant_permission_policy.user_has_permission_for_instance(request.user, "change", grant):
        raise PermissionDenied
    if request.method == "POST":
        try:
            grant_services.course_grant_withdraw(grant=grant, by=request.user)
        except grant_services.GrantError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("%(organisation)s may no longer run new classes of %(course)s.")
                % {"organisation": grant.organisation, "course": grant.course.title},
            )
        return redirect("course_grants:index")
    title = _("Withdraw course grant")
    context = {
        "page_title": title,
        "page_subtitle": str(grant),
        "header_title": f"{title}: {grant}",
        "header_icon": "key",
        "grant": grant,
    }
    return TemplateResponse(request, "courses/admin/course_grant_withdraw.html", context)


class CourseGrantViewSet(UnmountedViewsMixin, ModelViewSet):
    """Who may run classes of which organisation's course: granted and withdrawn by the course's owner."""

    model = CourseGrant
    icon = "key"
    menu_label = gettext_lazy("Course grants")
    menu_order = 255
    add_to_admin_menu = True
    url_prefix = "hak-kelas"
    permission_policy = course_grant_permission_policy
    index_view_class = CourseGrantIndexView
    add_view_class = CourseGrantCreateView
    copy_view_enabled = False
    inspect_view_enabled = False
    search_fields = ["course__title", "organisation__name"]
    list_filter = []
    ordering = ["-granted_at"]

    # A grant is withdrawn, never edited or deleted: these views are not mounted.
    unmounted_views = {"edit", "delete", "usage", "history"}

    def get_form_class(self, for_update=False):
        return CourseGrantForm

    @cached_property
    def list_display(self):
        return [
            Column("course", label=gettext_lazy("Course"), accessor="course.title"),
            Column("owner", label=gettext_lazy("Owner"), accessor="course.organisation.name"),
            Column("organisation", label=gettext_lazy("Runs its classes"), accessor="organisation.name"),
            Column(
                "granted_by",
                label=gettext_lazy("Granted by"),
                accessor=lambda grant: get_user_display_name(grant.granted_by),
            ),
            DayColumn("granted_at", label=gettext_lazy("Granted on")),
            DayColumn("withdrawn_at", label=gettext_lazy("Withdrawn on")),
            WithdrawColumn("withdraw", label=""),
        ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("<int:pk>/tarik/", withdraw, name="withdraw")]
