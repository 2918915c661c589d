"""/healthz tells a load balancer or a monitor whether the database and the broker answer."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

REPO = Path(__file__).resolve().parents[2]
needs_broker = pytest.mark.skipif(
    not os.environ.get("CELERY_BROKER_URL"), reason="CELERY_BROKER_URL is not set: no broker to check against"
)


@pytest.mark.django_db
@override_settings(CELERY_BROKER_URL="")
def test_healthy_without_a_broker_when_tasks_run_in_process(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "eager"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
@override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0", HEALTHZ_BROKER_TIMEOUT=0.5)
def test_unreachable_broker_makes_the_site_unhealthy(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "broker": "unreachable"}


@pytest.mark.broker
@needs_broker
@pytest.mark.django_db
def test_reachable_broker_is_reported_ok(client, settings):
    settings.CELERY_BROKER_URL = os.environ["CELERY_BROKER_URL"]
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["broker"] == "ok"


def test_unreachable_database_makes_the_site_unhealthy():
    """A real outage: the site is started against a PostgreSQL port where nothing listens."""
    script = (
        "import django; django.setup();"
        "from django.test import Client; r = Client().get('/healthz');"
        "print(r.status_code, r.content.decode())"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/nothing",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "CELERY_BROKER_URL": "",
    }
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )
    status, _, body = result.stdout.strip().partition(" ")
    assert status == "503", result.stderr
    assert json.loads(body) == {"status": "error", "database": "unreachable", "broker": "eager"}


def test_a_load_balancer_asking_by_address_over_http_gets_the_answer_with_production_settings():
    """No site host name and no X-Forwarded-Proto, as a load balancer's check sends straight to gunicorn."""
    from tests.lms.test_settings import PRODUCTION_ENV, run_django

    script = (
        "from django.conf import settings; from django.test import Client, override_settings; import json;"
        # No collectstatic here: the 400 page's stylesheet link needs no manifest.
        "override_settings(STORAGES={**settings.STORAGES, 'staticfiles': {'BACKEND': "
        "'django.contrib.staticfiles.storage.StaticFilesStorage'}}).enable(); client = Client();"
        "health = client.get('/healthz', headers={'Host': '10.0.0.5:8000'});"
        "print(json.dumps({'health': [health.status_code, health.json(), health.get('Content-Security-Policy'),"
        " health.get('X-Content-Type-Options')],"
        " 'unknown_host': client.get('/kursus/', headers={'Host': '10.0.0.5:8000'}).status_code,"
        " 'plain_http': client.get('/kursus/', headers={'Host': 'sekolahwarga.example.id'}).status_code}))"
    )
    result = run_django(
        script,
        settings_module="lms.settings.production",
        **PRODUCTION_ENV,
        DATABASE_URL="sqlite://:memory:",
        CELERY_BROKER_URL="",
    )

    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    status, body, policy, nosniff = answers["health"]
    assert (status, body) == (200, {"status": "ok", "database": "ok", "broker": "eager"})
    assert "default-src 'self'" in policy and nosniff == "nosniff"  # the security headers all the same
    # Every other address keeps both checks: an unknown host is refused, plain HTTP is sent to HTTPS.
    assert answers["unknown_host"] == 400
    assert answers["plain_http"] == 301


@pytest.mark.django_db
@override_settings(CELERY_BROKER_URL="")
def test_only_reading_the_health_is_answered_there(client):
    assert client.head("/healthz").status_code == 200
    response = client.post("/healthz")
    # Not answered: the site's own routing says no such page (after CommonMiddleware's slash redirect).
    assert response.status_code in (301, 404)
    assert b"database" not in response.content
