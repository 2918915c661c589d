from django.apps import AppConfig


class LmsConfig(AppConfig):
    name = "lms"

    def ready(self):
        from django.db import models
        from wagtail.admin.forms.models import register_form_field_override

        from core.forms import SingleLineCharField
        from core.wagtail_exports import wagtail_exports_make_spreadsheet_safe
        from core.wagtail_titles import wagtail_titles_clean
        from lms import checks  # noqa: F401  (registers the system checks)

        # Every Wagtail admin form of a model's CharField (page titles, classes, organisations,
        # snippets, inline meetings) cleans its text: nothing typed in the admin can carry a
        # bidirectional override or a control character onto a screen or a certificate.
        # exact_class: CharField's subclasses (EmailField, SlugField, URLField) keep their own fields.
        register_form_field_override(models.CharField, override={"form_class": SingleLineCharField}, exact_class=True)
        # Wagtail's own forms (page copy, image and document titles, collections) and its admin API
        # do not go through that override: their titles are cleaned as they are saved.
        models.signals.pre_save.connect(wagtail_titles_clean, dispatch_uid="wagtail_titles_clean")
        # Every Wagtail spreadsheet export (the Learners list, Wagtail's own reports) writes text that a
        # spreadsheet would run as a formula with a leading apostrophe, as our own exports do.
        wagtail_exports_make_spreadsheet_safe()
