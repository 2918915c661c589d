"""Columns for Wagtail admin listings that more than one app uses."""

from django.utils import timezone
from django.utils.formats import date_format
from wagtail.admin.ui.tables import Column


class DayColumn(Column):
    """A date as people write it (27 November 2026), not "3 days ago"; empty for none."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return date_format(timezone.localtime(value), "DATE_FORMAT") if value else ""
