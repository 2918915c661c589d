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


@pytest.mark.django_db
@override_settings(
    CELERY_BROKER_URL="",
    ALLOWED_HOSTS=["sekolahwarga.example.id"],
    SECURE_SSL_REDIRECT=True,
    SECURE_PROXY_SSL_HEADER=None,
)
def test_a_load_balancer_asking_by_address_over_http_gets_the_answer(client):
    """No site host name and no X-Forwarded-Proto, as a load balancer's check sends straight to gunicorn."""
    response = client.get("/healthz", HTTP_HOST="10.0.0.5:8000")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    # Every other address keeps both checks: an unknown host is refused, plain HTTP is redirected.
    assert client.get("/", HTTP_HOST="10.0.0.5:8000").status_code == 400
    assert client.get("/", HTTP_HOST="sekolahwarga.example.id").status_code == 301


@pytest.mark.django_db
@override_settings(CELERY_BROKER_URL="")
def test_only_reading_the_health_is_answered_there(client):
    assert client.head("/healthz").status_code == 200
    response = client.post("/healthz")
    # Not answered: the site's own routing says no such page (after CommonMiddleware's slash redirect).
    assert response.status_code in (301, 404)
    assert b"database" not in response.content
