"""Wagtail's own spreadsheet exports write text cells by the site's rule (core.spreadsheet_cells).

Every "Download CSV" / "Download XLSX" in the admin goes through one method of Wagtail's
SpreadsheetExportMixin, ``preprocess_field_value``: the Learners list (classes.viewsets), and Wagtail's
own reports (site history, aging pages, locked pages, workflows, redirects, form submissions), whose
cells hold page titles and people's names that partners and residents type. Wagtail writes them as
they are, so a name such as ``=HYPERLINK(…)`` would run in the spreadsheet of whoever downloads it.
Wrapping that one method, once at start-up, covers all of them and any listing added later; Wagtail's
report views cannot be reached otherwise without registering a copy of each.

Their CSVs open with a UTF-8 byte-order mark, for the same reason and by the same wrapping (of
``stream_csv``): without it Excel reads the file in the machine's old code page, and a name such as
"Nur’aini" arrives as "Nurâ€™aini" (the data download and the completion records do the same).
"""

import datetime
import functools

from django.template.defaultfilters import yesno
from django.utils import timezone, translation
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from core.spreadsheet_cells import spreadsheet_text

UTF8_BOM = "\ufeff"


def wagtail_exports_make_spreadsheet_safe():
    """Make every Wagtail spreadsheet export write formula-like text with a leading apostrophe, and its
    CSV open with a byte-order mark (idempotent)."""
    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "spreadsheet_safe", False):
        return
    original_stream_csv = SpreadsheetExportMixin.stream_csv

    @functools.wraps(original_stream_csv)
    def stream_csv(self, queryset):
        yield UTF8_BOM
        yield from original_stream_csv(self, queryset)

    SpreadsheetExportMixin.stream_csv = stream_csv

    @functools.wraps(original)
    def preprocess_field_value(self, field, value, export_format):
        # After the view's own preprocessing, which may turn a date, a choice or a related object into text.
        return spreadsheet_text(original(self, field, value, export_format))

    preprocess_field_value.spreadsheet_safe = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value


CSV, XLSX = SpreadsheetExportMixin.FORMAT_CSV, SpreadsheetExportMixin.FORMAT_XLSX


def _wita_minute(value):
    """A time as the completion records' CSV writes dates (2026-12-03), in WITA, to the minute."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def _wita_naive(value):
    """A time for an XLSX cell, which holds no time zone: WITA's wall-clock time (Wagtail writes UTC's)."""
    return timezone.make_naive(value).replace(microsecond=0)


class ExportAsTheScreensReadMixin:
    """For an admin listing's CSV and XLSX (before Wagtail's IndexView): times in WITA, yes or no in words
    rather than True and False, in the language and time zone of the person who asked for the file."""

    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        datetime.datetime: {
            SpreadsheetExportMixin.FORMAT_CSV: _wita_minute,
            SpreadsheetExportMixin.FORMAT_XLSX: _wita_naive,
        },
        bool: {SpreadsheetExportMixin.FORMAT_CSV: yesno, SpreadsheetExportMixin.FORMAT_XLSX: yesno},
    }

    def stream_csv(self, queryset):
        # The CSV is written while it streams, after the view has returned and the person's language and
        # time zone are no longer active: keep them, or the file would mix two languages.
        language, zone = translation.get_language(), timezone.get_current_timezone()
        rows = super().stream_csv(queryset)

        def rows_written():
            with translation.override(language), timezone.override(zone):
                yield from rows

        return rows_written()
