"""A request id on every log line, so that one request's lines can be found among all machines' logs.

The id comes from the proxy's ``X-Request-ID`` header when it looks like one (so the proxy's
access log and ours share it), else it is made here; the response carries it back, so a
resident or a monitor can quote it. Celery tasks use their task id the same way.
"""

import contextvars
import logging
import re
import time
import uuid

from django.core.signals import request_finished
from django.dispatch import receiver

request_id = contextvars.ContextVar("request_id", default=None)

# Whatever a client sends ends up in the logs: only short ids of letters, digits and -_. are
# taken as they are (uuids, nginx's $request_id, most tracing ids); anything else is replaced.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")

logger = logging.getLogger("lms.requests")


def incoming_or_new_request_id(header_value):
    if header_value and SANE_REQUEST_ID.fullmatch(header_value):
        return header_value
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Give the request an id (see the module's docstring) and log one line per request.

    First in MIDDLEWARE, so that everything after it runs with the id set. The id is forgotten
    only when the response is closed (``request_finished``), not on the way out of here: Django
    logs a 4xx response ("Not Found: /…") after the middleware has returned it, and a streamed
    response's lines come later still. The request's line holds the method, the path without
    its query string (which may hold personal data, e.g. on /akun/ pages), the status and the
    duration; never a body.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        current = incoming_or_new_request_id(request.headers.get("X-Request-ID"))
        request_id.set(current)
        started = time.monotonic()
        response = self.get_response(request)
        duration_ms = round((time.monotonic() - started) * 1000, 1)
        response["X-Request-ID"] = current
        logger.info(
            "%s %s %s %.1f ms",
            request.method,
            request.path,
            response.status_code,
            duration_ms,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": duration_ms,
            },
        )
        return response


@receiver(request_finished)
def forget_request_id(**kwargs):
    request_id.set(None)


class RequestIdFilter(logging.Filter):
    """Add the current request id to each record passing through a handler (LOGGING's "request_id" filter)."""

    def filter(self, record):
        current = request_id.get()
        if current is not None and not hasattr(record, "request_id"):
            record.request_id = current
        return True


# Celery (connected in lms.celery): a task's lines carry its task id. A task run in-process
# (no broker) inside a request keeps the request's id: the request caused it.
_task_tokens = {}


def task_started(task_id=None, **kwargs):
    if request_id.get() is None:
        _task_tokens[task_id] = request_id.set(task_id)


def task_finished(task_id=None, **kwargs):
    token = _task_tokens.pop(task_id, None)
    if token is not None:
        request_id.reset(token)
