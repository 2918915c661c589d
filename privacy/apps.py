from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Residents' rights over their data (UU 27/2022): consent, the access log, the download of
    everything held about them, the deletion of their account, and the breach notice's list."""

    name = "privacy"
    verbose_name = _("Personal data")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from accounts.signals import resident_records_exported
        from privacy.receivers import access_log_on_export, consent_renewal_check

        user_logged_in.connect(consent_renewal_check, dispatch_uid="privacy-consent-renewal-check")
        resident_records_exported.connect(access_log_on_export, dispatch_uid="privacy-access-log-on-export")
