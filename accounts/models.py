from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """An account: a resident, an NGO partner or a member of government staff.

    Many residents have a phone number and no e-mail address, so either may be missing,
    but each one that is given belongs to one account only. Both are stored normalised
    (e-mail in lower case, phone as +62…) so that uniqueness means what people expect.
    Residents' full names are kept whole in ``first_name``: many Indonesians have a
    single name, and splitting a name into first and last would be wrong for them.
    """

    email = models.EmailField(_("email address"), blank=True, null=True, unique=True)
    phone = models.CharField(_("phone number"), max_length=20, blank=True, null=True, unique=True)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    def save(self, *args, **kwargs):
        # Forms give "" for an empty field; NULL keeps many contact-less accounts unique.
        self.email = self.email.strip().lower() if self.email else None
        self.phone = self.phone or None
        super().save(*args, **kwargs)
