"""A cold address is routed with the way to it read in one query (core.page_routing._route_in_one_walk),
with Wagtail's answers: the same page, 404 for what is not live, routes of routable pages, refusals."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from core.page_routing import _route_in_one_walk
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(site_tree):
    return factories.course_page(site_tree["courses"], title="Pengelolaan Sampah")


@pytest.fixture
def module(course):
    return factories.module_page(course, title="Memilah Sampah")


def comparable(result):
    """(page id, args, kwargs) of a route; a routable page's view (in args) as its function, not bound."""
    if result is None:
        return None
    args = tuple(getattr(arg, "__func__", arg) for arg in result[1])
    return (result[0].pk, args, result[2])


def wagtails_route(path):
    """The route as Wagtail's own walk finds ``path``, or None."""
    request = RequestFactory(HTTP_HOST="localhost").get(path)
    return comparable(Page.route_for_request(request, path))


def one_walk_route(path):
    request = RequestFactory(HTTP_HOST="localhost").get(path)
    site = Site.find_for_request(request)
    return comparable(_route_in_one_walk(request, site, [component for component in path.split("/") if component]))


def test_a_cold_course_page_is_routed_without_walking_the_tree(client, site_tree, course):
    assert client.get(course.url).status_code == 200
    factories.course_page(site_tree["courses"], title="Dana Kelurahan")  # a publish: every route is cold
    with CaptureQueriesContext(connection) as queries:
        assert "Pengelolaan Sampah" in client.get(course.url).text
    walked = [query["sql"] for query in queries.captured_queries if '"wagtailcore_page"."slug" =' in query["sql"]]
    assert walked == []
    way = [query["sql"] for query in queries.captured_queries if '"wagtailcore_page"."url_path" IN' in query["sql"]]
    assert len(way) == 1


def test_every_address_routes_as_wagtail_routes_it_or_is_left_to_wagtail(site_tree, course, module):
    unpublished = factories.course_page(site_tree["courses"], title="Belum Terbit")
    unpublished.unpublish()
    addresses = [
        "/",
        "/kursus/",
        course.url,
        f"{course.url}ikuti/",
        module.url,
        f"{module.url}kuis/",
        "/kursus/belum-terbit/",
        "/kursus/tidak-ada/",
        "/tidak-ada/sama-sekali/",
    ]
    for path in addresses:
        ours = one_walk_route(path)
        assert ours is None or ours == wagtails_route(path), path
    # Exactly the pages, not a page's routes or what lies below a routable page (Wagtail walks those).
    assert one_walk_route(course.url) == wagtails_route(course.url) is not None
    assert one_walk_route("/") == wagtails_route("/") is not None
    assert one_walk_route(f"{course.url}ikuti/") is None
    assert one_walk_route(module.url) is None
    assert one_walk_route("/kursus/belum-terbit/") is None


def test_an_unpublished_course_is_not_found(client, course):
    assert client.get(course.url).status_code == 200
    course.unpublish()
    assert client.get(course.url).status_code == 404


def test_a_module_and_the_routes_below_a_course_are_still_served(client, course, module):
    assert client.get(module.url).status_code == 200
    assert client.get(f"{course.url}ikuti/").status_code == 405  # enrolment takes a POST


@pytest.mark.parametrize(
    "restriction_type", [PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD, PageViewRestriction.GROUPS]
)
def test_a_restricted_course_is_refused_right_after_the_restriction_is_added(client, course, restriction_type):
    assert "Pengelolaan Sampah" in client.get(course.url).text
    PageViewRestriction.objects.create(page=course, restriction_type=restriction_type, password="rahasia")
    response = client.get(course.url)
    if restriction_type == PageViewRestriction.LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith("/akun/masuk/")
    else:
        assert response.status_code in (200, 302)
        assert "Ringkasan kursus." not in response.text  # the course's summary is not shown


def test_a_course_below_a_restricted_index_is_refused(client, site_tree, course):
    assert client.get(course.url).status_code == 200
    PageViewRestriction.objects.create(page=site_tree["courses"], restriction_type=PageViewRestriction.LOGIN)
    response = client.get(course.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/masuk/")


def test_an_endless_address_is_left_to_wagtails_walk_which_stops_at_the_first_unknown_slug(client, site_tree):
    """A bot's /a/a/a/…/ would make the one query's list of addresses grow with the square of its length."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/" + "a/" * 1000).status_code == 404
    assert not [query for query in queries.captured_queries if '"wagtailcore_page"."url_path" IN' in query["sql"]]


def test_the_way_is_read_by_slug_which_wagtail_indexes():
    request = RequestFactory(HTTP_HOST="localhost").get("/kursus/")
    with CaptureQueriesContext(connection) as queries:
        _route_in_one_walk(request, Site.find_for_request(request), ["kursus"])
    assert any('"wagtailcore_page"."slug" IN' in query["sql"] for query in queries.captured_queries)
