"""A real Celery worker process for the tests that need one (marked ``broker``)."""

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from celery import Celery
from django.conf import settings
from django.db import connection

from lms.celery import app

REPO = Path(__file__).resolve().parents[1]
BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
# Our tasks keep no results; these tests ask the worker to store them so they can read the answer.
RESULT_BACKEND = BROKER_URL if BROKER_URL.startswith("redis") else "rpc://"

# The marks of a test whose worker works on the test's database: ``pytestmark = WORKER_ON_THE_DATABASE``.
WORKER_ON_THE_DATABASE = [
    pytest.mark.broker,
    pytest.mark.django_db(transaction=True),  # the worker sees only what is committed
    pytest.mark.skipif(not BROKER_URL, reason="CELERY_BROKER_URL is not set: no broker to run a worker against"),
    # The worker is another process: it must reach the test's database, which SQLite's in-memory one is not.
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: a worker process shares it"),
]


def queue_for(tmp_path):
    """A queue of the test's own, so that workers of tests run at the same time take only their own tasks."""
    return f"test-{os.getpid()}-{tmp_path.name}"


def worker_caught_up(queue):
    """Wait for the worker to run every task sent to `queue` so far: it takes its queue in order, so a ping
    sent behind them is answered after them. Sent through an app of its own, not the current one: tasks
    first used afterwards would bind to it and miss the test's queue. Returns the answer, "pong"."""
    client = Celery(broker=BROKER_URL, backend=RESULT_BACKEND, set_as_current=False)
    return client.send_task("lms.ping", queue=queue).get(timeout=90)


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


@contextlib.contextmanager
def worker_on_the_database(tmp_path):
    """A worker on the test's database and private media, on a queue of the test's own, which it yields.
    Tasks sent inside the block go to the worker through the broker, as in production, not in-process."""
    queue = queue_for(tmp_path)
    database = connection.settings_dict
    database_url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    with celery_worker(queue, DATABASE_URL=database_url, PRIVATE_MEDIA_ROOT=str(settings.PRIVATE_MEDIA_ROOT)):
        saved = {name: app.conf[name] for name in ("task_always_eager", "task_default_queue")}
        app.conf.update(task_always_eager=False, task_default_queue=queue)
        try:
            yield queue
        finally:
            app.conf.update(saved)
