"""Speed-ups that lean on what Wagtail, Django or django-redis do not promise: no upgrade switches them off unseen.

Each speed-up below relies on a private attribute or on how a library calls its own code. An upgrade
that changes either breaks nothing a visitor would notice: pages are just slower again, query by
query. These tests fail then, and say which of our modules relies on what. Each test's docstring
names the upgrade that would trip it; when one fails, read the library's change and adapt the module
named, or drop the speed-up.

Covered elsewhere: core.page_routing does not remember addresses with route parameters (a quiz result's
token), which it tells from ``request.routable_resolver_match`` (set by Wagtail's RoutablePageMixin);
tests/pages/test_shared_page_parts.py::test_a_quiz_result_address_leaves_nothing_in_the_cache fails if
Wagtail stops setting it.
"""

import pytest
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents.models import Document
from wagtail.models import Page, Site

from courses.services import enrolment_create
from tests import factories


def test_wagtail_takes_the_site_a_request_carries(rf):
    """Trips on a Wagtail upgrade whose ``Site.find_for_request`` no longer reads ``request._wagtail_site``.

    core.page_routing looks the site up in the page cache and hands it to Wagtail through that private
    attribute; Wagtail would otherwise query the sites table on every request.
    """
    request = rf.get("/kursus/")
    site = object()
    request._wagtail_site = site
    assert Site.find_for_request(request) is site, (
        "core.page_routing gives Wagtail the cached site as request._wagtail_site, "
        "and Site.find_for_request no longer reads it: every page looks its site up again"
    )


def test_wagtail_takes_the_route_a_request_carries(rf):
    """Trips on a Wagtail upgrade whose ``Page.route_for_request`` (used by ``wagtail.views.serve``) no longer
    reads ``request._wagtail_route_for_request``.

    core.page_routing finds the page for an address in the page cache and hands Wagtail the route through
    that private attribute; Wagtail would otherwise walk the page tree, one query per level.
    """
    request = rf.get("/kursus/pengelolaan-sampah/memilah-sampah/")
    route = object()
    request._wagtail_route_for_request = route
    assert Page.route_for_request(request, request.path) is route, (
        "core.page_routing gives Wagtail the cached route as request._wagtail_route_for_request, "
        "and Page.route_for_request no longer reads it: every page walks the tree again"
    )


def test_django_redis_keeps_one_client_per_process(settings):
    """Trips on a django-redis upgrade that builds a Redis client for every call, as Django's own Redis
    backend does.

    Building a ``redis.Redis`` costs more than a cache call (it fills a table of ~170 response
    callbacks) and a logged-in page makes about ten: core/redis_cache.py reused one client per pool
    until django-redis, which keeps its clients (lms/settings/base.py), replaced it.
    """
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # never reached: a client connects on its first command
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        },
    }
    client = caches["default"].client
    assert client.get_client(write=False) is client.get_client(write=True) is client.get_client(write=False), (
        "django-redis builds a new Redis client for each call: lms/settings/base.py relies on it keeping one"
    )


# --- A lesson a logged-in resident reads again: only their own rows are read ----------------------------


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


@pytest.fixture
def lesson_queries(client, site_tree):
    """The queries of a module page read twice by an enrolled resident: (the first time, the second time).

    Its lesson links a document, which costs a query each time the lesson is rendered.
    """
    course = factories.course_page(site_tree["courses"], title="Pengelolaan Sampah")
    document = Document.objects.create(title="Formulir", file=ContentFile(b"%PDF-1.4", name="formulir.pdf"))
    module = factories.module_page(
        course, title="Memilah Sampah", body=[("document", {"document": document, "title": ""})]
    )
    resident = factories.resident()
    enrolment_create(user=resident, course=course)
    client.force_login(resident)
    first = _queries(client, module.url)
    return first, _queries(client, module.url)


def _reading(queries, table):
    return [sql for sql in queries if f'"{table}"' in sql]


@pytest.mark.django_db
def test_a_lesson_read_again_reads_only_the_residents_own_rows(lesson_queries):
    """Trips on any upgrade that switches one of the speed-ups below off; they say which."""
    first, again = lesson_queries
    own = ("accounts_user", "courses_enrolment", "courses_moduleprogress", "courses_quizattempt")
    others = [sql for sql in again if not any(f'FROM "{table}"' in sql for table in own)]
    assert not others, "read again, the lesson still queries more than the resident's own rows:\n" + "\n".join(others)
    assert len(again) < len(first)


@pytest.mark.django_db
def test_a_lesson_read_again_looks_up_no_site(lesson_queries):
    """Trips on a Wagtail upgrade that renames ``request._wagtail_site`` (see above): core.page_routing."""
    assert _reading(lesson_queries[0], "wagtailcore_site")  # the first time, the site is looked up
    assert not _reading(lesson_queries[1], "wagtailcore_site"), "core.page_routing's cached site is not used"


@pytest.mark.django_db
def test_a_lesson_read_again_walks_no_page_tree(lesson_queries):
    """Trips on a Wagtail upgrade that renames ``request._wagtail_route_for_request`` (see above):
    core.page_routing. The main menu (core/templatetags/fragment_cache_tags.py), read from the page
    table as well, is cached too."""
    assert _reading(lesson_queries[0], "wagtailcore_page")
    walked = [sql for sql in lesson_queries[1] if 'FROM "wagtailcore_page"' in sql]
    assert not walked, "core.page_routing's cached route is not used:\n" + "\n".join(walked)


@pytest.mark.django_db
def test_a_lesson_read_again_asks_for_no_view_restrictions(lesson_queries):
    """Trips on a Wagtail upgrade whose ``before_serve_page`` check (wagtail/wagtail_hooks.py,
    ``check_view_restrictions``) no longer asks the page's ``get_view_restrictions()``, which
    core.page_cache.ViewRestrictionsRememberedMixin answers from the cache (two queries a page)."""
    assert _reading(lesson_queries[0], "wagtailcore_pageviewrestriction")
    asked = _reading(lesson_queries[1], "wagtailcore_pageviewrestriction")
    assert not asked, "core.page_cache.ViewRestrictionsRememberedMixin is bypassed:\n" + "\n".join(asked)


@pytest.mark.django_db
def test_a_lesson_read_again_is_not_rendered_again(lesson_queries):
    """The lesson body (templates/courses/module_page.html) is kept by our ``{% cached_fragment %}``
    under the page cache's version: a second reading renders nothing again. (It guarded Wagtail's
    ``{% wagtailpagecache %}`` while the lesson body used it.)"""
    assert _reading(lesson_queries[0], "wagtaildocs_document")  # rendering the lesson reads its document
    assert not _reading(lesson_queries[1], "wagtaildocs_document"), "the lesson body was rendered again"
