"""A meeting's calendar file and a kelurahan's subscribable calendar, parsed back with the icalendar library."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from tests import factories

pytestmark = pytest.mark.django_db

WITA = zoneinfo.ZoneInfo("Asia/Makassar")
GUNUNG_BAHAGIA = "6471010006"


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = "https://sekolahwarga.example.id"
    return settings.SITE_URL


@pytest.fixture
def forum(site_tree, site_url):
    return factories.forum_page(
        site_tree["forums"],
        title="Musyawarah Kelurahan Gunung Bahagia",
        starts_at=datetime.datetime(2031, 3, 1, 9, 0, tzinfo=WITA),
        ends_at=datetime.datetime(2031, 3, 1, 11, 30, tzinfo=WITA),
        venue="Aula Kantor Kelurahan Gunung Bahagia",
        latitude=Decimal("-1.262500"),
        longitude=Decimal("116.838100"),
        agenda="<ul><li>Laporan kelurahan</li><li>Drainase &amp; sampah</li></ul><p>Tanya <b>jawab</b></p>",
    )


@pytest.fixture
def english(client):
    """The texts this file adds are read in English: their Indonesian is added with the locale files."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def parse(response):
    return Calendar.from_ical(response.content)


def test_a_meetings_file_is_a_calendar_attachment_with_its_time_zone_location_and_address(client, forum, site_url):
    response = client.get(f"/forum/{forum.slug}/kalender/")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{forum.slug}.ics"'
    calendar = parse(response)
    assert calendar["VERSION"] == "2.0"
    assert calendar["METHOD"] == "PUBLISH"
    assert "Sekolah Warga" in calendar["PRODID"]
    [zone] = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Asia/Makassar"
    assert zone.walk("STANDARD")[0]["TZNAME"] == "WITA"
    [event] = calendar.events
    assert event["UID"] == f"forum-{forum.pk}@sekolahwarga.example.id"
    assert event["SUMMARY"] == "Musyawarah Kelurahan Gunung Bahagia"
    assert event.start == datetime.datetime(2031, 3, 1, 9, 0, tzinfo=WITA)
    assert event.start.utcoffset() == datetime.timedelta(hours=8)
    assert event["DTSTART"].params["TZID"] == "Asia/Makassar"
    assert event.end == datetime.datetime(2031, 3, 1, 11, 30, tzinfo=WITA)
    assert event["LOCATION"] == "Aula Kantor Kelurahan Gunung Bahagia, Kelurahan Gunung Bahagia"
    assert (event["GEO"].latitude, event["GEO"].longitude) == (-1.2625, 116.8381)
    assert event["URL"] == f"{site_url}/forum/{forum.slug}/"
    assert event["DTSTAMP"].dt.tzinfo is not None


def test_the_description_is_the_agenda_as_plain_text_with_the_organiser(english, client, forum, site_url):
    event = parse(client.get(f"/forum/{forum.slug}/kalender/")).events[0]

    description = str(event["DESCRIPTION"])
    assert "<" not in description
    assert "- Laporan kelurahan\n- Drainase & sampah\nTanya jawab" in description
    assert "Organiser: Kelurahan Gunung Bahagia" in description
    assert f"{site_url}/forum/{forum.slug}/" in description


def test_a_venue_without_coordinates_has_no_geo(client, site_tree):
    forum = factories.forum_page(site_tree["forums"])

    [event] = parse(client.get(f"/forum/{forum.slug}/kalender/")).events

    assert "GEO" not in event
    assert event["LOCATION"] == "Aula Kantor Kelurahan Gunung Bahagia, Kelurahan Gunung Bahagia"


def test_a_draft_meeting_has_no_calendar_file(client, forum):
    forum.unpublish()

    assert client.get(f"/forum/{forum.slug}/kalender/").status_code == 404


def test_a_private_meeting_has_no_calendar_file_even_for_a_visitor_allowed_to_read_it(client, forum):
    PageViewRestriction.objects.create(page=forum, restriction_type=PageViewRestriction.LOGIN)

    anonymous = client.get(f"/forum/{forum.slug}/kalender/")
    client.force_login(factories.resident())
    signed_in = client.get(f"/forum/{forum.slug}/kalender/")

    assert anonymous.status_code != 200 and "text/calendar" not in anonymous.get("Content-Type", "")
    assert signed_in.status_code == 404


def test_a_kelurahans_calendar_lists_its_coming_and_recent_meetings_for_subscribing(
    english, client, site_tree, site_url
):
    now = timezone.now()
    index = site_tree["forums"]
    coming = factories.forum_page(index, title="Forum Bulan Depan", starts_at=now + datetime.timedelta(days=20))
    recent = factories.forum_page(index, title="Forum Bulan Lalu", starts_at=now - datetime.timedelta(days=30))
    factories.forum_page(index, title="Forum Lama", starts_at=now - datetime.timedelta(days=120))
    draft = factories.forum_page(index, title="Forum Draf", starts_at=now + datetime.timedelta(days=50))
    draft.unpublish()
    private = factories.forum_page(index, title="Forum Tertutup", starts_at=now + datetime.timedelta(days=40))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    elsewhere = factories.kelurahan("6471010005", "Damai")
    factories.forum_page(index, title="Forum Damai", kelurahan=elsewhere, starts_at=now + datetime.timedelta(days=3))

    response = client.get(f"/forum/kalender/{GUNUNG_BAHAGIA}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert not response["Content-Disposition"].startswith("attachment")
    calendar = parse(response)
    assert str(calendar["X-WR-CALNAME"]) == "Forums of Kelurahan Gunung Bahagia"
    assert calendar["X-WR-TIMEZONE"] == "Asia/Makassar"
    assert calendar["REFRESH-INTERVAL"].dt == datetime.timedelta(hours=12)
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Asia/Makassar"
    assert [str(event["SUMMARY"]) for event in calendar.events] == ["Forum Bulan Lalu", "Forum Bulan Depan"]
    assert {str(event["UID"]) for event in calendar.events} == {
        f"forum-{recent.pk}@sekolahwarga.example.id",
        f"forum-{coming.pk}@sekolahwarga.example.id",
    }


def test_a_meeting_has_the_same_uid_in_its_file_and_in_the_kelurahans_calendar(client, forum):
    own = parse(client.get(f"/forum/{forum.slug}/kalender/")).events[0]["UID"]
    subscribed = parse(client.get(f"/forum/kalender/{GUNUNG_BAHAGIA}/")).events[0]["UID"]

    assert own == subscribed


def test_a_kelurahan_without_meetings_gets_an_empty_valid_calendar(english, client, site_tree):
    factories.kelurahan("6471010005", "Damai")

    response = client.get("/forum/kalender/6471010005/")

    assert response.status_code == 200
    calendar = parse(response)
    assert calendar.events == []
    assert calendar["VERSION"] == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "Forums of Kelurahan Damai"
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Asia/Makassar"


@pytest.mark.parametrize("code", ["9999999999", "6471010", "6471", "bukan-kode"])
def test_an_unknown_code_or_one_of_a_kecamatan_or_city_is_not_found(client, site_tree, code):
    factories.region_chain()

    assert client.get(f"/forum/kalender/{code}/").status_code == 404
