"""The resident's own certificate file: only its owner downloads it."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

from certificates import selectors
from certificates.models import normalise_certificate_code


@login_required
@require_GET
def download(request, code):
    """The current PDF of the resident's certificate; anyone else's code is "not found", not "forbidden",
    so the address says nothing about whose certificates exist."""
    certificate = selectors.certificate_of_owner(code=normalise_certificate_code(code), user=request.user)
    if certificate is None or certificate.current_version is None or certificate.is_revoked:
        raise Http404
    version = certificate.current_version
    response = FileResponse(
        version.pdf.open("rb"), as_attachment=True, filename=f"sertifikat-{certificate.display_code}.pdf"
    )
    response["Cache-Control"] = "private, no-store"
    return response
