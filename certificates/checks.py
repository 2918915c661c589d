"""System checks: the fast font subsetter for certificates, and retries inside the visibility timeout."""

import ctypes.util

from django.conf import settings
from django.core.checks import Warning, register


@register()
def harfbuzz_subset_installed(app_configs, **kwargs):
    """WeasyPrint subsets fonts with HarfBuzz only when libharfbuzz-subset is there; otherwise with
    fontTools, which makes every certificate several times slower."""
    if ctypes.util.find_library("harfbuzz-subset"):
        return []
    return [
        Warning(
            "libharfbuzz-subset is missing: certificates will render several times slower.",
            hint="Install Debian's libharfbuzz-subset0 package (see README.md).",
            id="certificates.W001",
        )
    ]


@register()
def retries_inside_visibility_timeout(app_configs, **kwargs):
    visibility_timeout = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("visibility_timeout", 3600)
    if visibility_timeout > settings.TASK_RETRY_BACKOFF_MAX:
        return []
    return [
        Warning(
            "TASK_RETRY_BACKOFF_MAX is not shorter than the broker's visibility timeout: a retried task "
            "could be handed out twice.",
            id="certificates.W002",
        )
    ]
