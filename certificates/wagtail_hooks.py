"""Certificates in the Wagtail admin: the "Certificates" menu (issued certificates, their templates and
each course's template), who may do what with them (certificates.permissions), their entries in the
audit log, and a copied course's template."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from certificates.models import Certificate, CourseCertificateTemplate
from certificates.permissions import certificate_permission_policy, course_certificate_template_permission_policy
from certificates.services import course_certificate_templates_copy
from certificates.viewsets import CertificatesMenu

# At the top of the hooks module, before anything asks Wagtail's registry for the policy.
register_permission_policy(Certificate, certificate_permission_policy)
register_permission_policy(CourseCertificateTemplate, course_certificate_template_permission_policy)

register_snippet(CertificatesMenu)


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    actions.register_action("certificates.revoke", _("Revoke certificate"), _("Certificate revoked"))
    actions.register_action("certificates.reissue", _("Re-issue certificate"), _("Certificate re-issued"))
    actions.register_action("certificates.retry", _("Retry issuing a certificate"), _("Issuing tried again"))
    actions.register_action("certificates.batch", _("Issue a class's certificates"), _("Class certificates requested"))


@hooks.register("after_copy_page")
def copied_courses_keep_their_certificate_template(request, page, new_page):
    course_certificate_templates_copy(source=page, copy=new_page)
