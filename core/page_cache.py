"""Anonymous visitors get public pages straight from the cache; everyone gets cached routes and outlines.

Most traffic is anonymous residents reading courses on slow phones, and those pages are
the same for every anonymous visitor. This middleware serves them from the cache before
Wagtail routes or renders anything; logged-in residents (who see their own progress)
always get a fresh page.

A cached page is keyed on the host (as Wagtail tells sites apart), the language, the path and
only the query parameters listed in PAGE_CACHE_QUERY_PARAMETERS; any other parameter is taken
off the request before the page is rendered, so ``?utm_source=…`` or ``?x=1``, ``?x=2``, …
share one copy instead of each storing their own, and no visitor's made-up parameter can end
up in the copy others are served. Every key expires (PAGE_CACHE_SECONDS), and the middleware
sits above SessionMiddleware: it sees a response after every middleware that might set a
cookie, and keeps none that does.

Publishing, unpublishing, moving or deleting any page bumps a version number that every
copy carries, so all cached pages go stale at once: simple, and right, because a
change to one page can change the lists and menus shown on others.

After a publish the first visitors of a busy page all miss at once: one process renders the page,
and while it does (at most PAGE_CACHE_RENDER_WAIT_SECONDS) the others are served the copy it
replaces, as they would have been a moment earlier (``X-Page-Cache: stale``), or, when there is
none, wait for the new one, rather than each render the same page from a cold start beside it. A
visitor who comes after the render, or when no render is under way, always gets the new page.

The same version also keys what logged-in pages reuse (``remember``): the route from an
address to its page, a module's place in its course, the main menu, and (through
``{% wagtailpagecache %}``, core.context_processors) the rendered lesson body. Those are the same for
every resident; only their own progress is read for each request.

When the shared cache (Redis) cannot be reached, django-redis answers every call as a miss
(``IGNORE_EXCEPTIONS``, lms/settings/base.py): the version is then None, and nothing is served from
or kept in any cache for that request. Pages are computed: slower, not broken.
"""

import hashlib
import logging
import secrets
import time
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponse, QueryDict
from django.http.request import split_domain_port
from wagtail.models import PageViewRestriction

logger = logging.getLogger(__name__)

VERSION_KEY = "page-cache-version"
# The version expires too (every key of the page cache does: see docs/security.md); a new one
# then starts from the clock, and every page is simply computed once more.
VERSION_SECONDS = 7 * 24 * 60 * 60
# The sites' own version (remember_site): a publish leaves it as it is.
SITES_VERSION_KEY = "page-cache-sites-version"


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def page_cache_invalidate(**kwargs):
    """Make every cached page stale (connected to Wagtail's publishing signals).

    Now, and again when the transaction commits: Wagtail sends some of its signals (deleting,
    bulk actions, approving a workflow) inside a transaction, and a request served in between
    would otherwise keep the old rows under the new version.
    """
    _bump_version()
    transaction.on_commit(_bump_version)


def page_cache_invalidate_for_new_alias(sender, instance, created, **kwargs):
    """An alias is live as soon as it is made, without being published (connected to post_save)."""
    if created and getattr(instance, "alias_of_id", None) and getattr(instance, "live", False):
        page_cache_invalidate()


def sites_invalidate(**kwargs):
    """Make every remembered site lookup stale (remember_site): a Site was saved or deleted, or a page
    moved or given a new slug (core.apps). Now and when the transaction commits, as page_cache_invalidate."""
    _bump_version(SITES_VERSION_KEY)
    transaction.on_commit(lambda: _bump_version(SITES_VERSION_KEY))


def _bump_version(key=VERSION_KEY):
    cache = page_cache()
    try:
        version = cache.incr(key)
    except ValueError:  # no version stored yet (or lost with a Redis restart)
        version = _start_version(cache, key)
    if version is None:  # django-redis's answer when Redis cannot be reached (IGNORE_EXCEPTIONS)
        logger.warning(
            "The page cache is unreachable: its version was not bumped, and pages it kept before may be "
            "served until they expire (PAGE_CACHE_SECONDS)"
        )


def _start_version(cache, key=VERSION_KEY):
    """A new version, or None when the cache cannot be reached."""
    # From the clock, not 0: a version never comes back after Redis loses it, so a process's own
    # copies kept under an old version can never be taken for fresh ones.
    cache.add(key, time.time_ns(), timeout=VERSION_SECONDS)
    return cache.get(key)


# Within a request (the middleware below), the versions are read once, together, when first needed:
# {VERSION_KEY: the pages' version, SITES_VERSION_KEY: the sites' version}.
_request_versions = ContextVar("page_cache_request_versions", default=None)


def page_cache_version():
    """The version every key of the page cache carries; None when the shared cache cannot be reached."""
    return _versions()[VERSION_KEY]


def _sites_version():
    """The sites' version (remember_site); None when the shared cache cannot be reached."""
    return _versions()[SITES_VERSION_KEY]


def _versions():
    """Both versions, read in one round trip, once per request."""
    versions = _request_versions.get()
    if versions:
        return versions
    return _request_version(page_cache().get_many([VERSION_KEY, SITES_VERSION_KEY]))


def _request_version(found):
    """The request's versions, given what one round trip found of them (a missing one was not there):
    kept for the rest of the request. A missing version is started, without reading again what the one
    round trip just found missing (with Redis hanging, every call waits for its timeout)."""
    cache = page_cache()
    versions = {VERSION_KEY: found.get(VERSION_KEY), SITES_VERSION_KEY: found.get(SITES_VERSION_KEY)}
    if versions[VERSION_KEY] is None:
        versions[VERSION_KEY] = _start_version(cache)
    if versions[VERSION_KEY] is None:  # the cache cannot be reached: no version for the sites either
        versions[SITES_VERSION_KEY] = None
    elif versions[SITES_VERSION_KEY] is None:
        versions[SITES_VERSION_KEY] = _start_version(cache, SITES_VERSION_KEY)
    kept = _request_versions.get()
    if kept is not None and not kept:
        kept.update(versions)
    return versions


def remember(key, compute):
    """``compute()``'s value, computed once until any page is published, moved or deleted.

    ``key`` names what is computed; the cached value must not depend on who asks, and must
    be picklable. Values are kept for PAGE_CACHE_SECONDS at most; None is not kept.

    Two levels: this process's own memory, then the cache shared by all processes. A value
    never changes under its versioned key, so a copy in this process is as good as the shared
    one, and costs no round trip to Redis (a logged-in page asks for half a dozen values).
    When the shared cache is unreachable the value is computed: slower pages, not broken ones. It is
    not kept in this process either: without the version, a copy could outlive a publish.
    """
    version = page_cache_version()
    if version is None:
        return compute()
    return _remember(f"{key}:v{version}", compute)


def remember_site(key, compute):
    """``remember``, under the sites' own version instead of the pages': for which site answers a host.

    A Site saved or deleted changes that answer (sites_invalidate, core.apps), a publish does not, so it
    outlives publishes: right after one, the first render would otherwise look the site up again (a query, and
    two round trips to Redis for nothing). The site carries its root page, which is read for its place
    in the tree only (path, depth, url_path: core.page_routing); a move or a new slug (of the root or a
    page above it) changes that, and makes the sites stale too. Its content is read afresh (Wagtail routes
    from ``root_page.specific``), and so are its children (the main menu). The sites' version is read with
    the pages' version, in the same round trip, once per request.
    """
    version = _sites_version()
    if version is None:  # the shared cache cannot be reached
        return compute()
    return _remember(f"{key}:s{version}", compute)


def _remember(versioned_key, compute):
    local, shared = caches[settings.PAGE_CACHE_LOCAL_ALIAS], page_cache()
    value = local.get(versioned_key)
    if value is None:
        value = shared.get(versioned_key)
        if value is not None:
            local.set(versioned_key, value, timeout=settings.PAGE_CACHE_SECONDS)
    if value is None:
        value = compute()
        if value is not None:
            shared.set(versioned_key, value, timeout=settings.PAGE_CACHE_SECONDS)
            local.set(versioned_key, value, timeout=settings.PAGE_CACHE_SECONDS)
    return value


def restricted_sections():
    """[(path, depth)] of every page with a view restriction, remembered like routes.

    Wagtail's ``.public()`` reads every view restriction, each with its page's whole row joined, each
    time it is called: four times in a course page's render, and nearly always to find none. Saving
    or deleting a view restriction, and moving a page, make the list stale (core.apps).
    """
    return remember("restricted-sections", _read_restricted_sections)


def _read_restricted_sections():
    return list(PageViewRestriction.objects.order_by("page__path").values_list("page__path", "page__depth"))


def public(pages):
    """``pages.public()`` (Wagtail's: no page in a section with a view restriction), from the remembered
    list of those sections; without any, the query is left as it is."""
    sections = restricted_sections()
    if not sections:
        return pages
    private = Q()
    for path, depth in sections:
        # Wagtail's descendant_of_q(restricted page, inclusive=True).
        private |= Q(path__startswith=path, depth__gte=depth)
    return pages.exclude(private)


class ViewRestrictionsRememberedMixin:
    """For page models: whether a page or its ancestors are private, remembered like routes.

    Wagtail asks on every request (two queries) before serving a page; nearly all pages are
    public. Saving or deleting a view restriction makes the answer stale (core.apps). When no page
    has a view restriction (restricted_sections, read once for all pages) none is asked about.
    """

    def get_view_restrictions(self):
        if self.pk is None:
            return super().get_view_restrictions()
        if not restricted_sections():
            return PageViewRestriction.objects.none()
        if remember(f"view-restricted:{self.pk}", self._has_view_restrictions):
            return super().get_view_restrictions()
        return PageViewRestriction.objects.none()

    def _has_view_restrictions(self):
        return super().get_view_restrictions().exists()


def keep_listed_query_parameters(request):
    """Take every query parameter not in PAGE_CACHE_QUERY_PARAMETERS off ``request``.

    The page is then rendered from exactly what its key holds: the listed parameters, in a fixed
    order (names sorted, each one's values sorted). Links built from the request's address (the
    language switch's ``next``) carry no stranger's ``utm_source`` into the shared copy.
    """
    query_string = request.META.get("QUERY_STRING")
    if not query_string:
        return  # nothing to take off (most visits): the query left unparsed
    if "%" not in query_string and not any(name in query_string for name in settings.PAGE_CACHE_QUERY_PARAMETERS):
        # No listed name anywhere in it, nor an escape that could spell one (a shared link's utm_* and fbclid,
        # half the visits from WhatsApp): all of it goes, without parsing it (three QueryDicts took 0.1 ms).
        request.META["QUERY_STRING"] = ""
        request.GET = QueryDict()
        return
    listed = QueryDict(mutable=True)
    for name in sorted(set(settings.PAGE_CACHE_QUERY_PARAMETERS) & set(request.GET)):
        listed.setlist(name, sorted(request.GET.getlist(name)))
    query = listed.urlencode()
    request.META["QUERY_STRING"] = query
    request.GET = QueryDict(query)


def query_parameters_read(request, *names):
    """Say that the page being rendered reads these of PAGE_CACHE_QUERY_PARAMETERS (and answers an unknown
    value with a redirect). The middleware keeps a copy only when every parameter left on the address was
    read: ``/?kode=1`` on a page that never reads ``kode`` is rendered, but not kept as a copy of its own."""
    request.__dict__.setdefault("_page_cache_parameters_read", set()).update(names)


def site_key(request):
    """The host as Wagtail tells sites apart, for keys: the host name and the server's port.

    get_host() has checked the name against ALLOWED_HOSTS; lower-cased, and without the port the
    visitor typed in the Host header, which ALLOWED_HOSTS lets be anything: keyed on it, every
    port number would make copies of its own.
    """
    hostname, _port = split_domain_port(request.get_host())
    return f"{hostname}:{request.get_port()}"


def page_response_key(request):
    """The cache key of the page an anonymous visitor asked for (after keep_listed_query_parameters).

    Hashed: what a visitor typed never becomes a key as it is. The copy kept under it carries the
    version it was rendered under: a copy of an older version is stale.
    """
    address = "\n".join([site_key(request), request.LANGUAGE_CODE, request.get_full_path()])
    return f"page-response:{hashlib.sha256(address.encode()).hexdigest()}"


# How often a process waiting for another's render of the same page looks for its copy.
RENDER_POLL_SECONDS = 0.005


def _copy_when_rendered(cache, key, rendering_key, version):
    """The copy another process is rendering, once it is kept; None when that process kept none (a page
    that is not kept: an error, a cookie) or did not finish within PAGE_CACHE_RENDER_WAIT_SECONDS (then
    the page is rendered here too: a visitor waits no longer than that for someone else's render)."""
    deadline = time.monotonic() + settings.PAGE_CACHE_RENDER_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(RENDER_POLL_SECONDS)
        found = cache.get_many([key, rendering_key])
        if key in found and found[key][0] == version:
            return found[key]
        if rendering_key not in found:
            return None
    return None


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.excluded_prefixes = tuple(settings.PAGE_CACHE_EXCLUDED_PREFIXES)

    def __call__(self, request):
        token = _request_versions.set({})
        try:
            return self._respond(request)
        finally:
            _request_versions.reset(token)

    def _respond(self, request):
        if not self._cacheable_request(request):
            return self.get_response(request)
        keep_listed_query_parameters(request)
        cache, key = page_cache(), page_response_key(request)
        rendering_key = f"{key}:rendering"
        # One round trip for all a visit needs to know: the version, the copy, and whether another process
        # is rendering the page. Nearly every visit ends here (a hit, or the copy a render under way replaces).
        found = cache.get_many([VERSION_KEY, SITES_VERSION_KEY, key, rendering_key])
        version = _request_version(found)[VERSION_KEY]
        if version is None:  # the shared cache cannot be reached: the page is rendered
            return self.get_response(request)
        cached = found.get(key)
        if cached is not None and cached[0] == version:
            return self._from_copy(cached, "hit")
        # After a publish every visitor of a busy page misses at once. One process renders the page.
        # The others meanwhile get the copy it replaces, as they would have a moment earlier; without
        # one (a page not yet kept) they wait for the new copy rather than render the same page beside it.
        if rendering_key in found:  # another process's mark: no need to try for it
            rendering_here = False
        else:
            # True: this process renders; False: another took the mark meanwhile. None: Redis took no write
            # (django-redis answers an error so): the page is rendered here, no one waited for.
            mark = secrets.token_hex(8)
            rendering_here = cache.add(rendering_key, mark, timeout=settings.PAGE_CACHE_RENDER_WAIT_SECONDS)
        if rendering_here is False:
            if cached is not None:
                return self._from_copy(cached, "stale")
            cached = _copy_when_rendered(cache, key, rendering_key, version)
            if cached is not None:
                return self._from_copy(cached, "hit")
        try:
            response = self.get_response(request)
            if self._cacheable_response(response) and self._parameters_read(request):
                cache.set(
                    key, (version, response.content, list(response.items())), timeout=settings.PAGE_CACHE_SECONDS
                )
                response["X-Page-Cache"] = "miss"
            elif cached is not None:
                # The page is no longer one to keep (unpublished, or it now sets a cookie): the old
                # copy must not be served while others render it.
                cache.delete(key)
        finally:
            # Only this render's own mark: after a render longer than the mark lasts, the mark may be
            # another process's.
            if rendering_here and cache.get(rendering_key) == mark:
                cache.delete(rendering_key)
        return response

    def _from_copy(self, cached, how):
        _version, content, headers = cached
        response = HttpResponse(content)
        # The headers the rest of the stack gave the page (Content-Type, Content-Length,
        # X-Frame-Options ...): a hit skips the middleware listed after this one. Never a
        # cookie: a response that set one was not kept.
        for name, value in headers:
            response[name] = value
        response["X-Page-Cache"] = how
        return response

    def _parameters_read(self, request):
        return set(request.GET) <= request.__dict__.get("_page_cache_parameters_read", set())

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
        # A page that varies on a request header outside the key (Accept, User-Agent ...) would be
        # served to everyone as the first visitor got it. Cookie: only the language cookie matters
        # to an anonymous page, and it is in the key.
        varies_on = {name.strip().lower() for name in response.get("Vary", "").split(",") if name.strip()}
        return (
            response.status_code == 200
            and not response.cookies
            and varies_on <= {"cookie"}
            and not getattr(response, "streaming", False)
            and "private" not in cache_control
            and "no-store" not in cache_control
            and "no-cache" not in cache_control
        )
