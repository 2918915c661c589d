from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import current_password_field
from accounts.lockout import password_confirm


class AccountDeleteForm(forms.Form):
    """The password again before deleting: a wrong one counts in the log-in lock-out (accounts.lockout)."""

    password = current_password_field(
        label=_("Your password"),
        help_text=_("To be sure it is you: deleting cannot be undone."),
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not password_confirm(request=self.request, password=password):
            raise forms.ValidationError(_("This is not your password. Nothing was deleted."))
        return password
