"""With a broker configured, tasks are not run in-process but by a real Celery worker."""

import os

import pytest
from celery import Celery

from tests.celery_worker import BROKER_URL, RESULT_BACKEND, celery_worker

pytestmark = [
    pytest.mark.broker,
    pytest.mark.skipif(not BROKER_URL, reason="CELERY_BROKER_URL is not set: no broker to run a worker against"),
]


def test_a_task_sent_through_the_broker_is_run_by_the_worker(tmp_path):
    queue = f"test-{os.getpid()}-{tmp_path.name}"
    with celery_worker(queue):
        client = Celery(broker=BROKER_URL, backend=RESULT_BACKEND, set_as_current=False)
        result = client.send_task("lms.ping", queue=queue)
        # Blocks until the worker answers: the worker's start-up is the only wait here.
        assert result.get(timeout=60) == "pong"
