"""``/healthz``: is the database reachable, and the broker when one is configured.

Answered by a middleware placed before Django's host check (CommonMiddleware) and exempt from the HTTPS
redirect (SECURE_REDIRECT_EXEMPT): a load balancer or a monitor asks a machine by its address over
plain HTTP, with no site host name and no proxy header, and the answer (the same for every host, and
secret to nobody) must not be a 400 or a 301. It still gets the security headers, placed after their
middleware. A check by address therefore does not notice a wrong DJANGO_ALLOWED_HOSTS or proxy
setting: the external uptime check, through the public address, does (docs/operations.md, "Monitoring").
"""

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from kombu import Connection


def database_is_reachable():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def broker_status():
    """ "ok", "unreachable", or "eager" when tasks run in-process without a broker."""
    if not settings.CELERY_BROKER_URL:
        return "eager"
    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=settings.HEALTHZ_BROKER_TIMEOUT) as broker:
            broker.ensure_connection(max_retries=1, timeout=settings.HEALTHZ_BROKER_TIMEOUT)
        return "ok"
    except Exception:
        return "unreachable"


@never_cache
def healthz(request):
    database = "ok" if database_is_reachable() else "unreachable"
    broker = broker_status()
    healthy = database == "ok" and broker != "unreachable"
    return JsonResponse(
        {"status": "ok" if healthy else "error", "database": database, "broker": broker},
        status=200 if healthy else 503,
    )


class HealthCheckMiddleware:
    """Answers GET and HEAD ``/healthz`` itself; every other request goes on through the stack."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz" and request.method in ("GET", "HEAD"):
            return healthz(request)
        return self.get_response(request)
