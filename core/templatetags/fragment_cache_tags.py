"""``{% cached_fragment %}``: parts of a page that are the same for everyone, rendered once.

    {% cached_fragment "main-menu" page.id %}{% main_menu %}{% endcached_fragment %}

The block is rendered once per site, language and key until a page is next published (the page
cache's version, see ``core.page_cache.remember``). Only for what every visitor sees alike:
never a form (its CSRF token is the visitor's own) or anything about the logged-in user.
A preview always renders afresh, so that a draft never reaches the cache.

The main menu (templates/base.html) and the module page's heading, lesson body and pager
(templates/courses/module_page.html) use this tag: each is kept in the process's own memory under the
page cache's version, which every publish and every image or document change bumps, so no Redis read
is needed per request. (Wagtail's ``{% wagtailpagecache %}``, which the lesson body used before, read
Redis on every page, and fails where there is no ``page``, as in the frames of /saya/ or /akun/.)
"""

import hashlib

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.page_cache import remember, site_key

register = template.Library()


class CachedFragmentNode(template.Node):
    def __init__(self, nodelist, key_parts):
        self.nodelist = nodelist
        self.key_parts = key_parts

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        parts = "\x1f".join(str(part.resolve(context)) for part in self.key_parts)
        key = f"fragment:{site_key(request)}:{get_language()}:{hashlib.sha256(parts.encode()).hexdigest()}"
        return mark_safe(remember(key, lambda: self.nodelist.render(context)))


@register.tag
def cached_fragment(parser, token):
    key_parts = token.split_contents()[1:]
    if not key_parts:
        raise template.TemplateSyntaxError("cached_fragment needs a name for what it caches")
    nodelist = parser.parse(("endcached_fragment",))
    parser.delete_first_token()
    return CachedFragmentNode(nodelist, [parser.compile_filter(part) for part in key_parts])
