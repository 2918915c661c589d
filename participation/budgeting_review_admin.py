"""The review of budgeting proposals in the admin: "Participation → Budget proposals" (Usulan anggaran).

Kelurahan staff review the proposals located in their kelurahan, government staff every one
(participation.budgeting_review). The group's members hold no Django permission on proposals: who may
open these screens is the review's own rule (``ProposalReviewPermissionPolicy``), read from the same
assignments as every other participation screen (participation.scope). A proposal is never added or
deleted here (residents write them; a hidden one stays, with its reason), so only the listing, the review
(the edit view) and the history are mounted.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from core.viewsets import UnmountedViewsMixin
from organisations.models import GOVERNMENT_STAFF_GROUP
from participation.admin_menu import PARTICIPATION_MENU_HOOK
from participation.budgeting_review import (
    LOG_FEASIBLE,
    LOG_HIDDEN,
    LOG_MERGED,
    LOG_NOT_FEASIBLE,
    may_review,
    proposals_reviewable_by,
)
from participation.budgeting_review_forms import ProposalReviewForm
from participation.budgeting_review_views import (
    ProposalHistoryView,
    ProposalReviewFilterSet,
    ProposalReviewIndexView,
    ProposalReviewView,
    review_columns,
)
from participation.models import Proposal
from participation.scope import may_act_in

# The review's screens: seeing a proposal and reviewing it go together.
ACTIONS = frozenset({"view", "change"})


class ProposalReviewPermissionPolicy(BasePermissionPolicy):
    """view and change: whoever reviews somewhere (participation.budgeting_review.may_review), on the
    proposals located where they act. add and delete: nobody."""

    def user_has_permission(self, user, action):
        return action in ACTIONS and user.is_active and may_review(user)

    def users_with_any_permission(self, actions):
        if not ACTIONS & set(actions):
            return get_user_model().objects.none()
        # Superusers, government staff, and kelurahan staff with an assignment in force.
        return (
            get_user_model()
            .objects.filter(
                Q(is_superuser=True)
                | Q(groups__name=GOVERNMENT_STAFF_GROUP)
                | Q(kelurahan_assignments__isnull=False, kelurahan_assignments__withdrawn_at__isnull=True),
                is_active=True,
            )
            .distinct()
        )

    def user_has_permission_for_instance(self, user, action, instance):
        # kelurahan_id is the kelurahan's BPS code: no query for the proposal's kelurahan.
        return self.user_has_permission(user, action) and may_act_in(user, instance.kelurahan_id)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return Proposal.objects.none()
        return proposals_reviewable_by(user)


proposal_review_permission_policy = ProposalReviewPermissionPolicy(Proposal)
# Before anything asks Wagtail's registry for the policy (the menu, the history, the URL finder).
register_permission_policy(Proposal, proposal_review_permission_policy)


class ProposalReviewViewSet(UnmountedViewsMixin, ModelViewSet):
    name = "budgeting_review"
    model = Proposal
    icon = "tasks"
    menu_label = gettext_lazy("Budget proposals")
    menu_hook = PARTICIPATION_MENU_HOOK
    menu_order = 420
    url_prefix = "usulan-anggaran"
    permission_policy = proposal_review_permission_policy
    unmounted_views = {"add", "delete", "usage"}
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = ProposalReviewIndexView
    edit_view_class = ProposalReviewView
    history_view_class = ProposalHistoryView
    filterset_class = ProposalReviewFilterSet
    search_fields = ["title"]  # searched by ProposalReviewIndexView.search_queryset (title and description)
    list_per_page = 50

    @cached_property
    def list_display(self):
        return review_columns(self.get_url_name)

    def get_form_class(self, for_update=False):
        return ProposalReviewForm


@hooks.register("register_admin_viewset")
def register_budgeting_review():
    return ProposalReviewViewSet()


class ProposalReviewLogFormatter(LogFormatter):
    """An outcome in the proposal's history, with what it came with (the cost, the reason, the target)."""

    def format_message(self, log_entry):
        data = log_entry.data or {}
        if log_entry.action == LOG_FEASIBLE:
            cost = number_format(data.get("reviewed_cost") or 0, decimal_pos=0, force_grouping=True)
            return _("Reviewed as feasible, at Rp %(cost)s") % {"cost": cost}
        if log_entry.action == LOG_NOT_FEASIBLE:
            return _("Reviewed as not feasible: %(reason)s") % {"reason": data.get("reason", "")}
        if log_entry.action == LOG_MERGED:
            return _("Merged into “%(title)s” (#%(pk)s)") % {
                "title": data.get("merged_into_title", ""),
                "pk": data.get("merged_into", ""),
            }
        return _("Hidden: %(reason)s") % {"reason": data.get("reason", "")}


class FeasibleLogFormatter(ProposalReviewLogFormatter):
    label = gettext_lazy("Review a proposal as feasible")


class NotFeasibleLogFormatter(ProposalReviewLogFormatter):
    label = gettext_lazy("Review a proposal as not feasible")


class MergedLogFormatter(ProposalReviewLogFormatter):
    label = gettext_lazy("Merge a proposal into another")


class HiddenLogFormatter(ProposalReviewLogFormatter):
    label = gettext_lazy("Hide a proposal")


@hooks.register("register_log_actions")
def register_budgeting_review_log_actions(actions):
    """Each outcome of a proposal's review, in Wagtail's audit log (the proposal's history)."""
    actions.register_action(LOG_FEASIBLE)(FeasibleLogFormatter)
    actions.register_action(LOG_NOT_FEASIBLE)(NotFeasibleLogFormatter)
    actions.register_action(LOG_MERGED)(MergedLogFormatter)
    actions.register_action(LOG_HIDDEN)(HiddenLogFormatter)
