"""Authentication backends (settings.AUTHENTICATION_BACKENDS, in this order)."""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

from accounts import selectors
from core.compiled_reads import read_compiled


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

    def get_user(self, user_id):
        """The session's user, as ``ModelBackend.get_user`` reads it, by a statement compiled once.

        Every logged-in request reads its user; building and compiling ``User.objects.get(pk=...)``
        cost the web worker about 0.5 ms CPU, a tenth of a resident's module page, for a query the
        database answers in a fraction of that. Django still checks the session's password hash
        against the user read here (``django.contrib.auth.get_user``).
        """
        try:
            user_id = get_user_model()._meta.pk.to_python(user_id)
        except ValidationError:  # not an id: no user, as the ORM's lookup would find none
            return None
        found = read_compiled("session_user", _user_by_pk, user_id)
        if not found:
            return None
        return found[0] if self.user_can_authenticate(found[0]) else None


def _user_by_pk(pk):
    return get_user_model()._default_manager.filter(pk=pk)
