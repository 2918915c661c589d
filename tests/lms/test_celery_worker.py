"""With a broker configured, tasks are not run in-process but by a real Celery worker."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from celery import Celery

REPO = Path(__file__).resolve().parents[2]
BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
# Our tasks keep no results; this test asks the worker to store one so it can read the answer.
RESULT_BACKEND = BROKER_URL if BROKER_URL.startswith("redis") else "rpc://"

pytestmark = [
    pytest.mark.broker,
    pytest.mark.skipif(not BROKER_URL, reason="CELERY_BROKER_URL is not set: no broker to run a worker against"),
]


@pytest.fixture
def worker(tmp_path):
    """Our Celery app started as a worker process, the way production starts it."""
    queue = f"test-{os.getpid()}-{tmp_path.name}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
        "CELERY_BROKER_URL": BROKER_URL,
        "CELERY_RESULT_BACKEND": RESULT_BACKEND,
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "lms",
            "worker",
            "--pool=solo",
            "--queues",
            queue,
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    yield queue
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def test_a_task_sent_through_the_broker_is_run_by_the_worker(worker):
    client = Celery(broker=BROKER_URL, backend=RESULT_BACKEND)
    result = client.send_task("lms.ping", queue=worker)
    # Blocks until the worker answers: the worker's start-up is the only wait here.
    assert result.get(timeout=60) == "pong"
