"""Certificates in the Wagtail admin: the templates editors design, the template each course uses, and
the certificates issued from them.

Issued certificates are only read here; revoking, re-issuing, retrying a failed issue and the bulk jobs
of a class are the actions in certificates.admin_views, each calling certificates.services. The add,
edit, delete and usage views of a ModelViewSet are not mounted at all: there is nothing to edit.
Every view that takes a certificate's id finds it among those the person may see (404 for any other).
"""

import django_filters
from django.contrib.admin.utils import quote, unquote
from django.db.models import Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, NullIf
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import BooleanColumn, Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from certificates import admin_views
from certificates.models import (
    Certificate,
    CertificateTemplate,
    CertificateVersion,
    CourseCertificateTemplate,
    normalise_certificate_code,
)
from certificates.permissions import (
    VIEW,
    certificate_permission_policy,
    course_certificate_template_permission_policy,
    courses_whose_template_is_chosen_by,
)
from classes.selectors import cohort_name_of
from classes.viewsets import ScopedHistoryView
from core.admin_columns import DayColumn
from core.scoped_views import ScopedObjectMixin
from core.viewsets import UnmountedViewsMixin
from courses.models import CoursePage


def certificates_for_listing(queryset):
    """The certificates with what the listing shows, annotated in the same query: no query per row."""
    current = CertificateVersion.objects.filter(certificate=OuterRef("pk"), superseded_at__isnull=True)
    return (
        queryset.select_related("enrolment__course", "enrolment__cohort_enrolment__cohort", "enrolment__user")
        .annotate(
            # NullIf: an erased holder's snapshot name is blank; the account's ("akun dihapus") is shown.
            current_name=Coalesce(
                NullIf(Subquery(current.values("name")[:1]), Value("")), F("enrolment__user__first_name")
            ),
            current_issued_at=Subquery(current.values("issued_at")[:1]),
        )
        .with_status()
    )


def _visible(request):
    return certificate_permission_policy.instances_user_has_any_permission_for(request.user, [VIEW])


def _courses_with_visible_certificates(request):
    # Only the courses the person has certificates of: a facilitator's filter lists no stranger's course.
    if request is None:
        return CoursePage.objects.none()
    return CoursePage.objects.filter(enrolments__certificate__in=_visible(request)).distinct().order_by("title")


class CertificateFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Certificate.Status.choices, method="filter_status", empty_label=_("Any status")
    )
    course = django_filters.ModelChoiceFilter(
        label=_("Course"), field_name="enrolment__course", queryset=_courses_with_visible_certificates
    )

    class Meta:
        model = Certificate
        fields = []

    def filter_status(self, queryset, name, value):
        return queryset.filter(status=value)


class StatusColumn(Column):
    cell_template_name = "certificates/admin/status_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["status"] = instance.status
        context["label"] = Certificate.Status(instance.status).label
        context["failure_reason"] = instance.failure_reason if instance.status == Certificate.Status.FAILED else ""
        return context


class CertificateIndexView(generic.IndexView):
    def get_base_queryset(self):
        return certificates_for_listing(_visible(self.request)).order_by("-created_at")

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        query = self.search_query.strip()
        code = normalise_certificate_code(query)
        # A name may sit in the current version's snapshot or, before any version exists, on the account.
        by_name = CertificateVersion.objects.filter(superseded_at__isnull=True, name__icontains=query)
        by_code = Q(code__startswith=code) if code else Q(pk__in=[])
        return queryset.filter(
            by_code
            | Exists(by_name.filter(certificate=OuterRef("pk")))
            | Q(enrolment__user__first_name__icontains=query)
        )


class InspectViewWithStatus(generic.InspectView):
    """Wagtail's inspect view reads the certificate through the model's manager: this one brings its status."""

    def get_object(self, queryset=None):
        return get_object_or_404(Certificate.objects.with_status(), pk=unquote(str(self.pk)))


# ScopedObjectMixin first: it checks the certificate found by InspectViewWithStatus against the person.
class CertificateInspectView(ScopedObjectMixin, InspectViewWithStatus):
    template_name = "certificates/admin/certificate_inspect.html"

    def get_page_subtitle(self):
        return self.object.display_code

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        overview = admin_views.certificate_overview_context(self.request, self.object)
        context.update(overview, status_label=Certificate.Status(self.object.status).label)
        return context


class CertificateHistoryView(ScopedHistoryView):
    """The certificate's audit log (revocation, re-issues, retries); its header links back to the certificate."""

    def get_edit_url(self, instance):
        return reverse("issued_certificates:inspect", args=[quote(instance.pk)])

    @cached_property
    def header_buttons(self):
        return [HeaderButton(label=_("Inspect"), url=self.get_edit_url(self.object), icon_name="info-circle")]


class CertificateURLFinder(ModelAdminURLFinder):
    """Audit log entries link to the certificate's inspect page, for those who may see it."""

    edit_url_name = "issued_certificates:inspect"

    def get_edit_url(self, instance):
        if self.user and not certificate_permission_policy.user_has_permission_for_instance(self.user, VIEW, instance):
            return None
        return self.construct_edit_url(instance)


class CertificateViewSet(UnmountedViewsMixin, ModelViewSet):
    """Issued certificates, read-only: government staff see all, facilitators their organisations' learners'."""

    name = "issued_certificates"
    model = Certificate
    icon = "doc-full"
    menu_label = _("Issued certificates")
    url_prefix = "sertifikat"
    permission_policy = certificate_permission_policy
    index_view_class = CertificateIndexView
    inspect_view_class = CertificateInspectView
    history_view_class = CertificateHistoryView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = CertificateFilterSet
    search_fields = ["code"]  # searched by CertificateIndexView.search_queryset (code and name)
    form_fields = []  # never shown: no certificate is edited in the admin
    list_per_page = 50
    url_finder_class = CertificateURLFinder

    # The ModelViewSet views that would change a certificate, or list what uses it: not mounted.
    unmounted_views = {"add", "edit", "delete", "usage"}

    @cached_property
    def list_display(self):
        return [
            TitleColumn(
                "display_code",
                label=_("Code"),
                get_url=lambda certificate: reverse(self.get_url_name("inspect"), args=[quote(certificate.pk)]),
            ),
            Column("current_name", label=_("Name")),
            Column("course", label=_("Course"), accessor="enrolment.course.title"),
            Column("cohort", label=_("Class"), accessor=lambda certificate: cohort_name_of(certificate.enrolment)),
            StatusColumn("status", label=_("Status")),
            DayColumn("current_issued_at", label=_("Issued on"), sort_key="current_issued_at"),
        ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/cabut/", admin_views.revoke, name="revoke"),
            path("<int:pk>/terbitkan-ulang/", admin_views.reissue, name="reissue"),
            path("<int:pk>/coba-lagi/", admin_views.retry, name="retry"),
            path("kelas/<int:cohort_pk>/", admin_views.class_certificates, name="class"),
            path("proses/<int:batch_pk>/", admin_views.batch_progress, name="batch_progress"),
        ]


class CertificateTemplateViewSet(SnippetViewSet):
    """How certificates look; editors need Django's certificate template permissions (or are superusers).

    The preview panel shows the PDF a resident would get, filled with sample data.
    """

    model = CertificateTemplate
    icon = "doc-full-inverse"
    menu_label = _("Certificate templates")
    copy_view_enabled = False
    list_display = ["name", "orientation", BooleanColumn("is_default", label=_("Default template"))]
    search_fields = ["name"]


def course_with_owner(course):
    return _("%(course)s (%(owner)s)") % {"course": course.title, "owner": course.organisation}


class CourseCertificateTemplateForm(WagtailAdminModelForm):
    """One of the courses the person writes, and the template its certificates are printed with."""

    class Meta:
        model = CourseCertificateTemplate
        fields = ["course", "template"]
        help_texts = {
            "course": _("A course your organisation owns."),
            "template": _("A course without a chosen template uses the default template."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        course = self.fields["course"]
        if self.instance.pk:
            # A choice stays with its course: another course gets a choice of its own.
            course.queryset = CoursePage.objects.filter(pk=self.instance.course_id)
            course.disabled = True
        else:
            course.queryset = courses_whose_template_is_chosen_by(self.for_user).filter(
                certificate_template_choice__isnull=True
            )
        course.queryset = course.queryset.select_related("organisation").order_by("title")
        course.label_from_instance = course_with_owner
        self.fields["template"].queryset = CertificateTemplate.objects.order_by("name")


class CourseCertificateTemplateIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            course_certificate_template_permission_policy.instances_user_has_any_permission_for(
                self.request.user, ["view"]
            )
            .select_related("course__organisation", "template")
            .order_by("course__title")
        )


# Found among the choices the person may see (404 for any other), refused (403) where they may only
# see: the listing's scope alone would leave other organisations' choices open to these addresses.
class CourseCertificateTemplateEditView(ScopedObjectMixin, generic.EditView):
    instance_action = "change"


class CourseCertificateTemplateDeleteView(ScopedObjectMixin, generic.DeleteView):
    instance_action = "delete"


class CourseCertificateTemplateHistoryView(ScopedObjectMixin, history.HistoryView):
    # Wagtail shows history to those who may change: those who read the choices read who changed them.
    any_permission_required = ["view"]


class CourseCertificateTemplateViewSet(UnmountedViewsMixin, ModelViewSet):
    """Which template each course's certificates are printed with: chosen by those who write the course."""

    name = "course_certificate_templates"
    model = CourseCertificateTemplate
    icon = "doc-full-inverse"
    url_prefix = "sertifikat-kursus"
    permission_policy = course_certificate_template_permission_policy
    index_view_class = CourseCertificateTemplateIndexView
    edit_view_class = CourseCertificateTemplateEditView
    delete_view_class = CourseCertificateTemplateDeleteView
    history_view_class = CourseCertificateTemplateHistoryView
    copy_view_enabled = False
    inspect_view_enabled = False
    search_fields = ["course__title"]
    list_filter = []

    # Nothing refers to a choice: there is no usage to list.
    unmounted_views = {"usage"}

    list_display = ["course", Column("owner", label=_("Owner"), accessor="course.organisation.name"), "template"]

    def get_form_class(self, for_update=False):
        return CourseCertificateTemplateForm


class CertificatesMenu(SnippetViewSetGroup):
    menu_label = _("Certificates")
    menu_icon = "doc-full"
    menu_order = 270
    items = (CertificateViewSet, CertificateTemplateViewSet, CourseCertificateTemplateViewSet)
