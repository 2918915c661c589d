"""Until a resident agrees to the current privacy notice, every page of the site leads to it.

Set at log-in (privacy.receivers) rather than looked up on every request. Some pages stay open:
the notice itself, the consent page, logging out, the resident's own data download and account
deletion (someone who does not agree may still take their data and leave), static files and the icon.
"""

from urllib.parse import urlencode, urlsplit

from django.shortcuts import redirect
from django.urls import reverse

from accounts.selectors import privacy_notice_url
from privacy.services import consent_needs_renewal

CONSENT_RENEWAL_SESSION_KEY = "privacy_consent_renewal"


class ConsentRenewalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.get(CONSENT_RENEWAL_SESSION_KEY) and not self._open(request):
            # Asked again while the flag is up (one query): logged out meanwhile, or agreed on another
            # device, the question is over.
            if request.user.is_authenticated and consent_needs_renewal(request.user):
                return redirect(f"{reverse('privacy:consent')}?{urlencode({'next': request.get_full_path()})}")
            del session[CONSENT_RENEWAL_SESSION_KEY]
        return self.get_response(request)

    def _open(self, request):
        open_paths = (
            reverse("privacy:consent"),
            reverse("privacy:data"),
            reverse("accounts:logout"),
            "/static/",
            "/media/",
            "/bahasa/",
            "/favicon.ico",
        )
        if request.path.startswith(open_paths):
            return True
        # The notice chosen in the admin (asked only while a resident is being asked to agree to it).
        notice_path = urlsplit(privacy_notice_url(request)).path
        return bool(notice_path) and request.path == notice_path
