"""participation in the Wagtail admin. Each part registers its own hooks in its module (Wagtail loads
this one, which loads them): Suara Warga's triage in feedback_admin, the kelurahan staff role and its
scope in the page tree in kelurahan_staff_admin, the forum schedules in forum_schedule_admin, a forum
organiser's screens in forum_admin."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from participation import feedback_admin, forum_admin, forum_schedule_admin, kelurahan_staff_admin  # noqa: F401


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
