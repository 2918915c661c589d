from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClassesConfig(AppConfig):
    name = "classes"
    verbose_name = _("Classes")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from classes.attendance import minimum_attendance
        from classes.models import Cohort
        from classes.permissions import cohort_permission_policy, learner_permission_policy
        from classes.selectors import cohort_names_of
        from courses.hooks import register_completion_requirement, register_enrolment_group_finder
        from courses.models import Enrolment

        # Who may see and do what with classes and learners in the admin (classes.scope's rules),
        # registered before anything asks Wagtail's registry for a policy.
        register_permission_policy(Cohort, cohort_permission_policy)
        register_permission_policy(Enrolment, learner_permission_policy)
        # What courses asks of the apps above it (courses.hooks): a class's minimum attendance
        # before a course completes, and the class's name beside the learner's course.
        register_completion_requirement(minimum_attendance)
        register_enrolment_group_finder(cohort_names_of)
