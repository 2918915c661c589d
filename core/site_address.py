"""The site's own public address, and every absolute link built from it.

Links that leave the page they were drawn on (QR codes on a screen or a certificate, e-mails, calendar
files, Open Badges credentials, the class's join link) are opened by phones and programs that know
nothing of the request that drew them: behind a proxy, or on a laptop reached by another name, the
request's host is not an address residents can reach. So every absolute link comes from one setting,
``SITE_URL``, through this module: served elsewhere, one setting moves them all.
"""

from urllib.parse import urlsplit

from django.conf import settings


def site_url():
    """``SITE_URL`` without a trailing slash: the scheme, host and port. No path prefix: `reverse()` already
    adds a script prefix to the paths joined to it."""
    return settings.SITE_URL.rstrip("/")


def site_host():
    """The host name of ``SITE_URL`` (no port), e.g. for identifiers that name the site."""
    return urlsplit(site_url()).hostname or "localhost"


def absolute_url(path="/"):
    """The absolute address of a path on this site, e.g. ``absolute_url(reverse("class_join", ...))``.

    ``path`` is what ``reverse()`` or a page's URL path gives: it must start with "/", so that a full
    address (another site's, or one built from a request) cannot slip through as if it were ours.
    """
    if not path.startswith("/") or path.startswith("//"):
        raise ValueError(f"absolute_url() takes a path on this site starting with '/', not {path!r}")
    return site_url() + path
