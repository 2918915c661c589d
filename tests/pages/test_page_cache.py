"""Anonymous visitors are served public pages from the cache; publishing makes them fresh."""

import time

import pytest
from django.http import HttpResponse
from django.urls import include, path
from wagtail.models import PageViewRestriction

from core.page_cache import VERSION_SECONDS, page_cache
from tests import factories

pytestmark = pytest.mark.django_db


def page_started_a_session(request):
    """A page whose view starts a session for an anonymous visitor (the session cookie comes later)."""
    request.session["dilihat"] = True
    return HttpResponse("SESI-BARU")


# The site, plus that page (the test that needs it uses this module as its URLconf).
urlpatterns = [path("sesi/", page_started_a_session), path("", include("lms.urls"))]


def cached_pages():
    """The pages the cache holds (LocMemCache's own table: the tests' caches are in memory)."""
    return [key for key in page_cache()._cache if "page-response:" in key]


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


def test_made_up_query_parameters_are_served_from_one_cached_page(
    client, site_tree, cached, django_assert_num_queries
):
    factories.course_page(site_tree["courses"], title="Pengelolaan Sampah")
    assert client.get("/kursus/?x=1")["X-Page-Cache"] == "miss"
    for query in ("x=2", "utm_source=a", "fbclid=b&utm_campaign=c"):
        with django_assert_num_queries(0):
            response = client.get(f"/kursus/?{query}")
        assert response["X-Page-Cache"] == "hit", query
        assert "Pengelolaan Sampah" in response.text
    assert client.get("/kursus/")["X-Page-Cache"] == "hit"
    assert len(cached_pages()) == 1


def test_a_made_up_parameter_never_reaches_the_page_others_are_served(client, site_tree, cached):
    first = client.get("/kursus/?utm_source=RACUN")
    # Rendered without it: the language switch's link back is the plain address.
    assert "RACUN" not in first.text
    assert "next=/kursus/" in first.text
    later = client.get("/kursus/")
    assert later["X-Page-Cache"] == "hit"
    assert "RACUN" not in later.text


def test_a_topic_has_its_own_cached_page_with_the_filtered_list(client, site_tree, cached):
    factories.course_page(site_tree["courses"], title="Pengelolaan Sampah", topic="lingkungan")
    factories.course_page(site_tree["courses"], title="Dana Kelurahan", topic="anggaran")
    assert "Dana Kelurahan" in client.get("/kursus/").text

    response = client.get("/kursus/?topik=lingkungan")
    assert response["X-Page-Cache"] == "miss"
    assert "Pengelolaan Sampah" in response.text
    assert "Dana Kelurahan" not in response.text

    again = client.get("/kursus/?utm_source=wa&topik=lingkungan")
    assert again["X-Page-Cache"] == "hit"
    assert "Dana Kelurahan" not in again.text
    assert "Dana Kelurahan" in client.get("/kursus/").text
    assert len(cached_pages()) == 2


def test_made_up_topics_leave_nothing_in_the_cache(client, site_tree, cached):
    for number in range(3):
        assert client.get(f"/kursus/?topik=palsu-{number}").status_code == 302
    assert cached_pages() == []


def test_a_listed_parameter_on_a_page_that_does_not_read_it_leaves_nothing_in_the_cache(client, site_tree, cached):
    """?topik= and ?kode= are kept on every address (PAGE_CACHE_QUERY_PARAMETERS), but only the pages that
    read them are kept per value: /?kode=1, /?kode=2 … are rendered, never stored."""
    for number in range(3):
        response = client.get(f"/?kode={number}&topik=lingkungan")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
    assert cached_pages() == []

    client.get("/")
    assert client.get("/?utm_source=wa")["X-Page-Cache"] == "hit"  # the plain page is still kept


def test_each_host_has_its_own_cached_page(client, site_tree, cached):
    assert client.get("/kursus/", HTTP_HOST="testserver")["X-Page-Cache"] == "miss"
    assert client.get("/kursus/", HTTP_HOST="localhost")["X-Page-Cache"] == "miss"
    assert client.get("/kursus/", HTTP_HOST="localhost")["X-Page-Cache"] == "hit"
    # A port typed into the Host header is not another site (Wagtail goes by the server's port).
    assert client.get("/kursus/", HTTP_HOST="localhost:4321")["X-Page-Cache"] == "hit"
    assert len(cached_pages()) == 2


def test_ports_typed_into_the_host_header_add_nothing_to_the_cache(client, site_tree, cached):
    """Nor when the visitor skips the cached page (any "messages" cookie does): routes and menus are per site."""
    client.cookies["messages"] = "apa-saja"
    client.get("/kursus/", HTTP_HOST="localhost:1")
    keys = set(page_cache()._cache)
    for port in (2, 3, 4):
        assert client.get("/kursus/", HTTP_HOST=f"localhost:{port}").status_code == 200
    assert set(page_cache()._cache) == keys


def test_a_host_outside_allowed_hosts_is_refused_even_when_the_page_is_cached(client, site_tree, cached):
    client.get("/kursus/")
    response = client.get("/kursus/", HTTP_HOST="penipu.example")
    assert response.status_code == 400
    assert "X-Page-Cache" not in response


def test_a_page_with_a_form_and_its_csrf_cookie_is_never_cached(client, site_tree, cached):
    page = factories.standard_page(site_tree["home"], title="Catatan Rapat", intro="RAHASIA")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="sandi")
    for _visit in range(2):
        client.cookies.clear()
        response = client.get(page.url)
        assert response.status_code == 200
        assert "csrftoken" in response.cookies
        assert "X-Page-Cache" not in response
    assert cached_pages() == []


def test_a_page_that_starts_a_session_is_never_cached(client, site_tree, cached, settings):
    settings.ROOT_URLCONF = __name__
    first = client.get("/sesi/")
    assert settings.SESSION_COOKIE_NAME in first.cookies
    assert "X-Page-Cache" not in first
    client.cookies.clear()
    assert "X-Page-Cache" not in client.get("/sesi/")
    assert cached_pages() == []


def test_a_cached_page_gets_its_own_request_id_and_the_policy(client, site_tree, cached):
    first = client.get("/kursus/")
    hit = client.get("/kursus/")
    assert hit["X-Page-Cache"] == "hit"
    assert hit["X-Request-ID"] and hit["X-Request-ID"] != first["X-Request-ID"]
    assert "Content-Security-Policy" in hit


def test_every_key_of_the_page_cache_expires(client, site_tree, cached, settings):
    client.get("/kursus/")
    client.get("/kursus/?topik=lingkungan")
    # LocMemCache's own table of expiry times: the tests' caches are in memory.
    expiry_times = page_cache()._expire_info
    assert len(cached_pages()) == 2
    latest = time.time() + max(settings.PAGE_CACHE_SECONDS, VERSION_SECONDS)
    assert expiry_times and all(expires is not None and expires <= latest for expires in expiry_times.values())
    for key in cached_pages():
        assert expiry_times[key] <= time.time() + settings.PAGE_CACHE_SECONDS


# --- One render after a publish: the other visitors get the copy it replaces, or wait for the new one


def _the_kept_copy():
    """The one page the cache holds: its key (as the middleware names it) and its copy."""
    [stored_key] = cached_pages()
    key = stored_key.split(":", 2)[2]  # LocMemCache's stored key is "<prefix>:<version>:<key>"
    return key, page_cache().get(key)


def _no_copy_while_another_process_renders(client, site_tree):
    """The course list kept once, then gone while another process renders it: its key and the copy it had."""
    factories.course_page(site_tree["courses"], title="Pengelolaan Sampah")
    client.get("/kursus/")
    key, copy = _the_kept_copy()
    page_cache().delete(key)
    page_cache().add(f"{key}:rendering", 1)
    return key, copy


def test_a_visitor_whose_page_another_process_is_rendering_gets_its_copy_without_rendering(
    client, site_tree, cached, monkeypatch, django_assert_num_queries
):
    # Another process has just begun to render the page ...
    key, copy = _no_copy_while_another_process_renders(client, site_tree)
    # ... and keeps its copy while this visitor waits.
    monkeypatch.setattr("core.page_cache.time.sleep", lambda seconds: page_cache().set(key, copy))

    with django_assert_num_queries(0):
        response = client.get("/kursus/")
    assert response["X-Page-Cache"] == "hit"
    assert "Pengelolaan Sampah" in response.text


def test_when_the_other_render_keeps_no_copy_the_waiting_visitor_gets_the_page_rendered(
    client, site_tree, cached, monkeypatch
):
    key, _copy = _no_copy_while_another_process_renders(client, site_tree)
    # The other process finishes without a copy (its page was not one to keep).
    monkeypatch.setattr("core.page_cache.time.sleep", lambda seconds: page_cache().delete(f"{key}:rendering"))

    response = client.get("/kursus/")
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss"
    assert "Pengelolaan Sampah" in response.text


def test_a_render_that_never_ends_keeps_a_visitor_waiting_no_longer_than_the_limit(
    client, site_tree, cached, monkeypatch, settings
):
    _no_copy_while_another_process_renders(client, site_tree)  # a worker that died while rendering: its mark stays
    clock = [1000.0]
    monkeypatch.setattr("core.page_cache.time.monotonic", lambda: clock[0])
    monkeypatch.setattr("core.page_cache.time.sleep", lambda seconds: clock.__setitem__(0, clock[0] + seconds))

    response = client.get("/kursus/")
    assert response.status_code == 200
    assert "Pengelolaan Sampah" in response.text
    assert clock[0] - 1000.0 >= settings.PAGE_CACHE_RENDER_WAIT_SECONDS


def test_the_render_mark_is_taken_off_once_the_page_is_rendered(client, site_tree, cached):
    factories.course_page(site_tree["courses"], title="Pengelolaan Sampah")
    client.get("/kursus/")
    assert not [key for key in page_cache()._cache if key.endswith(":rendering")]


def _publish_a_change_while_another_process_renders_it(client, site_tree):
    """The course index kept, a course's new title published, and the first visitor after the publish
    (another process) rendering the index; returns the index's key."""
    course = factories.course_page(site_tree["courses"], title="Pengelolaan Sampah")
    client.get("/kursus/")
    key, _copy = _the_kept_copy()
    course.title = "Pengelolaan Sampah Rumah Tangga"
    course.save_revision().publish()
    page_cache().add(f"{key}:rendering", 1)
    return key


def test_while_another_process_renders_a_published_change_a_visitor_gets_the_copy_it_replaces(
    client, site_tree, cached
):
    key = _publish_a_change_while_another_process_renders_it(client, site_tree)

    response = client.get("/kursus/")
    assert response["X-Page-Cache"] == "stale"
    assert "Pengelolaan Sampah Rumah Tangga" not in response.text

    page_cache().delete(f"{key}:rendering")  # that render is over
    response = client.get("/kursus/")
    assert response["X-Page-Cache"] in {"miss", "hit"}
    assert "Pengelolaan Sampah Rumah Tangga" in response.text


def test_a_page_unpublished_loses_its_old_copy_so_no_visitor_is_served_it_again(client, site_tree, cached):
    course = factories.course_page(site_tree["courses"], title="Pengelolaan Sampah")
    assert client.get(course.url).status_code == 200
    assert cached_pages()
    course.unpublish()

    assert client.get(course.url).status_code == 404
    assert not cached_pages()


def test_when_redis_takes_no_write_the_page_is_rendered_here_rather_than_served_stale(
    client, site_tree, cached, monkeypatch
):
    course = factories.course_page(site_tree["courses"], title="Pengelolaan Sampah")
    client.get("/kursus/")
    course.title = "Pengelolaan Sampah Rumah Tangga"
    course.save_revision().publish()
    monkeypatch.setattr(page_cache(), "add", lambda *args, **kwargs: None)  # django-redis's answer on an error

    response = client.get("/kursus/")
    assert "Pengelolaan Sampah Rumah Tangga" in response.text


def _count_cache_calls(monkeypatch):
    """The calls this process makes to the page cache from now on (each is a round trip to Redis). Only the
    outer one: the tests' LocMemCache answers get_many() with a get() per key."""
    calls, cache, inside = [], page_cache(), []

    def counted(name, method):
        def call(*args, **kwargs):
            if not inside:
                calls.append(name)
            inside.append(name)
            try:
                return method(*args, **kwargs)
            finally:
                inside.pop()

        return call

    for name in ("get", "get_many", "add", "set", "delete", "incr"):
        monkeypatch.setattr(cache, name, counted(name, getattr(cache, name)))
    return calls


def test_a_hit_takes_one_round_trip_to_the_cache(client, site_tree, cached, monkeypatch):
    factories.course_page(site_tree["courses"], title="Pengelolaan Sampah")
    client.get("/kursus/")
    calls = _count_cache_calls(monkeypatch)

    for query in ("", "?utm_source=wa&fbclid=abc"):
        calls.clear()
        response = client.get(f"/kursus/{query}")
        assert response["X-Page-Cache"] == "hit"
        assert calls == ["get_many"], query


def test_the_copy_a_render_under_way_replaces_is_served_in_one_round_trip(client, site_tree, cached, monkeypatch):
    _publish_a_change_while_another_process_renders_it(client, site_tree)
    calls = _count_cache_calls(monkeypatch)

    response = client.get("/kursus/?utm_source=wa")
    assert response["X-Page-Cache"] == "stale"
    assert calls == ["get_many"]


def test_a_logged_in_page_reads_the_pages_and_the_sites_versions_in_one_round_trip(
    client, site_tree, cached, monkeypatch
):
    """Everything a logged-in page reuses (its route, its site, the menu) is kept under the two versions,
    read together once per request: one round trip to the shared cache, the rest from this process."""
    course = factories.course_page(site_tree["courses"], title="Pengelolaan Sampah")
    client.force_login(factories.learner())
    client.get(course.url)
    calls = _count_cache_calls(monkeypatch)

    response = client.get(course.url)

    assert response.status_code == 200
    assert calls == ["get_many"]


def test_a_slug_saved_without_a_publish_refreshes_the_links_to_the_page(
    client, site_tree, cached, django_capture_on_commit_callbacks
):
    course = factories.course_page(site_tree["courses"], title="Pengelolaan Sampah")
    client.get("/kursus/")
    course.slug = "sampah-rumah-tangga"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail tells of a new slug once it commits
        course.save()  # a live page's slug takes effect at once, without a publish

    response = client.get("/kursus/")
    assert response["X-Page-Cache"] == "miss"
    assert "/kursus/sampah-rumah-tangga/" in response.text


def test_a_renamed_organisation_shows_on_its_cached_course_page(client, site_tree, cached):
    """A course page names the organisation that runs it (organisations.apps)."""
    course = factories.course_page(site_tree["courses"], title="Pengelolaan Sampah")
    client.get(course.url)
    assert client.get(course.url)["X-Page-Cache"] == "hit"

    course.organisation.name = "Yayasan Lestari Balikpapan"
    course.organisation.save()

    response = client.get(course.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Yayasan Lestari Balikpapan" in response.text
