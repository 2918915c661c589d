"""Anonymous visitors are served public pages from the cache; publishing makes them fresh."""

import pytest

from cms_pages.page_cache import page_cache
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings):
    settings.PAGE_CACHE_ENABLED = True
    page_cache().clear()
    yield
    page_cache().clear()


def test_second_anonymous_visit_is_served_from_the_cache_without_queries(
    client, site_tree, cached, django_assert_num_queries
):
    factories.course_page(site_tree["courses"], title="Pengelolaan Sampah")
    assert client.get("/kursus/")["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = client.get("/kursus/")
    assert response["X-Page-Cache"] == "hit"
    assert "Pengelolaan Sampah" in response.text


def test_publishing_a_page_refreshes_what_anonymous_visitors_see(client, site_tree, cached):
    course = factories.course_page(site_tree["courses"], title="Pengelolaan Sampah")
    client.get("/kursus/")
    course.title = "Pengelolaan Sampah Rumah Tangga"
    course.save_revision().publish()
    response = client.get("/kursus/")
    assert response["X-Page-Cache"] == "miss"
    assert "Pengelolaan Sampah Rumah Tangga" in response.text


def test_unpublishing_removes_a_course_from_the_cached_list(client, site_tree, cached):
    course = factories.course_page(site_tree["courses"], title="Pengelolaan Sampah")
    client.get("/kursus/")
    course.unpublish()
    assert "Pengelolaan Sampah" not in client.get("/kursus/").text


def test_each_language_has_its_own_cached_page(client, site_tree, cached):
    client.get("/kursus/")
    client.cookies["django_language"] = "en"
    assert "All topics" in client.get("/kursus/").text


def test_logged_in_residents_never_get_a_cached_page(client, site_tree, cached, admin_user):
    client.get("/kursus/")
    client.force_login(admin_user)
    response = client.get("/kursus/")
    assert "X-Page-Cache" not in response


def test_a_pending_message_is_not_skipped_by_the_cache(client, site_tree, cached):
    client.get("/kursus/")
    client.cookies["messages"] = "anything"
    assert "X-Page-Cache" not in client.get("/kursus/")


def test_a_cached_page_keeps_its_security_headers(client, site_tree, cached):
    first = client.get("/kursus/")
    hit = client.get("/kursus/")
    assert hit["X-Page-Cache"] == "hit"
    for header in ("X-Frame-Options", "Content-Type", "Content-Language"):
        assert hit[header] == first[header], header
