"""django-csp's middleware, with a looser policy for the Wagtail admin.

The public site's policy (``CONTENT_SECURITY_POLICY``) allows no inline script or style. The
Wagtail admin cannot live with that: its inline panels and date pickers are inline scripts and
its widgets set inline styles. So under ``/admin/`` the response gets
``CONTENT_SECURITY_POLICY_ADMIN`` instead: the admin's pages are only shown to logged-in staff,
while the strict policy protects every resident on the public site. Subclassing and extending
``get_policy_parts`` is django-csp's documented way to choose a policy per request.
"""

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings

ADMIN_PREFIX = "/admin/"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        # A view's own @csp_replace / @csp_update still applies on top of the admin's policy.
        if not report_only and parts.config is None and request.path_info.startswith(ADMIN_PREFIX):
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        return parts
