"""Wagtail's user editor, with one change: editing oneself changes no e-mail and no password.

Both would let a stolen session take the account over (the password-reset link goes to the e-mail).
They are changed on the account page (/admin/account/), which asks for the current password and
counts wrong ones in the log-in lock-out (accounts.lockout.password_confirm).
"""

from wagtail.users.forms import UserEditForm as WagtailUserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet


class UserEditForm(WagtailUserEditForm):
    def __init__(self, *args, editing_self=False, **kwargs):
        self.editing_self = editing_self  # read by password_enabled during the parent's __init__
        super().__init__(*args, editing_self=editing_self, **kwargs)
        if editing_self:
            del self.fields["email"]

    @property
    def password_enabled(self):
        return not self.editing_self and super().password_enabled


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return UserEditForm if for_update else super().get_form_class(for_update)
