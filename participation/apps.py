from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = _("Participation")

    def ready(self):
        from courses.hooks import register_course_leads_to, register_participation_part
        from participation.dashboard_parts import feedback_part
        from participation.learning_links import budgeting_calls_for_course, forums_for_course

        # What courses asks of the apps above it (courses.hooks): the forums and budgeting calls a
        # course prepares for, on its page, and the resident's participation on their dashboard.
        register_course_leads_to(forums_for_course)
        register_course_leads_to(budgeting_calls_for_course)
        register_participation_part(feedback_part)
