"""Forum meetings as iCalendar (RFC 5545), for residents' phone calendars.

Two files, both routes of the Wagtail pages (participation.models.pages):

- ``/forum/<slug>/kalender/``: one meeting, downloaded and opened by the calendar app;
- ``/forum/kalender/<kelurahan-code>/``: a kelurahan's meetings, coming and of the last
  ``RECENT_DAYS`` days, as an address to subscribe to: the calendar app fetches it again every
  ``REFRESH_INTERVAL`` and so learns of new meetings and changed times.

Only live, public meetings are in either: a draft, a private meeting (or one below a private index)
and an unknown kelurahan code are "not found". Every event has a stable UID (``forum-<pk>@<host>``),
so a meeting in both files, or fetched again after a change, is one entry in the resident's calendar,
updated rather than doubled. Times carry their time zone (WITA, with its VTIMEZONE): a phone set to
another zone shows the meeting at the right moment.
"""

import datetime
import re
import zoneinfo
from html import unescape

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone

from core.site_address import absolute_url, site_host
from participation.models import ForumPage
from regions.models import Region

CONTENT_TYPE = "text/calendar; charset=utf-8"
# A kelurahan's calendar keeps the meetings of this many days back, so a resident still finds last
# month's meeting (and its page, with the minutes) from their calendar.
RECENT_DAYS = 90
# How often a subscribed calendar app is asked to fetch the kelurahan's calendar again.
REFRESH_INTERVAL = datetime.timedelta(hours=12)
PRODUCT_ID = "-//Sekolah Warga//Forum Warga//ID"


def forum_calendar_response(request, *, page):
    """One meeting's .ics file, as an attachment named after the meeting."""
    if not _is_public(page):
        raise Http404
    calendar = _calendar()
    calendar.add_component(forum_event(page, stamp=timezone.now()))
    response = _response(calendar)
    filename = f"{slugify(page.slug) or 'forum'}.ics"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


def kelurahan_calendar_response(request, *, page, kelurahan_code):
    """A kelurahan's forum meetings under this index, coming and recent, as a calendar to subscribe to.
    A kelurahan with no meetings gets a valid calendar without events; anything but a kelurahan's code,
    "not found"."""
    kelurahan = Region.objects.filter(code=kelurahan_code, level=Region.Level.VILLAGE).first()
    if kelurahan is None or not _is_public(page):
        raise Http404
    now = timezone.now()
    calendar = _calendar()
    name = _("Forums of Kelurahan %(kelurahan)s") % {"kelurahan": kelurahan.name}
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add(
        "x-wr-caldesc",
        _(
            "The public forums of Kelurahan %(kelurahan)s on Sekolah Warga: coming meetings and those of the last "
            "%(days)s days."
        )
        % {"kelurahan": kelurahan.name, "days": RECENT_DAYS},
    )
    calendar.add("refresh-interval", REFRESH_INTERVAL)
    calendar.add("x-published-ttl", REFRESH_INTERVAL)  # the same, for calendar apps that read only this
    route = page.reverse_subpage("kelurahan_calendar", kwargs={"kelurahan_code": kelurahan.code})
    calendar.add("url", _absolute_url(page, route))
    for forum in kelurahan_forums(index_page=page, kelurahan=kelurahan, now=now):
        calendar.add_component(forum_event(forum, stamp=now))
    response = _response(calendar)
    filename = f"forum-{slugify(kelurahan.name) or kelurahan.code}.ics"
    response["Content-Disposition"] = content_disposition_header(as_attachment=False, filename=filename)
    return response


def kelurahan_forums(*, index_page, kelurahan, now):
    """The live, public meetings of `kelurahan` under `index_page` that have not ended more than
    RECENT_DAYS ago, soonest first."""
    return (
        ForumPage.objects.child_of(index_page)
        .live()
        .public()
        .filter(kelurahan=kelurahan, ends_at__gte=now - datetime.timedelta(days=RECENT_DAYS))
        .select_related("kelurahan")
        .order_by("starts_at", "pk")
    )


def forum_event(forum, *, stamp):
    """The VEVENT of one meeting."""
    zone = forum_time_zone()
    event = Event()
    event.add("uid", forum_uid(forum))
    event.add("dtstamp", stamp)
    event.add("dtstart", timezone.localtime(forum.starts_at, zone))
    event.add("dtend", timezone.localtime(forum.ends_at, zone))
    if forum.last_published_at:
        event.add("last-modified", forum.last_published_at)
    event.add("summary", forum.title)
    event.add("location", forum_location(forum))
    if forum.latitude is not None and forum.longitude is not None:
        event.add("geo", (float(forum.latitude), float(forum.longitude)))
    event.add("description", forum_description(forum))
    url = _absolute_url(forum)
    if url:
        event.add("url", url)
    event.add("status", "CONFIRMED")
    return event


def forum_uid(forum):
    """Stable for the meeting whatever changes on it: its page's id and the site's host name."""
    return f"forum-{forum.pk}@{site_host()}"


def forum_location(forum):
    return _("%(venue)s, Kelurahan %(kelurahan)s") % {"venue": forum.venue, "kelurahan": forum.kelurahan.name}


def forum_description(forum):
    """The agenda as plain text (a calendar shows no HTML), who runs the meeting and where to register."""
    parts = []
    agenda = rich_text_as_plain_text(forum.agenda)
    if agenda:
        parts.append(_("Agenda:") + "\n" + agenda)
    parts.append(_("Organiser: %(organiser)s") % {"organiser": forum.organiser_name})
    parts.append(_("Details and registration: %(url)s") % {"url": _absolute_url(forum)})
    return "\n\n".join(parts)


def rich_text_as_plain_text(html):
    """Paragraphs on lines of their own, list items as "- item"; links keep their words only."""
    text = re.sub(r"<li[^>]*>", "- ", html or "", flags=re.IGNORECASE)
    text = re.sub(r"</(p|li|h\d|blockquote|ul|ol)>|<br\s*/?>", "\n", text, flags=re.IGNORECASE)
    text = unescape(strip_tags(text))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def forum_time_zone():
    """WITA: the site's time zone (Balikpapan), in which every forum is held."""
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def _calendar():
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    # The zone's definition, so that calendar apps need no time-zone database of their own.
    calendar.add_component(Timezone.from_tzid(settings.TIME_ZONE))
    return calendar


def _response(calendar):
    return HttpResponse(calendar.to_ical(), content_type=CONTENT_TYPE)


def _is_public(page):
    """Live, and neither it nor an ancestor is private (a logged-in visitor who passes the restriction
    still gets no file: a calendar file travels, and its URL with it)."""
    return page.live and not page.get_view_restrictions().exists()


def _absolute_url(page, route=""):
    """The page's public address on SITE_URL, as the site's other links that leave it (e-mails, QR codes)."""
    parts = page.get_url_parts()
    if parts is None:  # not under any site: no public address
        return ""
    return absolute_url(f"{parts[2]}{route}")
