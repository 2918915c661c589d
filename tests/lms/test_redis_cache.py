"""The shared cache is django-redis (lms/settings/base.py): production's cache, and the benchmark's.

Values are shared between processes, and a Redis that cannot be reached is a cache miss, never an
error: the site keeps serving, only slower. That each process keeps one client is guarded in
tests/lms/test_upgrade_guards.py.
"""

import logging
import os
import socket
import threading

import pytest
import redis
from django_redis.cache import RedisCache

from courses.services import enrolment_create
from tests import factories
from tests.lms.test_settings import read_settings

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
NOTHING_LISTENS = "redis://127.0.0.1:1/0"
# What lms/settings/base.py makes of a Redis CACHE_URL (checked in the first test below).
OPTIONS = {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1}


@pytest.fixture
def redis_cache():
    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.ConnectionError:
        pytest.skip(f"no Redis at {REDIS_URL} (TEST_REDIS_URL)")
    cache = RedisCache(REDIS_URL, {"KEY_PREFIX": "test-redis-cache", "OPTIONS": OPTIONS})
    yield cache
    cache.clear()


def test_a_redis_cache_url_gives_django_redis_which_ignores_an_unreachable_redis():
    caches = read_settings("CACHES", CACHE_URL="redis://127.0.0.1:6379/1")["CACHES"]
    for alias in ("default", "pages"):
        assert caches[alias]["BACKEND"] == "django_redis.cache.RedisCache"
        assert caches[alias]["LOCATION"] == "redis://127.0.0.1:6379/1"
        assert caches[alias]["OPTIONS"] == OPTIONS


def test_values_are_shared_between_processes(redis_cache):
    # A second backend object is what another gunicorn worker would have.
    other_process = RedisCache(REDIS_URL, {"KEY_PREFIX": "test-redis-cache", "OPTIONS": OPTIONS})
    redis_cache.set("route", {"page": 7, "remaining": ["kuis"]})
    assert other_process.get("route") == {"page": 7, "remaining": ["kuis"]}
    redis_cache.set("page-cache-version", 1)
    other_process.incr("page-cache-version")  # a page published in another worker
    assert redis_cache.get("page-cache-version") == 2


def test_an_unreachable_redis_answers_every_call_as_a_miss():
    """What core.page_cache counts on: nothing is raised, and ``incr`` answers None, not a number."""
    cache = RedisCache(NOTHING_LISTENS, {"OPTIONS": OPTIONS})
    assert cache.get("page-cache-version") is None
    assert cache.get("open-data", "nothing") == "nothing"
    assert not cache.set("route", 1)
    assert not cache.add("route", 1)
    assert cache.incr("page-cache-version") is None


def test_a_redis_that_hangs_is_a_miss_too_not_a_request_that_never_ends():
    """A Redis host that takes connections and never answers (overloaded, or half of a broken network):
    without the settings' socket timeouts redis-py waits for ever, and so would every request."""
    hung = socket.create_server(("127.0.0.1", 0))  # accepts connections (the backlog), never answers
    answers = []
    try:
        cache = RedisCache(f"redis://127.0.0.1:{hung.getsockname()[1]}/0", {"OPTIONS": OPTIONS})
        call = threading.Thread(target=lambda: answers.append(cache.get("page-cache-version", "miss")), daemon=True)
        call.start()
        call.join(timeout=30)  # a bound on a hang, not a measure of speed: the timeouts are one second
    finally:
        hung.close()
    assert answers == ["miss"]


@pytest.fixture
def redis_down(settings):
    """Every cache the site shares (sessions, limits, open data, pages) in a Redis that does not answer."""
    unreachable = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": NOTHING_LISTENS, "OPTIONS": OPTIONS}
    settings.CACHES = {**settings.CACHES, "default": unreachable, "pages": unreachable}
    settings.PAGE_CACHE_ENABLED = True


@pytest.mark.django_db
def test_with_redis_down_residents_and_visitors_are_still_served(client, site_tree, redis_down):
    course = factories.course_page(site_tree["courses"], title="Pengelolaan Sampah")
    module = factories.module_page(course, title="Memilah Sampah", body=[("paragraph", "<p>ISI-LAMA</p>")])
    resident = factories.resident()
    enrolment_create(user=resident, course=course)
    client.force_login(resident)

    response = client.get(module.url)
    assert response.status_code == 200
    assert "ISI-LAMA" in response.text
    assert client.get("/saya/").status_code == 200
    client.logout()
    response = client.get("/kursus/")
    assert response.status_code == 200
    assert "Pengelolaan Sampah" in response.text
    assert "X-Page-Cache" not in response  # neither served from the cache nor kept in it
    assert client.get("/data/").status_code == 200


@pytest.mark.django_db
def test_with_redis_down_a_publish_shows_at_once_and_the_missed_bump_is_logged(client, site_tree, redis_down, caplog):
    course = factories.course_page(site_tree["courses"], title="Pengelolaan Sampah")
    module = factories.module_page(course, title="Memilah Sampah", body=[("paragraph", "<p>ISI-LAMA</p>")])
    assert "ISI-LAMA" in client.get(module.url).text

    module.body = [("paragraph", "<p>ISI-BARU</p>")]
    with caplog.at_level(logging.WARNING, logger="core.page_cache"):
        module.save_revision().publish()

    assert "ISI-BARU" in client.get(module.url).text
    assert any("its version was not bumped" in record.getMessage() for record in caplog.records)
