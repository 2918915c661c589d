"""How plain values read where staff and residents see them: on admin screens and in downloaded files."""

from django.utils.translation import gettext


def yes_no(value):
    """ "Ya" or "Tidak" rather than True or False. Django's own msgids, so translated without our catalogue."""
    return gettext("Yes") if value else gettext("No")
