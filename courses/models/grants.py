"""The right to run classes of another organisation's course, granted by the course's owner.

An organisation runs classes of its own courses; of another's only while it holds a grant for that
course. A grant is withdrawn, never deleted: who granted and withdrew what, and when, stays on record.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CourseGrantQuerySet(models.QuerySet):
    def active(self):
        return self.filter(withdrawn_at__isnull=True)


class CourseGrant(models.Model):
    """`organisation` may run classes of `course`, which another organisation owns, until withdrawn."""

    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.CASCADE, related_name="grants"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="course_grants",
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CourseGrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("course grant")
        verbose_name_plural = _("course grants")
        ordering = ["-granted_at", "-pk"]
        constraints = [
            # Granting twice at the same moment (two tabs, a double click) leaves one active grant.
            models.UniqueConstraint(
                fields=["course", "organisation"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_active_grant_per_course_and_organisation",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} · {self.course}"

    @property
    def is_active(self):
        return self.withdrawn_at is None
