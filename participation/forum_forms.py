"""The forms of a forum's page: a question or topic for the agenda.

Registering and cancelling are buttons: a form with nothing but its CSRF token needs no Django form.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from participation.feedback_forms import MultiLineCharField
from participation.forum_questions import QUESTION_MIN_LENGTH
from participation.models.forums import QUESTION_MAX_LENGTH


class ForumQuestionForm(forms.Form):
    # Cleaned as Suara Warga's text is (no control or direction-override characters): taken up, it is published.
    text = MultiLineCharField(
        label=_("Your question or topic"),
        min_length=QUESTION_MIN_LENGTH,
        max_length=QUESTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What would you like the forum to discuss? If the organiser takes it up, it is shown on this page "
            "without your name."
        ),
        error_messages={
            "required": _("Write your question or topic."),
            "min_length": _("Write at least %(limit_value)d characters, so that the organiser understands it."),
            "max_length": _("Your question has %(show_value)d characters; at most %(limit_value)d fit."),
        },
    )
