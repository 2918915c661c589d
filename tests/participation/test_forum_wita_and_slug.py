"""A forum's times read in WITA wherever they are shown, whatever the reader's time zone; and no forum takes
the address of the forum list's own calendars."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone, translation

from notices.models import Notice
from participation.forum_registration import forum_cancel, forum_register
from tests import factories

pytestmark = pytest.mark.django_db

WITA = ZoneInfo("Asia/Makassar")


@pytest.fixture
def forum(site_tree):
    starts_at = datetime.datetime(2030, 3, 2, 9, 0, tzinfo=WITA)
    return factories.forum_page(site_tree["forums"], starts_at=starts_at, capacity=1)


def test_staff_who_chose_wib_read_the_meeting_in_wita(forum):
    with timezone.override("Asia/Jakarta"), translation.override("id"):
        text = render_to_string("participation/includes/forum_when.html", {"forum": forum})

    assert "09.00" in text and "11.00" in text and "WITA" in text
    assert "08.00" not in text


def test_the_move_up_notice_says_the_time_in_wita_when_a_wib_admin_frees_the_place(forum, monkeypatch):
    first, second = factories.resident(username="ani"), factories.resident(username="budi")
    before = datetime.datetime(2030, 3, 1, 9, 0, tzinfo=WITA)
    forum_register(forum=forum, user=first, now=before)
    forum_register(forum=forum, user=second, now=before)

    with timezone.override("Asia/Jakarta"):
        forum_cancel(forum=forum, user=first, now=before)

    notice = Notice.objects.get(user=second)
    assert "09.00" in notice.body and "08.00" not in notice.body


def test_a_forum_cannot_take_the_address_of_the_kelurahan_calendars(site_tree):
    forum = factories.forum_page(site_tree["forums"], title="Kalender Forum")
    forum.slug = "kalender"

    with pytest.raises(ValidationError) as refused:
        forum.full_clean()

    assert "slug" in refused.value.message_dict
