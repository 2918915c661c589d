"""Authentication backends (settings.AUTHENTICATION_BACKENDS, in this order)."""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from accounts import selectors


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' guard: refuses a log-in while its account is locked out from this address.

    Without a request (a management command, the test client's ``login()``) there is no
    address to key a lock-out on and nobody guessing over the network: step aside, where
    axes itself would raise an error.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class EmailPhoneUsernameBackend(ModelBackend):
    """Log in with an e-mail address or a phone number (in any common spelling), or a username.

    Residents never see their username; staff and demo accounts use theirs.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if not username or password is None:
            return None
        user = selectors.user_by_identifier(username)
        if user is None:
            # Hash anyway, so that a missing account takes as long as a wrong password.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
