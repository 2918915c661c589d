"""The Celery application.

Configuration comes from Django's settings (the ``CELERY_`` names). With no broker
configured the tasks run in-process (eager), so a first run needs no server.
"""

import os

from celery import Celery
from celery.signals import task_postrun, task_prerun

from lms.request_id import task_finished, task_started

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")

app = Celery("lms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# A task's log lines carry its task id as their request id (lms.request_id).
task_prerun.connect(task_started)
task_postrun.connect(task_finished)


@app.task(name="lms.ping")
def ping():
    """Answer "pong": proves that a worker is consuming from the broker (used by tests and operators)."""
    return "pong"
