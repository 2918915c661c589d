"""Quiz questions, kept on the module page through modelcluster.

Being part of the page means a question is drafted, reviewed, versioned and published
together with its lesson. Each choice is a StreamField child, so it carries a stable
id: attempts (next issue) can record which choice a resident picked, and later edits
to the wording never make an old answer point at a different choice.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=300, label=_("answer"))
    is_correct = blocks.BooleanBlock(required=False, label=_("correct"))

    class Meta:
        icon = "tick"
        label = _("Choice")


class QuizQuestion(Orderable):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        TRUE_FALSE = "true_false", _("True or false")

    module = ParentalKey("courses.ModulePage", on_delete=models.CASCADE, related_name="quiz_questions")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SINGLE)
    prompt = models.TextField(_("question"))
    choices = StreamField([("choice", ChoiceBlock())], verbose_name=_("choices"), min_num=2, max_num=8)
    explanation = models.TextField(
        _("explanation"),
        help_text=_("Shown once the resident has submitted the quiz, as the course's review settings allow."),
    )

    panels = [FieldPanel("kind"), FieldPanel("prompt"), FieldPanel("choices"), FieldPanel("explanation")]

    class Meta(Orderable.Meta):
        verbose_name = _("quiz question")
        verbose_name_plural = _("quiz questions")

    def __str__(self):
        return self.prompt

    def clean(self):
        super().clean()
        correct = sum(1 for choice in self.choices if choice.value["is_correct"])
        if self.kind == self.Kind.TRUE_FALSE and len(self.choices) != 2:
            raise ValidationError({"choices": _("A true-or-false question has exactly two choices.")})
        if self.kind in (self.Kind.SINGLE, self.Kind.TRUE_FALSE) and correct != 1:
            raise ValidationError({"choices": _("Mark exactly one choice as correct.")})
        if self.kind == self.Kind.MULTIPLE and correct < 1:
            raise ValidationError({"choices": _("Mark at least one choice as correct.")})
