from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from wagtail.signals import page_published

        from courses import authoring
        from courses.models import CoursePage
        from organisations.signals import content_review_installed, organisation_groups_installed

        page_published.connect(
            authoring.course_permissions_follow_publishing, sender=CoursePage, dispatch_uid="course-permissions"
        )
        organisation_groups_installed.connect(
            authoring.course_permissions_follow_organisation_groups, dispatch_uid="course-permissions-of-organisation"
        )
        content_review_installed.connect(
            authoring.course_indexes_follow_content_review, dispatch_uid="course-indexes-review"
        )
        self.register_permission_policies()

    def register_permission_policies(self):
        """Who may see and do what with pages and grants in the admin (courses.scope's rules).

        Registered here, at start-up, before anything asks Wagtail's registry for a policy. classes registers
        its own (classes.apps).
        """
        from wagtail.models import Page
        from wagtail.permissions import register_permission_policy

        from courses.models import CourseGrant
        from courses.page_permissions import OrganisationPagePermissionPolicy
        from courses.permissions import course_grant_permission_policy

        register_permission_policy(Page, OrganisationPagePermissionPolicy(Page))
        register_permission_policy(CourseGrant, course_grant_permission_policy)
