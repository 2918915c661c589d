"""The Redis cache backend that keeps its client: the shared cache of production and the benchmark."""

import os

import pytest
import redis

from core.redis_cache import RedisCache

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_cache():
    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.ConnectionError:
        pytest.skip(f"no Redis at {REDIS_URL} (TEST_REDIS_URL)")
    cache = RedisCache(REDIS_URL, {"KEY_PREFIX": "test-redis-cache"})
    yield cache
    cache.clear()


def test_values_are_shared_between_processes(redis_cache):
    # A second backend object is what another gunicorn worker would have.
    other_process = RedisCache(REDIS_URL, {"KEY_PREFIX": "test-redis-cache"})
    redis_cache.set("route", {"page": 7, "remaining": ["kuis"]})
    assert other_process.get("route") == {"page": 7, "remaining": ["kuis"]}
    redis_cache.set("page-cache-version", 1)
    other_process.incr("page-cache-version")  # a page published in another worker
    assert redis_cache.get("page-cache-version") == 2


def test_one_client_serves_every_call(redis_cache):
    redis_cache.set("a", 1)
    first = redis_cache._cache.get_client("a")
    redis_cache.get("a")
    assert redis_cache._cache.get_client("b") is first
    assert redis_cache._cache.get_client("a", write=True) is first  # a single server: one pool
