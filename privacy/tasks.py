"""Background work for the residents' data rights: the access log kept no longer than it serves."""

from celery import shared_task
from django.conf import settings

from privacy import services


@shared_task(name="privacy.prune_access_log", acks_late=True)
def access_log_prune_task():
    """Run daily by beat; idempotent, so a repeated or late run deletes nothing twice."""
    return services.access_log_prune(keep_days=settings.RECORD_ACCESS_KEEP_DAYS)
