"""Registering for a forum meeting (participation.forum_registration): one row per resident, places first
come first served, the waiting list moving up on a cancellation with a notice, and closing at the start.
On PostgreSQL, residents racing for the last places."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone, translation

from notices.models import Notice
from participation.forum_registration import (
    RegistrationError,
    forum_cancel,
    forum_places,
    forum_register,
)
from participation.models import ForumRegistration
from tests import factories

REGISTERED = ForumRegistration.Status.REGISTERED
WAITING = ForumRegistration.Status.WAITING
CANCELLED = ForumRegistration.Status.CANCELLED


def in_indonesian(text):
    """The text as residents read it, whether or not its translation is in the locale files yet."""
    with translation.override("id"):
        return translation.gettext(text)


def residents(count, prefix="warga"):
    return [factories.resident(username=f"{prefix}{number}") for number in range(count)]


@pytest.fixture
def forum(site_tree):
    return factories.forum_page(site_tree["forums"], capacity=2)


def test_registering_takes_a_place_and_shows_in_the_places_left(forum):
    siti = factories.resident()

    registration = forum_register(forum=forum, user=siti)

    assert registration.status == REGISTERED
    places = forum_places(forum)
    assert (places.taken, places.left, places.waiting, places.full) == (1, 1, 0, False)


def test_registering_twice_keeps_one_row(forum):
    siti = factories.resident()

    first = forum_register(forum=forum, user=siti)
    second = forum_register(forum=forum, user=siti)

    assert first.pk == second.pk
    assert ForumRegistration.objects.filter(forum=forum, user=siti).count() == 1
    assert forum_places(forum).taken == 1


def test_a_full_meeting_puts_the_next_residents_on_the_waiting_list_in_order(forum):
    first, second, third, fourth = residents(4)
    for resident in (first, second, third, fourth):
        forum_register(forum=forum, user=resident)

    statuses = dict(ForumRegistration.objects.filter(forum=forum).values_list("user__username", "status"))
    assert statuses == {"warga0": REGISTERED, "warga1": REGISTERED, "warga2": WAITING, "warga3": WAITING}
    assert list(ForumRegistration.objects.filter(forum=forum).waiting().values_list("user", flat=True)) == [
        third.pk,
        fourth.pk,
    ]
    places = forum_places(forum)
    assert (places.left, places.full, places.waiting) == (0, True, 2)


def test_a_cancellation_moves_the_first_waiting_up_and_tells_them(forum):
    first, second, third, fourth = residents(4)
    for resident in (first, second, third, fourth):
        forum_register(forum=forum, user=resident)

    moved_up = forum_cancel(forum=forum, user=first)

    assert [registration.user for registration in moved_up] == [third]
    assert ForumRegistration.objects.get(forum=forum, user=first).status == CANCELLED
    assert ForumRegistration.objects.get(forum=forum, user=third).status == REGISTERED
    assert ForumRegistration.objects.get(forum=forum, user=fourth).status == WAITING
    notice = Notice.objects.get(user=third)
    assert notice.subject == in_indonesian("A place for you at %(forum)s") % {"forum": forum.title}
    assert notice.link == forum.url
    assert not Notice.objects.filter(user=fourth).exists()


def test_registering_again_after_cancelling_goes_to_the_end_of_the_queue(forum):
    first, second, third = residents(3)
    forum_register(forum=forum, user=first)
    forum_register(forum=forum, user=second)
    forum_register(forum=forum, user=third)  # waiting
    forum_cancel(forum=forum, user=second)  # third moves up

    again = forum_register(forum=forum, user=second)

    assert again.status == WAITING
    assert ForumRegistration.objects.filter(forum=forum, user=second).count() == 1
    assert again.cancelled_at is None


def test_cancelling_without_a_registration_is_refused(forum):
    with pytest.raises(RegistrationError) as refused:
        forum_cancel(forum=forum, user=factories.resident())
    assert refused.value.code == "not_registered"


def test_registration_closes_when_the_meeting_starts(forum):
    siti, budi = residents(2)
    forum_register(forum=forum, user=siti)
    started = forum.starts_at + datetime.timedelta(minutes=1)

    with pytest.raises(RegistrationError) as refused:
        forum_register(forum=forum, user=budi, now=started)
    assert refused.value.code == "closed"
    with pytest.raises(RegistrationError) as refused:
        forum_cancel(forum=forum, user=siti, now=started)
    assert refused.value.code == "closed"
    assert not ForumRegistration.objects.filter(user=budi).exists()
    assert ForumRegistration.objects.get(user=siti).status == REGISTERED


def test_a_forum_without_a_limit_never_fills(site_tree):
    forum = factories.forum_page(site_tree["forums"], capacity=None)
    for resident in residents(6):
        assert forum_register(forum=forum, user=resident).status == REGISTERED
    places = forum_places(forum)
    assert (places.left, places.full, places.taken) == (None, False, 6)


# --- Races, on PostgreSQL: every call in its own connection at the same moment

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL: concurrent transactions"
)


@pytest.fixture
def racing_forum(wagtail_root):
    tree = factories.site_tree(factories.home_page())
    return factories.forum_page(tree["forums"], capacity=3)


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_ten_residents_racing_for_three_places_get_three_places_and_seven_waiting_in_arrival_order(
    racing_forum, run_together
):
    racers = residents(10)

    results = run_together(
        *[lambda resident=resident: forum_register(forum=racing_forum, user=resident) for resident in racers]
    )

    assert all(isinstance(result, ForumRegistration) for result in results), results
    rows = ForumRegistration.objects.filter(forum=racing_forum)
    assert rows.count() == 10
    assert rows.values("user").distinct().count() == 10
    assert rows.filter(status=REGISTERED).count() == 3
    assert rows.filter(status=WAITING).count() == 7
    # Arrival order: those who got a place asked before everyone waiting, and the list keeps asking order.
    last_place = max(rows.filter(status=REGISTERED).values_list("queued_at", flat=True))
    waiting = list(rows.waiting().values_list("queued_at", flat=True))
    assert waiting == sorted(waiting) and last_place <= waiting[0]


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_cancellations_racing_with_registrations_never_exceed_the_capacity(racing_forum, run_together):
    holders = residents(3, prefix="pemegang")
    waiting = residents(2, prefix="antre")
    for resident in (*holders, *waiting):
        forum_register(forum=racing_forum, user=resident)
    newcomers = residents(5, prefix="baru")
    cancelling = [*holders, *waiting]

    results = run_together(
        *[lambda resident=resident: forum_cancel(forum=racing_forum, user=resident) for resident in cancelling],
        *[lambda resident=resident: forum_register(forum=racing_forum, user=resident) for resident in newcomers],
    )

    assert not [result for result in results if isinstance(result, Exception)], results
    rows = ForumRegistration.objects.filter(forum=racing_forum)
    assert rows.filter(status=REGISTERED).count() == 3
    assert rows.filter(status=CANCELLED).count() == 5
    assert rows.filter(status=WAITING).count() == 2
    assert set(rows.exclude(status=CANCELLED).values_list("user__username", flat=True)) == {
        resident.username for resident in newcomers
    }
    # Everyone moved up was told, once.
    for registration in rows.filter(moved_up_at__isnull=False):
        assert Notice.objects.filter(user=registration.user).count() == 1


def test_places_left_right_at_once(forum):
    """No cached count: the figure after each change is the database's."""
    siti, budi = residents(2)
    forum_register(forum=forum, user=siti)
    assert forum_places(forum).left == 1
    forum_register(forum=forum, user=budi)
    assert forum_places(forum).left == 0
    forum_cancel(forum=forum, user=siti, now=timezone.now())
    assert forum_places(forum).left == 1
