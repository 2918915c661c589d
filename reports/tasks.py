"""Background work for the reports: building a large export, and deleting old ones.

Both are idempotent (building again rebuilds the same file under the same name), acknowledged late
(a killed worker's export runs again) and enqueued after the transaction commits.
"""

import logging

from celery import shared_task
from django.conf import settings

from reports import services

logger = logging.getLogger(__name__)


@shared_task(name="reports.export_xlsx", acks_late=True)
def report_export_task(export_id):
    """Build one export. A failure is recorded with its reason, which the export's page shows; the
    person asks again (no automatic retry: a failure here is a bug or a full disk, not a blip)."""
    try:
        services.report_export_run(export_id=export_id)
    except Exception as error:
        logger.exception("The report export %s failed.", export_id)
        services.report_export_failed(export_id=export_id, reason=f"{type(error).__name__}: {error}")


@shared_task(name="reports.expire_exports", acks_late=True)
def report_exports_expire_task():
    return services.report_exports_expire(older_than=settings.REPORT_EXPORT_KEEP_SECONDS)
