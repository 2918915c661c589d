"""The site's form renderer, with one template for every form field; fields for text typed on one line."""

from django import forms
from django.forms.renderers import DjangoTemplates

from core.text import clean_single_line


class FormRenderer(DjangoTemplates):
    """Django's renderer (settings.FORM_RENDERER) with our field template: ``{{ form.name.as_field_group }}``.

    core/forms/field.html is the one place for a public form field's markup: label (with "(optional)"
    on an optional field), help text, errors and the control, and the ids that the control's
    ``aria-describedby`` names (Django adds it, with ``aria-invalid`` on an error). The Wagtail admin
    renders its fields with its own templates and never reaches this one.
    """

    field_template_name = "core/forms/field.html"


def without_optional_marker(field):
    """`field`, whose label leaves out "(optional)": the form says elsewhere when it is needed.

    For example one of e-mail and phone is needed, or the current password only for some changes.
    """
    field.optional_marker = False
    return field


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
