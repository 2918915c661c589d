"""Reads for the accounts app."""

from django.contrib.auth import get_user_model

from accounts.models import PrivacyNoticeSettings
from accounts.validators import normalise_identifier
from regions.models import Region

# Residents sign up for a kelurahan of the city the site serves: Kota Balikpapan's BPS code.
# BPS codes nest (6471 → 6471010 → 6471010006), so the city's kelurahan share its prefix.
SERVICE_AREA_CODE = "6471"


def user_by_identifier(raw):
    """The account that an e-mail address, a phone number or a username, as typed, belongs to; or None.

    E-mail and phone are compared in their stored form (lower case, +62…); a username as
    typed, because usernames are case-sensitive. A username never shadows someone else's
    e-mail or phone.
    """
    text = (raw or "").strip()
    if not text:
        return None
    accounts = get_user_model()._default_manager
    key = normalise_identifier(text)
    user = None
    if "@" in key:
        user = accounts.filter(email=key).first()
    elif key.startswith("+62"):
        user = accounts.filter(phone=key).first()
    return user or accounts.filter(username=text).first()


def kelurahan_for_sign_up():
    """The kelurahan a resident may choose, with their kecamatan, grouped by kecamatan name."""
    return (
        Region.objects.filter(level=Region.Level.VILLAGE, code__startswith=SERVICE_AREA_CODE)
        .select_related("parent")
        .order_by("parent__name", "name")
    )


def privacy_notice_url(request):
    """The address of the privacy notice chosen for this request's site (Settings → Privacy notice), or "".

    "" when no page is chosen, the chosen page is not published, or no site answers the request:
    pages then show no link rather than one that leads nowhere. The one place that says where the
    notice is; the consent pages, the profile and the consent-renewal middleware all ask it.
    """
    try:
        chosen = PrivacyNoticeSettings.for_request(request)
    except PrivacyNoticeSettings.DoesNotExist:  # no Wagtail site for this host
        return ""
    page = chosen.privacy_notice_page
    if page is None or not page.live:
        return ""
    return page.get_url(request) or ""
