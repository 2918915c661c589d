"""Wagtail's own spreadsheet exports write text cells by the site's rule (core.spreadsheet_cells).

Every "Download CSV" / "Download XLSX" in the admin goes through one method of Wagtail's
SpreadsheetExportMixin, ``preprocess_field_value``: the Learners list (classes.viewsets), and Wagtail's
own reports (site history, aging pages, locked pages, workflows, redirects, form submissions), whose
cells hold page titles and people's names that partners and residents type. Wagtail writes them as
they are, so a name such as ``=HYPERLINK(…)`` would run in the spreadsheet of whoever downloads it.
Wrapping that one method, once at start-up, covers all of them and any listing added later; Wagtail's
report views cannot be reached otherwise without registering a copy of each.
"""

import functools

from wagtail.admin.views.mixins import SpreadsheetExportMixin

from core.spreadsheet_cells import spreadsheet_text


def wagtail_exports_make_spreadsheet_safe():
    """Make every Wagtail spreadsheet export write formula-like text with a leading apostrophe (idempotent)."""
    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "spreadsheet_safe", False):
        return

    @functools.wraps(original)
    def preprocess_field_value(self, field, value, export_format):
        # After the view's own preprocessing, which may turn a date, a choice or a related object into text.
        return spreadsheet_text(original(self, field, value, export_format))

    preprocess_field_value.spreadsheet_safe = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
