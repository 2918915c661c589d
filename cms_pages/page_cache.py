"""Anonymous visitors get public pages straight from the cache.

Most traffic is anonymous residents reading courses on slow phones, and those pages are
the same for every anonymous visitor. This middleware serves them from the cache before
Wagtail routes or renders anything; logged-in residents (who see their own progress)
always get a fresh page.

Publishing, unpublishing, moving or deleting any page bumps a version number that is
part of every key, so all cached pages go stale at once: simple, and right, because a
change to one page can change the lists and menus shown on others.
"""

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse

VERSION_KEY = "page-cache-version"


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def page_cache_invalidate(**kwargs):
    """Make every cached page stale (connected to Wagtail's publishing signals)."""
    cache = page_cache()
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version stored yet (or evicted)
        cache.set(VERSION_KEY, 1, timeout=None)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.excluded_prefixes = tuple(settings.PAGE_CACHE_EXCLUDED_PREFIXES)

    def __call__(self, request):
        if not self._cacheable_request(request):
            return self.get_response(request)
        cache = page_cache()
        version = cache.get(VERSION_KEY, 0)
        key = f"page-response:{version}:{request.LANGUAGE_CODE}:{request.get_full_path()}"
        cached = cache.get(key)
        if cached is not None:
            content, headers = cached
            response = HttpResponse(content)
            # The headers the rest of the stack gave the page (Content-Type, Content-Length,
            # X-Frame-Options ...): a hit skips the middleware listed after this one.
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self._cacheable_response(response):
            cache.set(key, (response.content, list(response.items())), timeout=settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    def _cacheable_request(self, request):
        return (
            settings.PAGE_CACHE_ENABLED
            and request.method in ("GET", "HEAD")
            # Logged in: the page shows the resident's own progress. A pending message
            # ("you have logged out") must be shown, not skipped by a cached page.
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
            and not request.path.startswith(self.excluded_prefixes)
        )

    def _cacheable_response(self, response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.cookies
            and not getattr(response, "streaming", False)
            and "private" not in cache_control
            and "no-store" not in cache_control
            and "no-cache" not in cache_control
        )
