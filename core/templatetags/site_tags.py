"""The site's own name (``WAGTAIL_SITE_NAME``) for templates, such as the admin's log-in page."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def site_name():
    return settings.WAGTAIL_SITE_NAME
