"""Settings for the learning-journey benchmark (bench/bench_learning_pages.py): production's, on loopback.

The production settings as they are (DEBUG off, persistent database connections, the manifest
static files storage, the anonymous page cache), with only what a plain-HTTP server on 127.0.0.1
with no TLS proxy in front needs changed, and ``bench.urls`` (the site plus a hello-world view,
the baseline) as the URLconf. Not for anything but the benchmark.
"""

import os
from pathlib import Path

os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key-not-for-any-real-site")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
# Production refuses to start without the site's address (lms/settings/production.py); the benchmarks' servers
# answer on loopback, on a port chosen per run, and no link they make leaves the machine.
os.environ.setdefault("SITE_URL", "http://127.0.0.1")

from lms.settings.production import *  # noqa: E402, F403
from lms.settings.production import PAGE_CACHE_EXCLUDED_PREFIXES  # noqa: E402

ROOT_URLCONF = "bench.urls"

# Plain HTTP on 127.0.0.1: no TLS-terminating proxy, so no HTTPS redirect and no HSTS.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SECURE_HSTS_PRELOAD = False

STATIC_ROOT = Path(__file__).resolve().parent / ".work" / "staticfiles"

# The baseline is Django answering through the whole middleware stack, without the page cache.
PAGE_CACHE_EXCLUDED_PREFIXES = [*PAGE_CACHE_EXCLUDED_PREFIXES, "/hello/", "/bench/"]

# The benchmark database holds nothing but the demo content and the benchmark's residents.
DEMO_CONTENT_ALLOWED = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# The certificates benchmark (bench/bench_certificates.py) reads each task's run time from Celery's
# "Task … succeeded in 0.123s" (celery.app.trace) and when the worker took the task from the broker
# ("Task … received", celery.worker.strategy), both at INFO, which the WARNING above silences: its
# workers name a file for these lines alone, each stamped with the time it was written.
if os.environ.get("BENCH_TASK_LOG"):
    LOGGING["formatters"] = {"stamped": {"format": "%(created).6f %(message)s"}}
    LOGGING["handlers"]["task_log"] = {
        "class": "logging.FileHandler",
        "filename": os.environ["BENCH_TASK_LOG"],
        "formatter": "stamped",
    }
    LOGGING["loggers"] = {
        name: {"handlers": ["task_log"], "level": "INFO", "propagate": False}
        for name in ("celery.app.trace", "celery.worker.strategy")
    }
