from privacy.middleware import CONSENT_RENEWAL_SESSION_KEY
from privacy.services import consent_needs_renewal, records_exported


def consent_renewal_check(sender, request, user, **kwargs):
    """At log-in, a resident who agreed to an older privacy notice is asked to read the new one."""
    if request is not None and hasattr(request, "session") and consent_needs_renewal(user):
        request.session[CONSENT_RENEWAL_SESSION_KEY] = True


def access_log_on_export(sender, viewer, rows, export_id=None, **kwargs):
    """An export of residents' rows (accounts.signals.resident_records_exported): each one in it sees it
    in their data download."""
    records_exported(viewer=viewer, rows=rows, export_id=export_id)
