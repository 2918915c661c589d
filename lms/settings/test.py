"""Settings for the test suite: SQLite unless DATABASE_URL points at PostgreSQL."""

import os

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = "test-secret-key"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = env.path("MEDIA_ROOT", default="/tmp/sekolah-warga-test-media")
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default="/tmp/sekolah-warga-test-private-media")
STORAGES["certificates"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT  # noqa: F405
STORAGES["feedback_photos"]["OPTIONS"]["location"] = os.path.join(PRIVATE_MEDIA_ROOT, "suara-warga")  # noqa: F405
# Tasks run inline in tests; the broker URL still comes from the environment, so that
# /healthz checks the real broker in CI and the worker tests can reach it.
CELERY_TASK_ALWAYS_EAGER = True

# Serve static files straight from the app folders: no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Wagtail's embed finders fetch oEmbed over the network; tests use a local one.
WAGTAILEMBEDS_FINDERS = [{"class": "tests.embed_finders.VideoPlatformFinder"}]

# Each test process keeps its own caches, emptied before every test (tests/conftest.py): the
# parallel workers must not share them, and page ids come back in the next test's pages.
CACHES = {
    alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": f"test-{alias}"}
    for alias in ("default", "pages", "pages-local")
}
# So django-ratelimit's checks, which want a cache that processes share (E003, W001), are silenced
# here: each test process counts alone, and the production settings' check keeps them on.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# Tests see what the database holds; the page cache's own tests switch it on.
PAGE_CACHE_ENABLED = False

# Python's default level, as before there was a LOGGING: one line per request would fill the output
# shown for a failing test. Tests that look at log lines set the level they need.
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
