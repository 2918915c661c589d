"""Form fields for text typed on one line, cleaned by core.text before any validator sees it."""

from django import forms

from core.text import clean_single_line


class SingleLineCharField(forms.CharField):
    """A CharField whose value loses control and formatting characters and is stored as NFC.

    Cleaned before the field's own checks, so a length limit counts what will be stored and a
    NUL is removed instead of refused. Used by our own forms and, through Wagtail's form field
    overrides (lms.apps), by every admin form of a model's CharField.
    """

    def to_python(self, value):
        if isinstance(value, str):
            value = clean_single_line(value)
        return super().to_python(value)
