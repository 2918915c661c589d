"""The accounts app in the Wagtail admin: a warning on the admin home while no privacy notice is chosen."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component

from accounts.selectors import privacy_notice_url


class PrivacyNoticeMissingPanel(Component):
    """Residents agree to the privacy notice when they sign up (UU 27/2022 asks for informed consent);
    with no notice chosen, the sign-up page has nothing to link to. Whoever may choose it is told first."""

    name = "privacy_notice_missing"
    template_name = "accounts/admin/privacy_notice_missing.html"
    order = 10  # above every other panel: it is a duty, not a figure

    def get_context_data(self, parent_context=None):
        return {"settings_url": reverse("wagtailsettings:edit", args=["accounts", "privacynoticesettings"])}


@hooks.register("construct_homepage_panels")
def add_privacy_notice_missing_panel(request, panels):
    if request.user.has_perm("accounts.change_privacynoticesettings") and not privacy_notice_url(request):
        panels.append(PrivacyNoticeMissingPanel())
