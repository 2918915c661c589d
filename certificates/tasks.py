"""Background work for certificates: issue one, sweep up missing ones, run a class's bulk job.

Every task is idempotent (the services make repeating work harmless), acknowledged late (a killed
worker's task runs again), enqueued after the transaction commits, and retried with backoff that
never waits longer than the broker's visibility timeout (settings.TASK_RETRY_BACKOFF_MAX).
"""

import logging

from celery import Task, shared_task
from django.conf import settings

from certificates import selectors, services
from certificates.models import CertificateBatch

logger = logging.getLogger(__name__)

# How many missing certificates one sweep enqueues; the next sweep takes the rest.
SWEEP_LIMIT = 1000
RETRY_OPTIONS = {
    "acks_late": True,
    "autoretry_for": (Exception,),
    "dont_autoretry_for": (services.CertificateError,),
    "retry_backoff": 5,
    "retry_backoff_max": settings.TASK_RETRY_BACKOFF_MAX,
    "retry_jitter": True,
    "max_retries": 8,
}


class CertificateIssueTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        """Every retry spent: record the reason on the certificate, where staff see it."""
        if isinstance(exc, services.CertificateError):
            return  # refused by the rules (not completed): nothing went wrong
        enrolment_id = kwargs.get("enrolment_id", args[0] if args else None)
        logger.error("Certificate for enrolment %s failed for good: %s", enrolment_id, exc)
        services.certificate_issue_failed(enrolment_id=enrolment_id, reason=f"{type(exc).__name__}: {exc}")


@shared_task(name="certificates.issue", base=CertificateIssueTask, **RETRY_OPTIONS)
def certificate_issue_task(enrolment_id):
    """Issue the enrolment's certificate unless it has one (then nothing happens)."""
    services.certificate_issue(enrolment_id=enrolment_id)


@shared_task(name="certificates.sweep", acks_late=True)
def certificates_sweep():
    """Enqueue every completed enrolment that still has no certificate (Celery beat runs this)."""
    ids = list(selectors.enrolments_missing_certificates().values_list("pk", flat=True)[:SWEEP_LIMIT])
    for enrolment_id in ids:
        certificate_issue_task.delay(enrolment_id)
    return len(ids)


@shared_task(name="certificates.batch", **RETRY_OPTIONS)
def certificate_batch_task(batch_id):
    """Run a class's bulk job; run again after a crash, it picks up where the work stands."""
    batch = CertificateBatch.objects.filter(pk=batch_id, finished_at__isnull=True).first()
    if batch is not None:
        services.certificate_batch_run(batch=batch)
