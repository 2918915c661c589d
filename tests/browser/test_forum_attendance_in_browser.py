"""A forum's organiser at the meeting, on a laptop: from the page explorer to the participants, then the
attendance list ticked."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from participation.forum_registration import forum_register
from participation.models import ForumRegistration
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture
def forum(wagtail_root):
    tree = factories.site_tree(factories.home_page())
    forum = factories.forum_page(
        tree["forums"], title="Rembuk Warga Gunung Bahagia", starts_at=timezone.now() + datetime.timedelta(minutes=30)
    )
    for username, name in (("ani", "Ani Lestari"), ("budi", "Budi Santoso")):
        resident = factories.resident(username=username)
        resident.first_name = name
        resident.save()
        forum_register(forum=forum, user=resident)
    return forum


def test_the_organiser_opens_the_participants_from_the_explorer_and_ticks_attendance(forum, new_tab, live_server):
    staff = factories.kelurahan_staff()
    tab = new_tab(staff, viewport=LAPTOP)

    tab.goto(f"{live_server.url}/admin/pages/{forum.get_parent().pk}/")
    row = tab.get_by_role("row").filter(has_text="Rembuk Warga Gunung Bahagia")
    row.get_by_role("button", name=re.compile("Rembuk Warga Gunung Bahagia")).click()
    row.get_by_role("link", name=re.compile("^(Peserta|Participants)$")).click()

    expect(tab.get_by_role("heading", name=re.compile("Rembuk Warga Gunung Bahagia"))).to_be_visible()
    expect(tab.locator("#terdaftar")).to_contain_text("Ani Lestari")
    tab.get_by_role("link", name=re.compile("^(Daftar hadir|Attendance list)$")).click()
    tab.get_by_label("Ani Lestari").check()
    tab.get_by_role("button", name=re.compile("^(Simpan kehadiran|Save attendance)$")).click()

    expect(tab.get_by_text(re.compile("1 (hadir|present)")).first).to_be_visible()
    ani = ForumRegistration.objects.get(forum=forum, user__username="ani")
    assert (ani.attendance_method, ani.recorded_by) == (ForumRegistration.Method.LIST, staff)
    assert ForumRegistration.objects.get(forum=forum, user__username="budi").attended_at is None
