"""Public verification: anyone checks a certificate by its code, its PDF file or its Open Badges JSON.

What these pages say about a certificate is what the design allows and nothing more: the name,
course, organisation and completion date of its current version, its code, and its status (valid,
revoked with the date, being issued). Never the reason for a revocation, nor anything about the
resident beyond the name printed on the certificate. Every look-up that reaches the database is
counted per client address (certificates.verification_throttle). The pages carry
``X-Robots-Tag: noindex``: a name on a certificate is not for search engines.
"""

import math
from dataclasses import dataclass

from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from certificates import selectors, verification_throttle
from certificates.models import CertificateVersion, format_certificate_code, normalise_certificate_code
from certificates.open_badges import open_badge_credential
from certificates.verification_forms import CertificateFileForm, CertificateLookupForm, certificate_code_error


@require_http_methods(["GET", "HEAD", "POST"])
def lookup(request):
    """The lookup page: a code typed in the form (GET ``kode``) leads to its page; a PDF posted
    here is hashed and compared with every file ever issued, then forgotten."""
    code_form = CertificateLookupForm(request.GET) if "kode" in request.GET else CertificateLookupForm()
    file_form = CertificateFileForm()
    file_check = None
    if request.method == "POST":
        retry_at = verification_throttle.lookup_record(request)
        if retry_at is not None:
            return _too_many(request, retry_at)
        file_form = CertificateFileForm(request.POST, request.FILES)
        if file_form.is_valid():
            file_check = _file_check(file_form.cleaned_data["sha256"])
            file_form = CertificateFileForm()  # ready for the next file
    elif code_form.is_bound and code_form.is_valid():
        return redirect("certificates:verify", code=code_form.cleaned_data["kode"])
    context = {"code_form": code_form, "file_form": file_form, "file_check": file_check}
    return _fresh_and_unindexed(TemplateResponse(request, "certificates/lookup.html", context))


@require_safe
def verify(request, code):
    """One certificate's page; a code typed with dashes or small letters moves to its canonical address."""
    canonical = normalise_certificate_code(code)
    problem = certificate_code_error(canonical)
    if problem:
        return _not_found(request, problem=problem)
    if canonical != code:
        return redirect("certificates:verify", code=canonical, permanent=True)
    retry_at = verification_throttle.lookup_record(request)
    if retry_at is not None:
        return _too_many(request, retry_at)
    certificate = selectors.certificate_by_code(code=canonical)
    if certificate is None:
        return _not_found(request, code=canonical)
    context = {"certificate": certificate, "version": certificate.current_version}
    if certificate.is_revoked:
        # Whom the holder asks about it: an organisation's public contact, nothing about the resident.
        context["contact"] = selectors.revocation_contacts(enrolment_ids=[certificate.enrolment_id]).get(
            certificate.enrolment_id
        )
    return _fresh_and_unindexed(TemplateResponse(request, "certificates/verify.html", context))


@require_safe
def credential(request, code):
    """The certificate as an Open Badges 3.0 credential (certificates.open_badges says what it holds)."""
    canonical = normalise_certificate_code(code)
    if certificate_code_error(canonical):
        return _json_error(_("No certificate has this code."), status=404)
    if canonical != code:
        return redirect("certificates:credential", code=canonical, permanent=True)
    retry_at = verification_throttle.lookup_record(request)
    if retry_at is not None:
        response = _json_error(_("Too many look-ups from this network. Try again later."), status=429)
        response["Retry-After"] = str(_seconds_until(retry_at))
        return response
    certificate = selectors.certificate_by_code(code=canonical)
    if certificate is None:
        return _json_error(_("No certificate has this code."), status=404)
    version = certificate.current_version
    if version is None:
        return _json_error(_("This certificate is still being issued. Try again in a few minutes."), status=404)
    body = open_badge_credential(certificate=certificate, version=version, course=certificate.enrolment.course)
    response = JsonResponse(body, content_type="application/ld+json", json_dumps_params={"ensure_ascii": False})
    # Wallets and validators in a browser read it from other sites; it holds only public facts.
    response["Access-Control-Allow-Origin"] = "*"
    return _fresh_and_unindexed(response)


@dataclass(frozen=True)
class FileCheck:
    """What an uploaded file is: ``current``, ``superseded``, ``revoked`` or ``unknown`` (never issued as it is)."""

    state: str
    version: CertificateVersion | None = None

    @property
    def certificate(self):
        return self.version.certificate if self.version is not None else None


def _file_check(sha256):
    version = selectors.version_by_sha256(sha256=sha256)
    if version is None:
        return FileCheck("unknown")
    if version.certificate.is_revoked:
        return FileCheck("revoked", version)
    if version.superseded_at is not None:
        return FileCheck("superseded", version)
    return FileCheck("current", version)


def _not_found(request, *, code=None, problem=None):
    """404 with the lookup form, filled with the code as it would be printed, to correct it."""
    initial = {"kode": format_certificate_code(code)} if code else {}
    context = {
        "code_form": CertificateLookupForm(initial=initial),
        "display_code": format_certificate_code(code) if code else "",
        "problem": problem,
    }
    return _fresh_and_unindexed(TemplateResponse(request, "certificates/verify_not_found.html", context, status=404))


def _too_many(request, retry_at):
    seconds = _seconds_until(retry_at)
    context = {
        "retry_at": timezone.localtime(retry_at),
        "minutes": max(1, math.ceil(seconds / 60)),
        "limit": verification_throttle.LOOKUP_LIMIT,
        "window_minutes": int(verification_throttle.WINDOW.total_seconds() // 60),
    }
    response = TemplateResponse(request, "certificates/verify_too_many.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return _fresh_and_unindexed(response)


def _seconds_until(moment):
    return max(1, math.ceil((moment - timezone.now()).total_seconds()))


def _json_error(message, *, status):
    response = JsonResponse({"error": message}, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return _fresh_and_unindexed(response)


def _fresh_and_unindexed(response):
    """Status changes (a revocation) show at once, and search engines leave the pages alone."""
    patch_cache_control(response, no_cache=True)
    response["X-Robots-Tag"] = "noindex"
    return response
