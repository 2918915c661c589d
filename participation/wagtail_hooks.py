"""participation in the Wagtail admin. Each part registers its own hooks in its module (Wagtail loads
this one, which loads them): Suara Warga's triage in feedback_admin, the kelurahan staff role and its
scope in the page tree in kelurahan_staff_admin, the forum schedules in forum_schedule_admin, a forum
organiser's screens in forum_admin, the kelurahan offices (a snippet) in office_admin; participatory
budgeting's categories, verified residents and voter lists in budgeting_call_admin, the review of proposals
in budgeting_review_admin, paper tallies in budgeting_tally_admin, the winners' follow-up in
budgeting_follow_up_admin."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from participation import (  # noqa: F401
    budgeting_call_admin,
    budgeting_follow_up_admin,
    budgeting_review_admin,
    budgeting_tally_admin,
    feedback_admin,
    forum_admin,
    forum_schedule_admin,
    kelurahan_staff_admin,
    office_admin,
)
from participation.counter_reset import COUNTER_RESET_ACTION
from participation.counter_reset_views import CounterResetViewSet


@hooks.register("register_admin_viewset")
def register_counter_reset():
    """The counter's one-time sign-in codes for phone-only residents (participation.counter_reset)."""
    return CounterResetViewSet()


@hooks.register("register_log_actions")
def register_participation_log_actions(actions):
    """Suara Warga items' history and the kelurahan staff role's, in Wagtail's audit log."""
    actions.register_action("sekolah_warga.feedback_received", _("Send feedback"), _("Feedback received"))
    actions.register_action("sekolah_warga.feedback_status")(feedback_admin.FeedbackStatusLogFormatter)
    actions.register_action("sekolah_warga.feedback_reply", _("Correct the reply"), _("Reply corrected"))
    actions.register_action("sekolah_warga.feedback_publish", _("Publish feedback"), _("Published on Suara Warga"))
    actions.register_action("sekolah_warga.feedback_unpublish", _("Unpublish feedback"), _("Taken off Suara Warga"))
    actions.register_action(
        "sekolah_warga.kelurahan_staff_grant", _("Give the kelurahan staff role"), _("Kelurahan staff role given")
    )
    actions.register_action(
        "sekolah_warga.kelurahan_staff_withdraw",
        _("Withdraw the kelurahan staff role"),
        _("Kelurahan staff role withdrawn"),
    )
    actions.register_action(
        COUNTER_RESET_ACTION, _("Give a sign-in code at the counter"), _("Sign-in code given at the counter")
    )
