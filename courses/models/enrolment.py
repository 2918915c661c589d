"""A resident's enrolment in a course and their progress through its modules."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Enrolment(models.Model):
    """One per resident and course: the database refuses a second one.

    The class it is taken in, if any, is classes.CohortEnrolment's to say.
    """

    class Status(models.TextChoices):
        ACTIVE = "active", _("In progress")
        COMPLETED = "completed", _("Completed")

    class Source(models.TextChoices):
        SELF = "self", _("Enrolled themselves")
        CLASS_CODE = "class-code", _("Joined a class with its code")
        ROSTER = "roster", _("Enrolled from a class roster")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("resident"), on_delete=models.CASCADE, related_name="enrolments"
    )
    # PROTECT: completion records must not vanish with a deleted page.
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.PROTECT, related_name="enrolments"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.SELF)
    enrolled_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    # Set when a facilitator recorded a completion done on paper in class ("dicatat fasilitator").
    completion_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("completion recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    completion_note = models.CharField(_("completion note"), max_length=300, blank=True)
    extra_quiz_attempts = models.PositiveSmallIntegerField(
        _("extra quiz attempts"),
        default=0,
        help_text=_("Granted by a facilitator, per module, beyond the course's rule."),
    )

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="one_enrolment_per_resident_and_course"),
            models.CheckConstraint(
                condition=models.Q(status="completed", completed_at__isnull=False)
                | models.Q(status="active", completed_at__isnull=True),
                name="enrolment_completed_has_a_completion_time",
            ),
        ]
        indexes = [
            # The completion records list the newest enrolments first (reports.completion_records).
            models.Index(fields=["enrolled_at", "id"], name="enrolment_enrolled_at"),
        ]

    def __str__(self):
        return f"{self.user} · {self.course_id}"

    @property
    def completion_recorded_by_facilitator(self):
        return self.completion_recorded_by_id is not None


class ModuleProgress(models.Model):
    """Where a resident stands in one module: read, quiz passed, completed."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="module_progress")
    module = models.ForeignKey("courses.ModulePage", on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(_("marked read at"), null=True, blank=True)
    best_score_percent = models.PositiveSmallIntegerField(_("best quiz score (%)"), null=True, blank=True)
    quiz_passed_at = models.DateTimeField(_("quiz passed at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("module progress")
        verbose_name_plural = _("module progress")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "module"], name="one_progress_row_per_enrolment_and_module"),
        ]

    def __str__(self):
        return f"{self.enrolment} · {self.module_id}"
