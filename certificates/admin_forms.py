"""Forms of the certificate actions in the admin: the reason for a revocation, the kind of a class's bulk job."""

from django import forms
from django.utils.translation import gettext_lazy as _

from certificates.models import CertificateBatch


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revocation"),
        help_text=_("Kept for government staff and the audit log; the public verification page never shows it."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Give the reason for revoking this certificate.")},
    )


class BatchForm(forms.Form):
    kind = forms.ChoiceField(
        choices=CertificateBatch.Kind.choices,
        error_messages={"required": _("Choose what to do."), "invalid_choice": _("Choose what to do.")},
    )
