"""The admin side of classes: the classes (kelas), the learners, and what facilitators do for them."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from classes.viewsets import CohortViewSet, LearnerViewSet


@hooks.register("register_admin_viewset")
def register_classes():
    return CohortViewSet("cohorts")


@hooks.register("register_admin_viewset")
def register_learners():
    return LearnerViewSet("learners")


@hooks.register("register_log_actions")
def register_class_log_actions(actions):
    """What facilitators do for their classes and learners, in Wagtail's audit log (a completion they record
    on paper is courses', beside the online one: courses.wagtail_hooks)."""
    actions.register_action("sekolah_warga.roster_import", _("Import roster"), _("Roster imported"))
    actions.register_action(
        "sekolah_warga.invitation_codes_renew", _("Renew invitation codes"), _("Invitation codes renewed")
    )
    actions.register_action("sekolah_warga.quiz_attempts_grant", _("Grant quiz attempts"), _("Quiz attempts granted"))
    actions.register_action(
        "sekolah_warga.password_reset_code", _("Give a password reset code"), _("Password reset code given")
    )
