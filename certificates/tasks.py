"""Background work for certificates: issue one, sweep up missing ones, run a class's bulk job.

Every task is idempotent (the services make repeating work harmless), acknowledged late (a killed
worker's task runs again), enqueued after the transaction commits, and retried by Celery with
backoff that never waits longer than the broker's visibility timeout (settings.TASK_RETRY_BACKOFF_MAX).
"""

import logging

from celery import shared_task
from celery.contrib.django.task import DjangoTask
from django.conf import settings

from certificates import selectors, services
from certificates.models import CertificateBatch

logger = logging.getLogger(__name__)

# How many missing certificates one sweep enqueues; the next sweep takes the rest.
SWEEP_LIMIT = 1000


class RetriedTask(DjangoTask):
    """Celery's own retrying, in its documented base-class form (on the Django task class the app uses):
    an error escaping the task is tried again up to max_retries times, after a pause of up to
    retry_backoff seconds doubled at each retry, with full jitter (a hundred tasks that failed together
    do not come back together), and never longer than retry_backoff_max: a retry scheduled past the
    broker's visibility timeout would be handed out twice. Five seconds doubled at each of eight
    retries: a failure is given up within about twenty minutes."""

    autoretry_for = (Exception,)
    max_retries = 8
    retry_backoff = 5
    retry_backoff_max = settings.TASK_RETRY_BACKOFF_MAX
    retry_jitter = True

    def is_last_try(self):
        """Whether no retry follows this try: every retry is spent, or the task runs in-process (no
        broker), where nothing is retried.

        The tasks ask this themselves rather than record their failure in an on_failure handler:
        on_failure runs only once the error has left the task, which in-process means into the request
        that completed the course (or asked for staff's retry), and a certificate's failure must not
        break it. So the last failure is recorded and the task ends normally; every earlier one is
        raised again for Celery to retry.
        """
        return self.request.is_eager or self.request.retries >= self.max_retries


@shared_task(bind=True, name="certificates.issue", base=RetriedTask, acks_late=True)
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
        if not self.is_last_try():
            raise  # autoretry_for: Celery tries again after a pause
        logger.exception("The certificate of enrolment %s failed for good.", enrolment_id)
        services.certificate_issue_failed(enrolment_id=enrolment_id, reason=f"{type(error).__name__}: {error}")


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


@shared_task(bind=True, name="certificates.batch", base=RetriedTask, acks_late=True)
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
        if not self.is_last_try():
            raise  # autoretry_for: Celery tries again after a pause
        logger.exception("The certificate job %s failed for good.", batch_id)
        services.certificate_batch_failed(batch_id=batch_id, reason=f"{type(error).__name__}: {error}")
