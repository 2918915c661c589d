"""Reports in the Wagtail admin: the completion records, the learner record and the home dashboard."""

from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from classes.permissions import learner_permission_policy
from reports import completion_records_views
from reports.completion_records_views import CompletionRecordsReportView
from reports.dashboard import dashboard_scope
from reports.dashboard_panels import LearningDashboardPanel
from reports.learner_record_views import LearnerRecordView

# --- Completion records report and its exports (reports.completion_records_views) ---------------


@hooks.register("register_admin_urls")
def register_completion_records_urls():
    return [
        path("laporan/kelulusan/", CompletionRecordsReportView.as_view(), name="reports_completion_records"),
        path(
            "laporan/kelulusan/hasil/",
            CompletionRecordsReportView.as_view(results_only=True),
            name="reports_completion_records_results",
        ),
        path("laporan/ekspor/<int:pk>/", completion_records_views.export_progress, name="reports_export"),
        path(
            "laporan/ekspor/<int:pk>/unduh/",
            completion_records_views.export_download,
            name="reports_export_download",
        ),
    ]


class CompletionRecordsMenuItem(MenuItem):
    def is_shown(self, request):
        return learner_permission_policy.user_has_permission(request.user, "view")


@hooks.register("register_reports_menu_item")
def register_completion_records_menu_item():
    return CompletionRecordsMenuItem(
        _("Completion records"), reverse_lazy("reports_completion_records"), icon_name="list-ul", order=50
    )


# --- Learner record (reports.learner_record_views) ----------------------------------------------


@hooks.register("register_admin_urls")
def register_learner_record_urls():
    return [path("laporan/warga/<int:user_id>/", LearnerRecordView.as_view(), name="reports_learner_record")]


# --- Dashboard on the admin home (reports.dashboard_panels) -------------------------------------


@hooks.register("construct_homepage_panels")
def add_learning_dashboard_panel(request, panels):
    """Learners' figures for those who may read learners' records; authors and reviewers get none."""
    if learner_permission_policy.user_has_permission(request.user, "view"):
        panels.append(LearningDashboardPanel(user=request.user, scope=dashboard_scope(user=request.user)))
