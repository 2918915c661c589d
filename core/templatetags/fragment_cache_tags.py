"""``{% cached_fragment %}``: parts of a page that are the same for everyone, rendered once.

    {% cached_fragment "main-menu" page.id %}{% main_menu %}{% endcached_fragment %}

The block is rendered once per site, language and key until a page is next published (the page
cache's version, see ``core.page_cache.remember``). Only for what every visitor sees alike:
never a form (its CSRF token is the visitor's own) or anything about the logged-in user.
A preview always renders afresh, so that a draft never reaches the cache.

Why the main menu (templates/base.html) keeps this tag, while the lesson body uses Wagtail's
``{% wagtailpagecache %}`` (templates/courses/module_page.html):

- The menu lists the site's top-level pages, so publishing, unpublishing, moving or deleting any of
  them changes it, on every page. ``{% wagtailpagecache %}`` keys a fragment on the one page shown
  (``Page.cache_key``: its id, address and last publishing time) and the site; the lesson body is that
  page's own content (the template adds the version for the images and documents it shows). This tag
  keys on the page cache's version, which every one of those changes bumps (core.apps).
- base.html is also the frame of views that are not pages (/saya/, /akun/..., /data/): there is no
  ``page`` in their context, and ``{% wagtailpagecache %}`` fails without one.
- The menu is on every page, for every visitor: ``remember`` serves it from the process's own memory,
  without a round trip to Redis.
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
