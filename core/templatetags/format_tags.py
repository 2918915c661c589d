"""Formats that Django's locale files do not cover: money as residents write it."""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma

register = template.Library()


@register.filter
def rupiah(value):
    """1500000 → "Rp 1.500.000" (the thousands separator follows the active language)."""
    if value in (None, ""):
        return ""
    return f"Rp {intcomma(int(value))}"
