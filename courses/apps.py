from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from wagtail.signals import page_published

        from courses.models import CoursePage
        from organisations.services import course_permissions_follow_publishing

        page_published.connect(
            course_permissions_follow_publishing, sender=CoursePage, dispatch_uid="course-permissions"
        )
