"""The follow-up of budgeting winners in the admin: its screens (participation.budgeting_follow_up_views) in the
"Participation" menu, and its line in a proposal's history."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from participation.budgeting_follow_up import LOG_UPDATE_ADD
from participation.budgeting_follow_up_views import BudgetingFollowUpViewSet


@hooks.register("register_admin_viewset")
def register_budgeting_follow_up():
    return BudgetingFollowUpViewSet()


@hooks.register("register_log_actions")
def register_budgeting_follow_up_log_actions(actions):
    actions.register_action(
        LOG_UPDATE_ADD, _("Add a follow-up update"), _("Follow-up update added to a winning proposal")
    )
