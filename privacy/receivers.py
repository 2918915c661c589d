from privacy.middleware import CONSENT_RENEWAL_SESSION_KEY
from privacy.services import consent_needs_renewal


def consent_renewal_check(sender, request, user, **kwargs):
    """At log-in, a resident who agreed to an older privacy notice is asked to read the new one."""
    if request is not None and hasattr(request, "session") and consent_needs_renewal(user):
        request.session[CONSENT_RENEWAL_SESSION_KEY] = True
