from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from wagtail.signals import page_published

        from courses.models import CoursePage
        from organisations.services import course_permissions_sync

        def course_published(sender, instance, **kwargs):
            # The organisation is the live page's: it changes when a course is published.
            course_permissions_sync(instance)

        page_published.connect(course_published, sender=CoursePage, weak=False, dispatch_uid="course-permissions")
