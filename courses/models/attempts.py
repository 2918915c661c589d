"""Quiz attempts: what the resident saw and answered, kept as it was.

An attempt stores a snapshot of the questions and choices shown (with the answer key,
which never leaves the server before submission) and the answers given, so editing the
quiz later never rewrites anyone's past result.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class QuizAttempt(models.Model):
    enrolment = models.ForeignKey("courses.Enrolment", on_delete=models.CASCADE, related_name="quiz_attempts")
    module = models.ForeignKey("courses.ModulePage", on_delete=models.CASCADE, related_name="+")
    number = models.PositiveSmallIntegerField(_("attempt number"))
    # Sent with the quiz form; a submission names its attempt by this token.
    token = models.UUIDField(_("token"), default=uuid.uuid4, unique=True, editable=False)
    questions = models.JSONField(_("questions shown"))
    answers = models.JSONField(_("answers given"), null=True, blank=True)
    score_percent = models.PositiveSmallIntegerField(_("score (%)"), null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "module", "number"], name="attempt_numbers_are_unique"),
            # Reloading the quiz page must not open a second attempt beside an unfinished one.
            models.UniqueConstraint(
                fields=["enrolment", "module"],
                condition=models.Q(submitted_at__isnull=True),
                name="one_open_attempt_per_module",
            ),
            models.CheckConstraint(
                condition=models.Q(submitted_at__isnull=True, answers__isnull=True, score_percent__isnull=True)
                | models.Q(submitted_at__isnull=False, answers__isnull=False, score_percent__isnull=False),
                name="submitted_attempt_has_answers_and_score",
            ),
        ]

    def __str__(self):
        return f"{self.enrolment} · {self.module_id} #{self.number}"

    @property
    def is_submitted(self):
        return self.submitted_at is not None
