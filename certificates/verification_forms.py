"""The two public verification forms: look up a code, or check a certificate's PDF file."""

import hashlib

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from certificates.models import CODE_ALPHABET, CODE_LENGTH, normalise_certificate_code
from core.forms import SingleLineCharField

# A certificate PDF is about 100 KB; anything near this is not one of ours.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
_PDF_MAGIC = b"%PDF-"


def certificate_code_error(code):
    """What is wrong with a normalised code, for the person who typed it; None when it is well formed."""
    strange = sorted({character for character in code if character not in CODE_ALPHABET})
    if strange:
        return ngettext(
            "A certificate code has only the letters and numbers printed on the certificate; "
            "this character is never used: %(characters)s.",
            "A certificate code has only the letters and numbers printed on the certificate; "
            "these characters are never used: %(characters)s.",
            len(strange),
        ) % {"characters": " ".join(strange)}
    if len(code) != CODE_LENGTH:
        return ngettext(
            "A certificate code has %(length)d letters and numbers; you typed %(count)d.",
            "A certificate code has %(length)d letters and numbers; you typed %(count)d.",
            len(code),
        ) % {"length": CODE_LENGTH, "count": len(code)}
    return None


class CertificateLookupForm(forms.Form):
    kode = SingleLineCharField(
        label=_("Certificate code"),
        max_length=40,
        help_text=_(
            "Printed on the certificate, for example 7KQ2-MX9D-4T. Dashes, spaces and small letters are fine."
        ),
        error_messages={"required": _("Type the code printed on the certificate.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false", "inputmode": "text"}
        ),
    )

    def clean_kode(self):
        code = normalise_certificate_code(self.cleaned_data["kode"])
        error = certificate_code_error(code)
        if error:
            raise forms.ValidationError(error)
        return code


class CertificateFileForm(forms.Form):
    """A PDF to compare with the files we issued; read once to hash it and never stored."""

    berkas = forms.FileField(
        label=_("Certificate PDF file"),
        help_text=_("The PDF file exactly as it was downloaded from Sekolah Warga, at most 5 MB."),
        allow_empty_file=True,  # refused below, with our own message
        error_messages={
            "required": _("Choose the certificate's PDF file."),
            "invalid": _("No file was received. Choose the certificate's PDF file and try again."),
        },
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean_berkas(self):
        upload = self.cleaned_data["berkas"]
        if not upload.size:
            raise forms.ValidationError(_("The file is empty. Choose the certificate's PDF file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s; a certificate's PDF file is at most 5 MB.")
                % {"size": filesizeformat(upload.size)}
            )
        digest = hashlib.sha256()
        first = b""
        for chunk in upload.chunks():
            if not first:
                first = chunk[: len(_PDF_MAGIC)]
            digest.update(chunk)
        if first != _PDF_MAGIC:
            raise forms.ValidationError(_("This is not a PDF file. Choose the certificate's PDF file."))
        self.cleaned_data["sha256"] = digest.hexdigest()
        return upload
