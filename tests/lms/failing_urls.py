"""The site's URLs with three views that fail, for the error page tests (pytest.mark.urls)."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from lms.urls import urlpatterns as site_urlpatterns

# What a careless error page could show: the failure's message, a query, a path and a setting.
SECRET_DETAILS = "SELECT password FROM accounts_user; /srv/sekolahwarga/lms/settings/base.py SECRET_KEY"


def forbidden(request):
    raise PermissionDenied(SECRET_DETAILS)


def malformed(request):
    raise SuspiciousOperation(SECRET_DETAILS)


def broken(request):
    raise RuntimeError(SECRET_DETAILS)


urlpatterns = [
    path("uji/dilarang/", forbidden),
    path("uji/rusak/", broken),
    path("uji/tidak-terbaca/", malformed),
    *site_urlpatterns,
]
