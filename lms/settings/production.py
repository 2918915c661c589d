"""Production: everything secret or machine-specific must come from the environment.

Passes ``manage.py check --deploy`` without warnings when DJANGO_SECRET_KEY,
DJANGO_ALLOWED_HOSTS, CACHE_URL and SITE_URL are given, and refuses to start without them.
"""

import logging

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

# CACHE_URL: every worker process must see the same cache, or a page published (or a resident
# logged out) in one process would still be served the old way by the others.
# PAGE_CACHE_URL (optional, base.py; set it): the page cache's own Redis, with a maxmemory and
# `maxmemory-policy allkeys-lru`, so a flood of pages only ever evicts pages. Unset, pages share
# CACHE_URL's Redis, which must then run `volatile-lru` (every page key expires), never
# `allkeys-lru`, which on a Redis that is also the broker would evict Celery's messages; even so,
# a flood of pages could there evict the sign-up and look-up limits' counters (docs/security.md).
for name in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "CACHE_URL"):
    if not env(name, default=""):
        raise ImproperlyConfigured(
            f"{name} is not set: production settings need it from the environment (see docs/operations.md)."
        )

# SITE_URL: every QR code, certificate, e-mail and credential carries it (core.site_address); base.py's
# default, http://127.0.0.1:8000, would print codes that no phone can open.
if not env("SITE_URL", default=""):
    raise ImproperlyConfigured(
        "SITE_URL is not set: production settings need the site's public address from the environment, "
        "e.g. SITE_URL=https://sekolahwarga.example.id (QR codes, certificates and e-mails carry it; "
        "see docs/operations.md)."
    )

SECRET_KEY = env("DJANGO_SECRET_KEY")
# Rotating the key: the old one here for a while keeps sessions and e-mailed links valid
# (docs/operations.md, "Secrets").
SECRET_KEY_FALLBACKS = [key.strip() for key in env.list("DJANGO_SECRET_KEY_FALLBACKS", default=[]) if key.strip()]
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[SITE_URL])  # noqa: F405

# Behind a TLS-terminating proxy (nginx, a load balancer) that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies append to X-Forwarded-For: the lock-out must key on the resident's own
# address, not the proxy's (core.client_address.client_ip_address).
AXES_IPWARE_PROXY_COUNT = env.int("DJANGO_PROXY_COUNT", default=1)
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # a load balancer's check over plain HTTP (lms.health)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True  # the visitor's language choice (/bahasa/...): HTTPS only, like the others

DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)  # noqa: F405

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
}

# One JSON object a line on stderr, for the log collector (see docs/operations.md, "Monitoring"); Python's
# warnings too, which would otherwise be printed as plain text among them.
LOGGING["handlers"]["console"]["formatter"] = "json"  # noqa: F405
logging.captureWarnings(True)

DEMO_CONTENT_ALLOWED = False  # seed_demo creates accounts with a published password
