"""``{% cached_url %}`` and ``{% cached_static %}``: ``{% url %}`` and ``{% static %}``, worked out once per process.

    {% load cached_url_tags %}
    <link rel="stylesheet" href="{% cached_static 'css/site.css' %}">
    <a href="{% cached_url 'profile:edit' %}">…</a>

Every page's frame (templates/base.html, the footer, the account menu) names the same few addresses
and static files. Reversing them and looking the files up in the static files manifest cost about
0.3 ms CPU a page, some 6 % of a logged-in resident's module page. Their answers change only with
what a process reads once when it starts: the URLconf, the settings and the manifest (Django's
manifest storage reads it once, too). So each answer is kept for the process, under everything a
request may change: the URLconf the request uses, the script prefix (a site served under a sub-path,
SCRIPT_NAME) and the language (no URL here is translated or language-prefixed today; if one ever is,
the key is already right). A test that changes settings empties them (``setting_changed``).

Unlike ``{% url %}`` it passes no ``current_app`` and has no ``as`` form: no application namespace is
mounted twice here, so the instance namespace never changes an address. Only for addresses with a fixed,
small set of arguments (a view name, a language code): each distinct
one is kept, up to ``KEPT`` of them. Anything with an id or other open-ended argument uses ``{% url %}``.
The output is escaped as ``{% url %}`` and ``{% static %}`` escape theirs (``simple_tag``).
"""

from functools import lru_cache

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

register = template.Library()

KEPT = 256


@register.simple_tag
def cached_url(view_name, *args):
    """``{% url view_name *args %}``, reversed once per URLconf, script prefix and language."""
    return _reversed(view_name, args, get_urlconf(), get_script_prefix(), get_language())


@register.simple_tag
def cached_static(path):
    """``{% static path %}``, looked up once per script prefix (a relative STATIC_URL is prefixed with it)."""
    return _static(path, get_script_prefix())


@lru_cache(maxsize=KEPT)
def _reversed(view_name, args, urlconf, script_prefix, language):
    # The last three are only the key: reverse() reads them from the request being answered.
    return reverse(view_name, args=args)


@lru_cache(maxsize=KEPT)
def _static(path, script_prefix):
    return static(path)


@receiver(setting_changed)
def _forget(**kwargs):
    """Settings change only in tests (override_settings): STATIC_URL, STORAGES, DEBUG and ROOT_URLCONF
    all change these answers."""
    _reversed.cache_clear()
    _static.cache_clear()
