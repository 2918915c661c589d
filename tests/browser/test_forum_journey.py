"""A forum on a 360 px phone: from a course page a resident finds the forum it prepares for, logs in,
registers ("Saya akan hadir"), takes the meeting's calendar file and finds the forum on /saya/."""

import pytest
from django.utils import timezone, translation
from icalendar import Calendar
from playwright.sync_api import expect

from participation.models import ForumPage, ForumRegistration
from tests.browser.test_learning_journey_in_browser import assert_fits_and_accessible

pytestmark = pytest.mark.django_db(transaction=True)

COURSE = "/kursus/anggaran-kelurahan-desa-dan-musrenbang/"


def in_indonesian(text, context=None):
    """The text as residents read it, whether or not its translation is in the locale files yet."""
    with translation.override("id"):
        return translation.pgettext(context, text) if context else translation.gettext(text)


def test_a_resident_finds_the_forum_from_a_course_registers_takes_the_calendar_and_sees_it_on_the_dashboard(
    demo_site, live_server, new_tab
):
    phone = new_tab()  # anonymous, Indonesian, 360 px
    phone.goto(live_server.url + COURSE)
    prepares = phone.get_by_role("region", name=in_indonesian("This course prepares you for"))
    forum_link = prepares.locator("a[href^='/forum/']").first
    title = forum_link.inner_text().strip()
    forum = ForumPage.objects.live().get(title=title)
    forum_link.click()

    assert phone.url == live_server.url + forum.url
    expect(phone.get_by_role("heading", level=1)).to_have_text(title)
    assert_fits_and_accessible(phone)

    # Log in from the forum and come back to it.
    phone.get_by_role("link", name=in_indonesian("Log in to register")).click()
    phone.locator("input[name=username]").fill("warga1")
    phone.locator("input[name=password]").fill("demo12345")
    phone.locator("form button[type=submit]").first.click()
    assert phone.url == live_server.url + forum.url

    # "Saya akan hadir", or the waiting list if the demo's meeting is already full.
    register = phone.get_by_role("button", name=in_indonesian("I will attend"))
    if not register.count():
        register = phone.get_by_role("button", name=in_indonesian("Join the waiting list"))
    register.click()
    registration = ForumRegistration.objects.get(forum=forum, user__username="warga1")
    assert registration.status in (ForumRegistration.Status.REGISTERED, ForumRegistration.Status.WAITING)
    expect(phone.locator(".messages")).to_be_visible()
    expect(phone.get_by_role("button", name=in_indonesian("Cancel", "forum registration"))).to_be_visible()
    assert_fits_and_accessible(phone)

    # The meeting's calendar file.
    with phone.expect_download() as download:
        phone.get_by_role("link", name=in_indonesian("Add to my calendar (.ics file)")).click()
    calendar = Calendar.from_ical(download.value.path().read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    assert str(events[0]["SUMMARY"]) == title
    assert forum.venue in str(events[0]["LOCATION"])

    # On the dashboard.
    phone.goto(live_server.url + "/saya/")
    mine = phone.get_by_role("region", name=in_indonesian("My forums"))
    expect(mine.get_by_role("link", name=title)).to_be_visible()
    assert_fits_and_accessible(phone)

    # A past meeting: minutes, decisions and who came, on the same phone.
    past = ForumPage.objects.live().filter(ends_at__lt=timezone.now()).order_by("-starts_at").first()
    if past is not None:
        phone.goto(live_server.url + past.url)
        expect(phone.get_by_role("heading", name=in_indonesian("Who came"))).to_be_visible()
        assert_fits_and_accessible(phone)
