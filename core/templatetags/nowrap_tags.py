"""``{{ value|nowrap }}``: a value that must not break across lines, such as a certificate code.

"FNP8-GXFA-FG" broke after its first dash on a phone, and read as two codes. The filter's span works
inside a translated sentence too (``{% blocktranslate with code=certificate.display_code|nowrap %}``);
the class is styled in static/css/site.css.
"""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def nowrap(value):
    return format_html('<span class="nowrap">{}</span>', value)
