"""Development: the zero-set-up default for ``make run``."""

from urllib.parse import urlsplit

from .base import *  # noqa: F403
from .base import SITE_URL, env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-secret-key-never-use-in-production")
# SITE_URL's host too: `make run HOST=0.0.0.0 SITE_URL=http://<laptop address>:8000` serves the phones in a hall.
_SITE_HOST = urlsplit(SITE_URL).hostname or "localhost"
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=sorted({"127.0.0.1", "localhost", _SITE_HOST}))

# Serve static files straight from the app folders: no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# django-ratelimit refuses a cache that is not shared between processes (E003) and warns about any
# backend it does not know (W001). Without CACHE_URL the development server keeps its own
# in-memory cache, which is right for its one process; production requires a shared Redis.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
