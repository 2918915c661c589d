"""The resident's forums on /saya/ ("My participation"): coming meetings they registered for or wait for
(with their place on the list) and past meetings they attended, linking to the minutes and decisions; in a
constant number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from participation.forum_registration import forum_cancel, forum_register
from participation.models import ForumRegistration
from tests import factories

DASHBOARD = "/saya/"


def in_indonesian(text):
    with translation.override("id"):
        return translation.gettext(text)


@pytest.fixture
def siti(db):
    return factories.resident(username="siti")


def past_forum(index, *, title, days_ago=10):
    starts = timezone.now() - datetime.timedelta(days=days_ago)
    return factories.forum_page(index, title=title, starts_at=starts, minutes="<p>Notulen.</p>")


def attended(forum, user):
    return ForumRegistration.objects.create(
        forum=forum,
        user=user,
        status=ForumRegistration.Status.REGISTERED,
        attended_at=forum.starts_at,
        attendance_method=ForumRegistration.Method.QR,
    )


def test_coming_registrations_and_past_attendance_are_on_the_dashboard(client, site_tree, siti):
    index = site_tree["forums"]
    coming = factories.forum_page(index, title="Forum Klinik Usulan", capacity=5)
    full = factories.forum_page(index, title="Forum Musrenbang", capacity=1)
    forum_register(forum=coming, user=siti)
    forum_register(forum=full, user=factories.resident(username="budi"))
    forum_register(forum=full, user=factories.resident(username="ani"))
    forum_register(forum=full, user=siti)  # second on the waiting list
    went = past_forum(index, title="Forum Bank Sampah")
    attended(went, siti)
    skipped = past_forum(index, title="Forum Yang Terlewat", days_ago=40)
    ForumRegistration.objects.create(forum=skipped, user=siti, status=ForumRegistration.Status.REGISTERED)
    client.force_login(siti)

    html = client.get(DASHBOARD).content.decode()

    assert in_indonesian("My forums") in html
    assert f'href="{coming.url}"' in html and "Forum Klinik Usulan" in html
    assert "Forum Musrenbang" in html
    assert in_indonesian("On the waiting list: number %(position)s") % {"position": 2} in html
    assert f'href="{went.url}#hasil"' in html and in_indonesian("Forums I attended") in html
    assert "Forum Yang Terlewat" not in html  # registered, never came


def test_a_cancelled_registration_and_other_residents_forums_are_not_shown(client, site_tree, siti):
    index = site_tree["forums"]
    cancelled = factories.forum_page(index, title="Forum Dibatalkan")
    forum_register(forum=cancelled, user=siti)
    forum_cancel(forum=cancelled, user=siti)
    others = factories.forum_page(index, title="Forum Orang Lain")
    forum_register(forum=others, user=factories.resident(username="budi"))
    client.force_login(siti)

    html = client.get(DASHBOARD).content.decode()

    assert "Forum Dibatalkan" not in html and "Forum Orang Lain" not in html
    assert in_indonesian("My forums") not in html


def test_an_unpublished_forum_leaves_the_dashboard(client, site_tree, siti):
    forum = factories.forum_page(site_tree["forums"], title="Forum Ditarik")
    forum_register(forum=forum, user=siti)
    forum.unpublish()
    client.force_login(siti)

    assert "Forum Ditarik" not in client.get(DASHBOARD).content.decode()


def queries_for(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(DASHBOARD)
    assert response.status_code == 200
    return len(queries)


def test_the_dashboards_forum_part_takes_the_same_queries_for_one_forum_or_many(client, site_tree, siti):
    index = site_tree["forums"]
    forum_register(forum=factories.forum_page(index, title="Forum 0", capacity=1), user=siti)
    attended(past_forum(index, title="Forum Lalu 0"), siti)
    client.force_login(siti)
    client.get(DASHBOARD)  # the menu and the site's root paths, kept until a page is published
    one = queries_for(client)

    for number in range(1, 6):
        full = factories.forum_page(index, title=f"Forum {number}", capacity=1)
        forum_register(forum=full, user=factories.resident(username=f"warga{number}"))
        forum_register(forum=full, user=siti)  # waiting: its place is read too
        attended(past_forum(index, title=f"Forum Lalu {number}", days_ago=10 + number), siti)
    client.get(DASHBOARD)  # publishing made the menu stale: computed again once

    assert queries_for(client) == one
