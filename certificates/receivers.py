"""Certificates listen to the learning journey: a completed enrolment gets its certificate."""

import logging

from certificates.tasks import certificate_issue_task

logger = logging.getLogger(__name__)


def issue_on_completion(sender, enrolment, **kwargs):
    """Enqueue the certificate (the signal comes after the completion's commit).

    A broker that cannot be reached, or a failure when the task runs in-process, must not undo
    or break the resident's completion: it is logged, and the periodic sweep issues it later.
    """
    try:
        certificate_issue_task.delay(enrolment.pk)
    except Exception:
        logger.exception("Could not issue the certificate of enrolment %s now; the sweep will.", enrolment.pk)
