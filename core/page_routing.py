"""Wagtail's page serving, with the way from an address to its page cached.

Wagtail finds the site in one query and then the page by walking the tree from the site's
root, one query per level. The site only changes with the sites (a Site, a site's root page, a
move), so it is kept under their own version (``remember_site``): a publish leaves it. The route
only changes when a page is published, moved or deleted (or a site or a view restriction
changes), so it is kept under the page cache's version (``remember``), the page with it: the
page's live content changes only when it is published, which makes the cached copy stale. The
page is still checked to be live, and every ``on_serve_page`` and ``before_serve_page`` hook
(view restrictions among them) still runs: only the walk is skipped.
"""

import copy

from django.conf import settings
from django.http import Http404
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from core.page_cache import remember, remember_site, site_key


def serve(request, path):
    """Wagtail's ``serve`` view, given the site and the page from the cache when they are there."""
    host = site_key(request)
    request._wagtail_site = remember_site(f"site:{host}", lambda: Site.find_for_request(request))
    components = [component for component in path.split("/") if component]
    target = remember(f"route:{host}:{'/'.join(components)}", lambda: _route_target(request, path, components))
    # On a miss, _route_target has already routed this request the usual way.
    if target is not None and not hasattr(request, "_wagtail_route_for_request"):
        page, remaining = target
        try:
            request._wagtail_route_for_request = page.route(request, remaining)
        except Http404:
            request._wagtail_route_for_request = None
    return wagtail_views.serve(request, path)


def _route_target(request, path, components):
    """The page that serves ``path``, and the part of the path that the page routes itself."""
    result = _route_in_one_walk(request, request._wagtail_site, components)
    if result is not None:
        request._wagtail_route_for_request = result
    else:
        result = Page.route_for_request(request, path)
    if result is None:
        return None  # not remembered: unknown addresses must not fill the cache
    page = result[0]
    match = getattr(request, "routable_resolver_match", None)
    if match is not None and (match.args or match.kwargs):
        # A route with parameters (a quiz result's token): any address would make an entry.
        return None
    site_root_path = request._wagtail_site.root_page.url_path
    depth_below_root = len([c for c in page.url_path[len(site_root_path) :].split("/") if c])
    # Kept without the parents the walk left on it (Wagtail's _cached_parent_obj, a chain up to the root),
    # which need not be cached; a copy, as this request goes on with the routed page (no query: reading
    # the page again cost one on every cold route).
    page = copy.copy(page)
    page.__dict__.pop("_cached_parent_obj", None)
    # What is left after the page's own address is one of its routes (a course's "ikuti/", a module's "kuis/").
    return (page, components[depth_below_root:])


# The deepest address routed in one query (a module's quiz is four below the home page); a longer one, which
# no page here has, is left to Wagtail's walk, which stops at the first slug it does not find.
LONGEST_WALK = 8


def _route_in_one_walk(request, site, components):
    """Wagtail's route to the page at exactly this address, with the way there read in one query.

    Wagtail walks from the site's root one level at a time, each a query for the child with the next
    slug and another for its specific page: five queries to a course page, after every publish. The
    pages along the way have url_paths known in advance (the root's url_path and the slugs), so they
    are read at once, checked to be that walk (one page per address, each the child of the one before
    with the slug asked for), and only the last one is read as its specific page. Its own ``route()``
    then answers as in Wagtail's walk (live or 404, a routable page's index route).

    None when the walk could go otherwise, and Wagtail walks: an address below a page (a route such as
    "ikuti/", or no page), a page on the way that routes its children itself (RoutablePageMixin answers
    its routes before its children), two pages at one address, translated roots (i18n), a page that
    is not live (Wagtail answers 404).
    """
    if site is None or getattr(settings, "WAGTAIL_I18N_ENABLED", False) or len(components) > LONGEST_WALK:
        return None
    root = site.root_page
    url_paths = [root.url_path]
    for component in components:
        url_paths.append(f"{url_paths[-1]}{component}/")
    found = {}
    # By slug first: Wagtail indexes the slug, not the url_path (a scan of every page on each cold address).
    for page in Page.objects.filter(slug__in={root.slug, *components}, url_path__in=url_paths):
        if page.url_path in found:
            return None
        found[page.url_path] = page
    way = [found.get(url_path) for url_path in url_paths]
    if None in way or way[0].pk != root.pk:
        return None
    for parent, child, slug in zip(way[:-1], way[1:], components, strict=True):
        if child.slug != slug or child.depth != parent.depth + 1 or not child.path.startswith(parent.path):
            return None
    if any(page.specific_class is None or page.specific_class.route is not Page.route for page in way[:-1]):
        return None
    try:
        return way[-1].specific.route(request, [])
    except Http404:
        return None
