"""What templates need to cache a fragment with Wagtail's ``{% wagtailpagecache %}`` (courses/module_page.html)."""

from django.conf import settings

from core.page_cache import page_cache_version


def page_cache(request):
    """How long a cached fragment lives, and the page cache's version, which makes it stale.

    The version is given as the function: a template calls it only where it uses it, so a page that
    caches nothing costs no cache call. Every key of the page cache expires (docs/security.md):
    ``{% wagtailpagecache %}`` with no time would keep its fragment for ever.
    """
    return {"PAGE_CACHE_SECONDS": settings.PAGE_CACHE_SECONDS, "page_cache_version": page_cache_version}
