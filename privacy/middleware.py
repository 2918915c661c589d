"""Until a resident agrees to the current privacy notice, every page of the site leads to it.

Set at log-in (privacy.receivers) rather than looked up on every request. Some pages stay open:
the notice itself, the consent page, logging out, and the resident's own data download and account
deletion (someone who does not agree may still take their data and leave).
"""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from accounts.views import PRIVACY_NOTICE_URL

CONSENT_RENEWAL_SESSION_KEY = "privacy_consent_renewal"


class ConsentRenewalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.get(CONSENT_RENEWAL_SESSION_KEY) and not self._open(request.path):
            if not request.user.is_authenticated:  # logged out meanwhile: the question is theirs no more
                del session[CONSENT_RENEWAL_SESSION_KEY]
            else:
                return redirect(f"{reverse('privacy:consent')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def _open(self, path):
        open_paths = (
            reverse("privacy:consent"),
            reverse("privacy:data"),
            reverse("accounts:logout"),
            PRIVACY_NOTICE_URL,
            "/static/",
            "/media/",
            "/bahasa/",
            "/healthz",
        )
        return path.startswith(open_paths)
