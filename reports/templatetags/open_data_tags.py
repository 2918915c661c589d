"""``{{ cell|open_data_cell }}``: a count of the open data page as it is shown, hidden ones as their mark."""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.html import format_html
from django.utils.translation import gettext as _

from core.small_counts import PRIMARY, SECONDARY

register = template.Library()


@register.filter
def open_data_cell(cell):
    """1.234, "<5" for a small count, or "—" (read out as "hidden") for one hidden to protect a small count."""
    if cell.suppressed == PRIMARY:
        return "<5"
    if cell.suppressed == SECONDARY:
        return format_html('<span aria-hidden="true">—</span><span class="visually-hidden">{}</span>', _("hidden"))
    return intcomma(cell.count)
