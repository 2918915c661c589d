"""The learner record in the Wagtail admin: one resident's learning, as the viewer may see it.

Wagtail's admin URLs already turn away anyone without admin access (to the login page). Inside the
admin, people who read no learners at all (authors, content reviewers) are refused before anything is
looked up (Wagtail's "no permission" redirect); those who read some learners get 404 for a resident
none of whose enrolments they may read, the same answer as for an account that does not exist.
"""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from classes.permissions import learner_permission_policy
from privacy import services as privacy_services
from reports.learner_record import learner_record


class LearnerRecordView(PermissionCheckedMixin, WagtailAdminTemplateMixin, View):
    permission_policy = learner_permission_policy
    permission_required = "view"
    template_name = "reports/admin/learner_record.html"
    page_title = _("Learner record")
    header_icon = "user"

    def get(self, request, user_id):
        self.record = learner_record(viewer=request.user, user_id=user_id)
        if self.record is None:
            raise Http404
        # The one place a learner record is opened: after the scope check, before anything is shown.
        privacy_services.learner_record_opened(viewer=request.user, resident_id=self.record.resident.pk)
        return self.render_to_response(self.get_context_data(record=self.record))

    def get_page_subtitle(self):
        return get_user_display_name(self.record.resident)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("learners:index"), "label": _("Learners")},
            {"url": "", "label": self.get_page_subtitle()},
        ]
