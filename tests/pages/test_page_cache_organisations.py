"""A course page names the organisation that runs it: what anonymous visitors are served from the cache
shows a change to the organisation at once."""

import pytest

from core.page_cache import page_cache
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings):
    settings.PAGE_CACHE_ENABLED = True
    page_cache().clear()
    yield
    page_cache().clear()


def test_a_renamed_organisation_shows_on_its_cached_course_page(client, site_tree, cached):
    course = factories.course_page(site_tree["courses"], title="Pengelolaan Sampah")
    client.get(course.url)
    assert client.get(course.url)["X-Page-Cache"] == "hit"

    course.organisation.name = "Yayasan Lestari Balikpapan"
    course.organisation.save()

    response = client.get(course.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Yayasan Lestari Balikpapan" in response.text
