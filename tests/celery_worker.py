"""A real Celery worker process for the tests that need one (marked ``broker``)."""

import contextlib
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
# Our tasks keep no results; these tests ask the worker to store them so they can read the answer.
RESULT_BACKEND = BROKER_URL if BROKER_URL.startswith("redis") else "rpc://"


@contextlib.contextmanager
def celery_worker(queue, **environment):
    """Our Celery app started as a worker process on its own queue, the way production starts it."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
        "CELERY_BROKER_URL": BROKER_URL,
        "CELERY_RESULT_BACKEND": RESULT_BACKEND,
        **environment,
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
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
