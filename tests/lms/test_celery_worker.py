"""With a broker configured, tasks are not run in-process but by a real Celery worker."""

import pytest

from tests.celery_worker import BROKER_URL, celery_worker, queue_for, worker_caught_up

pytestmark = [
    pytest.mark.broker,
    pytest.mark.skipif(not BROKER_URL, reason="CELERY_BROKER_URL is not set: no broker to run a worker against"),
]


def test_a_task_sent_through_the_broker_is_run_by_the_worker(tmp_path):
    queue = queue_for(tmp_path)
    with celery_worker(queue):
        # Blocks until the worker answers: the worker's start-up is the only wait here.
        assert worker_caught_up(queue) == "pong"
