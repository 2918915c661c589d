"""Background work for certificates: issue one, sweep up missing ones, run a class's bulk job.

Every task is idempotent (the services make repeating work harmless), acknowledged late (a killed
worker's task runs again), enqueued after the transaction commits, and retried with backoff that
never waits longer than the broker's visibility timeout (settings.TASK_RETRY_BACKOFF_MAX).
"""

import logging
import random

from celery import shared_task
from django.conf import settings

from certificates import selectors, services
from certificates.models import CertificateBatch

logger = logging.getLogger(__name__)

# How many missing certificates one sweep enqueues; the next sweep takes the rest.
SWEEP_LIMIT = 1000
MAX_RETRIES = 8
RETRY_FIRST_PAUSE = 5  # seconds; doubled at each retry, up to settings.TASK_RETRY_BACKOFF_MAX


def retry_countdown(retries):
    """Exponential backoff with jitter, never longer than TASK_RETRY_BACKOFF_MAX: a retry scheduled
    past the broker's visibility timeout would be handed out twice."""
    pause = min(settings.TASK_RETRY_BACKOFF_MAX, RETRY_FIRST_PAUSE * 2**retries)
    return random.uniform(pause / 2, pause)


@shared_task(bind=True, name="certificates.issue", acks_late=True, max_retries=MAX_RETRIES)
def certificate_issue_task(self, enrolment_id):
    """Issue the enrolment's certificate unless it has one (then nothing happens).

    A failure is retried with backoff; when every retry is spent it is recorded on the certificate
    with its reason, where staff see it. Without a broker (tasks run in-process, in the request
    that completed the course) there is no retrying: the failure is recorded at once, and the
    resident's request is not broken by it.
    """
    try:
        services.certificate_issue(enrolment_id=enrolment_id)
    except services.CertificateError as refusal:  # the rules refuse (not completed): nothing to retry
        logger.info("No certificate for enrolment %s: %s", enrolment_id, refusal)
    except Exception as error:
        if self.request.is_eager or self.request.retries >= self.max_retries:
            logger.exception("The certificate of enrolment %s failed for good.", enrolment_id)
            services.certificate_issue_failed(enrolment_id=enrolment_id, reason=f"{type(error).__name__}: {error}")
            return
        raise self.retry(exc=error, countdown=retry_countdown(self.request.retries)) from error


@shared_task(name="certificates.sweep", acks_late=True)
def certificates_sweep():
    """Enqueue every completed enrolment that still has no certificate, and every bulk job whose
    worker was lost (Celery beat runs this). Returns how many certificates it enqueued."""
    ids = list(selectors.enrolments_missing_certificates().values_list("pk", flat=True)[:SWEEP_LIMIT])
    for enrolment_id in ids:
        certificate_issue_task.delay(enrolment_id)
    for batch_id in selectors.batches_stalled().values_list("pk", flat=True):
        certificate_batch_task.delay(batch_id)
    return len(ids)


@shared_task(bind=True, name="certificates.batch", acks_late=True, max_retries=MAX_RETRIES)
def certificate_batch_task(self, batch_id):
    """Run a class's bulk job; run again after a crash, it picks up where the work stands.

    Each learner's failure is recorded on the job and the job goes on; only a failure of the job
    itself (the database unreachable, say) is retried.
    """
    batch = CertificateBatch.objects.filter(pk=batch_id, finished_at__isnull=True).first()
    if batch is None:
        return
    try:
        services.certificate_batch_run(batch=batch)
    except Exception as error:
        if self.request.is_eager or self.request.retries >= self.max_retries:
            logger.exception("The certificate job %s failed for good.", batch_id)
            services.certificate_batch_failed(batch_id=batch_id, reason=f"{type(error).__name__}: {error}")
            return
        raise self.retry(exc=error, countdown=retry_countdown(self.request.retries)) from error
