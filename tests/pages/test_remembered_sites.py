"""Which site answers a host is remembered past publishes (core.page_cache.remember_site), and never stale.

The anonymous page cache is off here (as in all tests), so each request really routes and renders;
what these check is the site lookup that core.page_routing remembers under the sites' own version.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from courses.models import CourseIndexPage
from tests import factories

pytestmark = pytest.mark.django_db

OTHER_HOST = "127.0.0.1"  # in the tests' ALLOWED_HOSTS; the default site is "localhost"


@pytest.fixture
def course(site_tree):
    return factories.course_page(site_tree["courses"], title="Pengelolaan Sampah")


def site_queries(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries if '"wagtailcore_site"' in query["sql"]]


def test_a_publish_leaves_the_remembered_site(client, site_tree, course):
    """After a publish every route is found again, but not the site (it was a query on every cold render)."""
    assert client.get(course.url).status_code == 200
    factories.course_page(site_tree["courses"], title="Dana Kelurahan")  # published
    assert site_queries(client, course.url) == []


def test_a_new_site_for_a_host_answers_at_once(client, site_tree, course):
    # Until it has a site of its own, the host gets the default site.
    assert client.get(f"/kursus/{course.slug}/", HTTP_HOST=OTHER_HOST).status_code == 200
    Site.objects.create(hostname=OTHER_HOST, port=80, root_page=site_tree["courses"])
    assert client.get(f"/kursus/{course.slug}/", HTTP_HOST=OTHER_HOST).status_code == 404
    assert "Pengelolaan Sampah" in client.get(f"/{course.slug}/", HTTP_HOST=OTHER_HOST).text


def test_a_site_given_another_hostname_or_port_stops_answering_at_once(client, site_tree, course):
    site = Site.objects.create(hostname=OTHER_HOST, port=80, root_page=site_tree["courses"])
    assert client.get(f"/{course.slug}/", HTTP_HOST=OTHER_HOST).status_code == 200
    site.port = 8080
    site.save()
    # Its only site is on another port now: the host is still its, as Wagtail matches a lone hostname.
    assert client.get(f"/{course.slug}/", HTTP_HOST=OTHER_HOST).status_code == 200
    Site.objects.create(hostname=OTHER_HOST, port=80, root_page=site_tree["home"])
    assert client.get(f"/kursus/{course.slug}/", HTTP_HOST=OTHER_HOST).status_code == 200  # the new site on port 80
    site.hostname = "sekolah.example"
    site.port = 80
    site.save()
    assert client.get(f"/{course.slug}/", HTTP_HOST=OTHER_HOST).status_code == 404


def test_a_site_given_another_root_page_answers_from_it_at_once(client, site_tree, course):
    site = Site.objects.get(is_default_site=True)
    assert client.get(course.url).status_code == 200
    site.root_page = site_tree["courses"]
    site.save()
    assert client.get(f"/{course.slug}/").status_code == 200
    assert client.get("/kursus/").status_code == 404


def test_a_renamed_site_root_still_routes_its_pages(client, site_tree, course, django_capture_on_commit_callbacks):
    """The remembered site carries its root page's url_path, from which routes are worked out."""
    assert client.get(course.url).status_code == 200
    home = site_tree["home"]
    home.slug = "beranda-baru"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail tells of a new slug once it commits
        home.save_revision().publish()
    assert "Pengelolaan Sampah" in client.get(course.url).text
    # Its own route below it is found (enrolment takes a POST: 405), the first time (routed afresh) and
    # again from the remembered route, whose remaining path is worked out from the root's url_path.
    for _ in range(2):
        assert client.get(f"{course.url}ikuti/").status_code == 405


def test_a_deleted_site_no_longer_answers(client, site_tree, course):
    site = Site.objects.create(hostname=OTHER_HOST, port=80, root_page=site_tree["courses"])
    assert client.get(f"/{course.slug}/", HTTP_HOST=OTHER_HOST).status_code == 200
    site.delete()
    assert client.get(f"/kursus/{course.slug}/", HTTP_HOST=OTHER_HOST).status_code == 200  # the default site again


def test_the_first_page_under_a_remembered_site_root_shows_in_the_menu(client, home_page):
    """The remembered site's root page keeps the number of children it had (treebeard's numchild); the
    menu must not trust it, or a fresh site's first section would be left out of the menu."""
    assert client.get("/").status_code == 200  # the site remembered, its root without children
    factories.publish(home_page, CourseIndexPage(title="Kursus", slug="kursus", show_in_menus=True))

    response = client.get("/")

    assert 'href="/kursus/"' in response.text.split('class="site-header"')[1].split("</header>")[0]
