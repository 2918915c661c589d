"""Titles of Wagtail's own objects are clean one-line text, however they are saved.

The admin forms of our models clean through the form field override (lms.apps), but Wagtail builds
some forms of its own (copying a page, image and document titles, collections) and its admin API
copies pages from JSON: a ``pre_save`` receiver is the one place all of those pass.
"""

from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Collection, Page

from core.text import clean_single_line

TITLE_FIELDS = [
    (Page, ("title", "draft_title")),
    (AbstractImage, ("title",)),
    (AbstractDocument, ("title",)),
    (Collection, ("name",)),
]


def wagtail_titles_clean(sender, instance, **kwargs):
    """A ``pre_save`` receiver: the instance's title fields as clean one-line text."""
    for model, fields in TITLE_FIELDS:
        if isinstance(instance, model):
            for name in fields:
                value = getattr(instance, name)
                if value:
                    setattr(instance, name, clean_single_line(value))
            return
