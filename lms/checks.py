"""System checks on how this deployment is configured (``manage.py check``, run before every start)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.http.request import validate_host

# What Django itself answers when DEBUG is on and ALLOWED_HOSTS is empty (HttpRequest.get_host).
DEBUG_HOSTS = [".localhost", "127.0.0.1", "[::1]"]


@register(Tags.security, deploy=False)
def site_url_host_allowed(app_configs, **kwargs):
    """SITE_URL's host must be one the site answers: else every QR code, certificate and e-mail link
    (core.site_address) leads to "Bad Request (400)", which nobody sees until residents scan them."""
    host = urlsplit(settings.SITE_URL).hostname
    allowed = settings.ALLOWED_HOSTS or (DEBUG_HOSTS if settings.DEBUG else [])
    if host and validate_host(host, allowed):
        return []
    return [
        Warning(
            f"SITE_URL ({settings.SITE_URL}) names the host {host!r}, which is not in ALLOWED_HOSTS "
            f"({', '.join(allowed) or 'empty'}): QR codes, certificates and e-mails would link to an address "
            "this site refuses.",
            hint="Set SITE_URL to the site's public address, or add its host to DJANGO_ALLOWED_HOSTS.",
            id="sekolah_warga.W001",
        )
    ]
