"""Participatory budgeting's call-wide screens in the admin, in the "Participation" menu group
(participation.admin_menu, orders 400–419):

- ``budgeting_categories`` (400): the categories a call offers (jalan, drainase, penerangan, …), a snippet
  kept by government staff only (``acts_everywhere``). A category a proposal uses cannot be deleted
  (PROTECT): the delete screen says so instead of a server error.
- ``resident_verification`` (410): kelurahan staff verify residents in person
  (participation.resident_verification_views).
- ``budgeting_voter_list`` (411): the printed voter list of a kelurahan's paper vote
  (participation.budgeting_voter_list_views).

Verifications and their withdrawals are in Wagtail's audit log (``register_log_actions`` below).
"""

from django.db.models import ProtectedError
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy, ngettext
from wagtail import hooks
from wagtail.admin import messages
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets

from participation.admin_menu import PARTICIPATION_MENU_HOOK
from participation.budgeting_voter_list_views import VoterListViewSet
from participation.models import BudgetingCategory
from participation.resident_verification import LOG_VERIFY, LOG_WITHDRAW
from participation.resident_verification_views import ResidentVerificationViewSet
from participation.scope import acts_everywhere


class GovernmentOnlyPermissionPolicy(BasePermissionPolicy):
    """Government staff (and superusers) keep the categories; nobody else sees them in the admin."""

    def user_has_permission(self, user, action):
        return user.is_authenticated and acts_everywhere(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_permission(user, "change"):
            return self.model.objects.none()
        return self.model.objects.all()


budgeting_category_permission_policy = GovernmentOnlyPermissionPolicy(BudgetingCategory)
register_permission_policy(BudgetingCategory, budgeting_category_permission_policy)


class BudgetingCategoryDeleteView(snippets.DeleteView):
    """A category that proposals use cannot be deleted (PROTECT): say so, instead of a server error."""

    @cached_property
    def proposals_count(self):
        return self.object.proposals.count()

    def in_use_message(self):
        return ngettext(
            "“%(category)s” cannot be deleted: %(count)s proposal is in it. Rename it instead, "
            "or take it off the calls that offer it.",
            "“%(category)s” cannot be deleted: %(count)s proposals are in it. Rename it instead, "
            "or take it off the calls that offer it.",
            self.proposals_count,
        ) % {"category": self.object.name, "count": self.proposals_count}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["in_use_message"] = self.in_use_message() if self.proposals_count else ""
        return context

    def form_valid(self, form):
        if self.proposals_count:
            messages.error(self.request, self.in_use_message())
            return redirect(self.get_delete_url())
        try:
            return super().form_valid(form)
        except ProtectedError:  # a proposal sent into it since the count
            self.__dict__.pop("proposals_count", None)
            messages.error(self.request, self.in_use_message())
            return redirect(self.get_delete_url())


class BudgetingCategoryViewSet(snippets.SnippetViewSet):
    model = BudgetingCategory
    icon = "tag"
    menu_label = gettext_lazy("Budgeting categories")
    menu_hook = PARTICIPATION_MENU_HOOK
    menu_order = 400
    url_prefix = "penganggaran-kategori"
    permission_policy = budgeting_category_permission_policy
    copy_view_enabled = False
    inspect_view_enabled = False
    delete_view_class = BudgetingCategoryDeleteView
    delete_template_name = "participation/admin/budgeting_category_delete.html"
    list_display = ["name", "description"]
    search_fields = ["name"]
    ordering = ["name"]


register_snippet(BudgetingCategoryViewSet)


@hooks.register("register_admin_viewset")
def register_budgeting_call_screens():
    return [ResidentVerificationViewSet(), VoterListViewSet()]


@hooks.register("register_log_actions")
def register_resident_verification_log_actions(actions):
    actions.register_action(LOG_VERIFY, gettext_lazy("Verify a resident"), gettext_lazy("Resident verified in person"))
    actions.register_action(
        LOG_WITHDRAW, gettext_lazy("Withdraw a resident's verification"), gettext_lazy("Verification withdrawn")
    )
