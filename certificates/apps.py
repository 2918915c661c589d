from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from certificates import checks  # noqa: F401  (registers the system checks)
        from certificates.dashboard_parts import certificate_parts
        from certificates.receivers import issue_on_completion
        from courses.hooks import register_completed_enrolment_part
        from courses.signals import enrolment_completed

        enrolment_completed.connect(issue_on_completion, dispatch_uid="certificates-issue-on-completion")
        register_completed_enrolment_part(certificate_parts)
