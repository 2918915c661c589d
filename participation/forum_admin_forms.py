"""The form of a forum organiser's door in the admin (participation.forum_admin_views). The questions'
answers are checked by participation.forum_questions itself, which says what is wrong."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.selectors import user_by_identifier
from participation.models import ForumRegistration


class DoorAddForm(forms.Form):
    """Someone who is at the door: a resident without an account, by name (and a gender if they give
    one, for the attendance figures), or an account holder, found as they log in."""

    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=ForumRegistration._meta.get_field("name").max_length,
        required=False,
        help_text=gettext_lazy("For someone without an account: the name they give."),
    )
    gender = forms.ChoiceField(
        label=gettext_lazy("Gender"),
        choices=[("", gettext_lazy("Not given"))] + list(ForumRegistration._meta.get_field("gender").choices),
        required=False,
    )
    account = forms.CharField(
        label=gettext_lazy("Or their account"),
        max_length=254,
        required=False,
        help_text=gettext_lazy("The username, e-mail address or phone number they log in with."),
    )

    def clean_account(self):
        identifier = self.cleaned_data["account"].strip()
        if not identifier:
            return None
        user = user_by_identifier(identifier)
        if user is None or not user.is_active:
            raise forms.ValidationError(_("No active account has this username, e-mail address or phone number."))
        return user

    def clean(self):
        cleaned = super().clean()
        name, user = (cleaned.get("name") or "").strip(), cleaned.get("account")
        if "account" in self.errors:
            return cleaned
        if name and user is not None:
            raise forms.ValidationError(_("Give either a name or an account, not both."))
        if not name and user is None:
            self.add_error("name", _("Write the name of the person you are adding, or give their account."))
        if user is not None and cleaned.get("gender"):
            # An account holder's gender is on their profile; the choice is for those without one.
            cleaned["gender"] = ""
        cleaned["name"] = name
        return cleaned
