"""Each request has an id, sent back in X-Request-ID and written on every log line it causes."""

import io
import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from celery import shared_task

from lms.log_formats import JsonFormatter
from lms.request_id import RequestIdFilter, request_id

REPO = Path(__file__).resolve().parents[2]
NEW_ID = re.compile(r"[0-9a-f]{32}")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_broker(settings):
    settings.CELERY_BROKER_URL = ""  # /healthz, the page these tests ask for, would ask the broker


@pytest.fixture
def json_log():
    """What the root logger writes during the test, through production's formatter: one JSON object a line."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)
    root.setLevel(level)


def test_a_response_carries_a_new_request_id(client):
    response = client.get("/healthz")
    assert NEW_ID.fullmatch(response["X-Request-ID"])
    assert client.get("/healthz")["X-Request-ID"] != response["X-Request-ID"]


def test_a_sane_incoming_request_id_is_kept(client):
    response = client.get("/healthz", headers={"X-Request-ID": "f81d4fae-7dec-11d0-a765.00a0c91e6bf6_1"})
    assert response["X-Request-ID"] == "f81d4fae-7dec-11d0-a765.00a0c91e6bf6_1"


@pytest.mark.parametrize(
    "incoming",
    ["a" * 65, "id with spaces", "id\nFAKE LOG LINE", '"}{"level":"CRITICAL', "<script>", "dädä", ""],
)
def test_an_incoming_request_id_too_long_or_with_other_characters_is_replaced(client, incoming, json_log):
    response = client.get("/healthz", headers={"X-Request-ID": incoming})
    assert NEW_ID.fullmatch(response["X-Request-ID"])
    assert {line["request_id"] for line in json_log()} == {response["X-Request-ID"]}


def test_the_request_line_is_json_with_the_request_id_and_without_the_query_string(client, json_log):
    response = client.get("/healthz?email=warga%40example.id", headers={"X-Request-ID": "monitor-42"})

    [line] = [line for line in json_log() if line["logger"] == "lms.requests"]
    assert line["request_id"] == response["X-Request-ID"] == "monitor-42"
    assert (line["level"], line["method"], line["path"], line["status"]) == ("INFO", "GET", "/healthz", 200)
    assert line["duration_ms"] >= 0
    assert {"time", "message"} <= line.keys()
    assert "warga" not in json.dumps(json_log())


def test_django_s_own_error_lines_carry_the_request_id(client, json_log):
    response = client.get("/tidak-ada-halaman-ini/", headers={"X-Request-ID": "lost-1"})

    assert response.status_code == 404
    [line] = [line for line in json_log() if line["logger"] == "django.request"]
    assert line["request_id"] == "lost-1"
    assert line["level"] == "WARNING"


def test_lines_outside_a_request_have_no_request_id(json_log):
    logging.getLogger("lms.test").warning("Outside any request")
    assert json_log()[-1]["request_id"] is None


@shared_task(name="tests.lms.log_a_line")
def log_a_line():
    logging.getLogger("lms.test").info("Inside a task")


def test_a_task_s_lines_carry_its_task_id(json_log):
    log_a_line.apply(task_id="3f2504e0-4f89-11d3-9a0c-0305e82c3301")

    [line] = [line for line in json_log() if line["message"] == "Inside a task"]
    assert line["request_id"] == "3f2504e0-4f89-11d3-9a0c-0305e82c3301"
    assert request_id.get() is None


def test_a_task_run_in_process_during_a_request_keeps_the_request_s_id(json_log):
    token = request_id.set("request-7")
    try:
        log_a_line.apply(task_id="3f2504e0-4f89-11d3-9a0c-0305e82c3301")
        assert request_id.get() == "request-7"
    finally:
        request_id.reset(token)

    [line] = [line for line in json_log() if line["message"] == "Inside a task"]
    assert line["request_id"] == "request-7"


def test_production_settings_write_json_lines_to_stderr():
    """The real configuration, in a process of its own: a request's line comes out as JSON."""
    machine_specific = ("DJANGO_", "DATABASE_", "CELERY_", "CACHE_")
    env = {key: value for key, value in os.environ.items() if not key.startswith(machine_specific)}
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.production",
        DJANGO_SECRET_KEY="production-secret-for-the-logging-test-" + "k" * 30,
        DJANGO_ALLOWED_HOSTS="sekolahwarga.example.id",
        SITE_URL="https://sekolahwarga.example.id",
        CACHE_URL="redis://127.0.0.1:6379/1",  # never reached: the request is redirected to HTTPS first
    )
    script = (
        "import django; django.setup(); from django.test import Client;"
        "Client().get('/kursus/', headers={'Host': 'sekolahwarga.example.id', 'X-Request-ID': 'prod-1'})"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )

    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stderr.splitlines()]
    [request_line] = [line for line in lines if line["logger"] == "lms.requests"]
    assert request_line["request_id"] == "prod-1"
    assert (request_line["path"], request_line["status"]) == ("/kursus/", 301)
