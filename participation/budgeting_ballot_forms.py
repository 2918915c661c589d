"""The ballot's form: the proposals the resident ticked, as ids. It only reads them; whether they may be
chosen, and whether they fit the call's rule, is participation.budgeting_ballots' to say."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ProposalIdsField(forms.Field):
    """The ticked checkboxes named ``proposal``: a list of whole numbers, none ticked being a choice too
    (withdrawing the ballot)."""

    widget = forms.CheckboxSelectMultiple
    default_error_messages = {"invalid": _("The choice sent is not a list of proposals: choose again from the list.")}

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return []
        if not isinstance(value, (list, tuple)):
            value = [value]
        try:
            return sorted({int(item) for item in value})
        except (TypeError, ValueError):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class BallotForm(forms.Form):
    proposal = ProposalIdsField(label=_("Proposals"))
