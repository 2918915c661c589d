"""The resident's data rights: see and download their data, delete their account, their consents."""

import tempfile

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from accounts.models import LearnerProfile
from accounts.selectors import privacy_notice_url
from privacy import services
from privacy.archive import personal_data_zip
from privacy.forms import AccountDeleteForm
from privacy.middleware import CONSENT_RENEWAL_SESSION_KEY


@login_required
@never_cache
def data(request):
    profile = LearnerProfile.objects.filter(user=request.user).first()
    return TemplateResponse(
        request, "privacy/data.html", {"profile": profile, "privacy_url": privacy_notice_url(request)}
    )


@login_required
@never_cache
def data_download(request):
    # On disk past 10 MB: certificates' PDFs are a few hundred KB each.
    output = tempfile.SpooledTemporaryFile(max_size=10 * 2**20)  # noqa: SIM115 (FileResponse closes it)
    personal_data_zip(request.user, output)
    output.seek(0)
    filename = f"data-saya-sekolah-warga-{timezone.localdate():%Y-%m-%d}.zip"
    return FileResponse(output, as_attachment=True, filename=filename, content_type="application/zip")


@sensitive_post_parameters("password")
@login_required
@never_cache
def account_delete(request):
    form = AccountDeleteForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        try:
            services.erase_resident(user=request.user)
        except services.ErasureRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            logout(request)
            messages.success(request, _("Your account is deleted. Thank you for learning with us."))
            return redirect("/")
    return TemplateResponse(request, "privacy/account_delete.html", {"form": form})


@login_required
@never_cache
def consent(request):
    next_url = request.POST.get("next") or request.GET.get("next") or "/saya/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/saya/"
    if request.method == "POST":
        services.privacy_notice_agree(user=request.user)
        request.session.pop(CONSENT_RENEWAL_SESSION_KEY, None)
        messages.success(request, _("Thank you: you agreed to the current privacy notice."))
        return redirect(next_url)
    profile = LearnerProfile.objects.filter(user=request.user).first()
    context = {
        "profile": profile,
        "renewal": services.consent_needs_renewal(request.user),
        "next": next_url,
        "privacy_url": privacy_notice_url(request),
    }
    return TemplateResponse(request, "privacy/consent.html", context)


@login_required
@require_POST
def optional_data_withdraw(request):
    services.optional_data_withdraw(user=request.user)
    messages.success(request, _("Your gender and birth year are erased."))
    return redirect("profile:edit")
