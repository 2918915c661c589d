"""Forum schedules: their dates, the drafts they create (once), the daily task, and the admin's scope."""

import datetime
import zoneinfo

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from organisations.models import Membership
from organisations.services import GOVERNMENT_STAFF_GROUP, organisation_create
from participation.forum_schedules import forum_schedules_extend, schedule_dates, schedule_drafts_create
from participation.kelurahan_staff import participation_permissions_install
from participation.models import ForumPage, ForumSchedule
from tests import factories
from tests.participation.feedback_admin_fixtures import works_in_english

WITA = zoneinfo.ZoneInfo("Asia/Makassar")
SATURDAY, FRIDAY, MONDAY, TUESDAY, WEDNESDAY = 5, 4, 0, 1, 2

race = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: concurrent transactions")


def wita(*args):
    return datetime.datetime(*args, tzinfo=WITA)


def schedule(week=1, weekday=SATURDAY, start_time=datetime.time(9, 0), **fields):
    """Unsaved unless a kelurahan is given: schedule_dates reads only the rule."""
    return ForumSchedule(
        week=week,
        weekday=weekday,
        start_time=start_time,
        title=fields.pop("title", "Musyawarah Kelurahan Gunung Bahagia"),
        venue=fields.pop("venue", "Aula Kantor Kelurahan Gunung Bahagia"),
        agenda=fields.pop("agenda", "<ul><li>Laporan kelurahan</li></ul>"),
        **fields,
    )


def saved_schedule(**fields):
    rule = schedule(kelurahan=fields.pop("kelurahan", None) or factories.region_chain(), **fields)
    rule.save()
    return rule


# --- Dates ---------------------------------------------------------------------------------------------------


def test_the_first_saturday_of_the_coming_months_at_nine_wita():
    dates = schedule_dates(schedule(week=1, weekday=SATURDAY), wita(2026, 1, 1, 0, 0))

    assert dates == [wita(2026, 1, 3, 9, 0), wita(2026, 2, 7, 9, 0), wita(2026, 3, 7, 9, 0)]
    assert all(date.utcoffset() == datetime.timedelta(hours=8) for date in dates)
    assert all(str(date.tzinfo) == "Asia/Makassar" for date in dates)


def test_the_last_friday_including_a_month_that_ends_on_a_friday():
    assert schedule_dates(schedule(week=-1, weekday=FRIDAY), wita(2026, 1, 1, 0, 0)) == [
        wita(2026, 1, 30, 9, 0),
        wita(2026, 2, 27, 9, 0),
        wita(2026, 3, 27, 9, 0),
    ]
    assert schedule_dates(schedule(week=-1, weekday=FRIDAY), wita(2026, 7, 1, 0, 0), count=1) == [
        wita(2026, 7, 31, 9, 0)
    ]


def test_the_last_tuesday_of_a_leap_february_is_the_twenty_ninth():
    assert schedule_dates(schedule(week=-1, weekday=TUESDAY), wita(2028, 2, 1, 0, 0), count=1) == [
        wita(2028, 2, 29, 9, 0)
    ]


def test_dates_run_on_across_the_new_year():
    dates = schedule_dates(
        schedule(week=1, weekday=MONDAY, start_time=datetime.time(19, 30)), wita(2026, 11, 15, 0, 0)
    )

    assert dates == [wita(2026, 12, 7, 19, 30), wita(2027, 1, 4, 19, 30), wita(2027, 2, 1, 19, 30)]


def test_the_second_wednesday_when_the_month_starts_the_day_before():
    assert schedule_dates(schedule(week=2, weekday=WEDNESDAY), wita(2026, 12, 1, 0, 0), count=1) == [
        wita(2026, 12, 9, 9, 0)
    ]


def test_a_meeting_at_or_before_the_moment_asked_is_not_among_the_next():
    rule = schedule(week=1, weekday=SATURDAY)

    assert schedule_dates(rule, wita(2026, 1, 3, 9, 0), count=1) == [wita(2026, 2, 7, 9, 0)]
    assert schedule_dates(rule, wita(2026, 1, 3, 8, 59), count=1) == [wita(2026, 1, 3, 9, 0)]


def test_the_month_is_read_in_wita_not_utc():
    # 31 December 2025, 17.00 UTC is 1 January 2026, 01.00 WITA: January's meeting is still to come.
    after = datetime.datetime(2025, 12, 31, 17, 0, tzinfo=datetime.UTC)

    assert schedule_dates(schedule(week=1, weekday=SATURDAY), after, count=1) == [wita(2026, 1, 3, 9, 0)]


# --- Drafts --------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_schedule_creates_its_coming_three_meetings_as_drafts_to_check_and_publish(site_tree):
    rule = saved_schedule(
        kind="musrenbang", duration_minutes=150, organiser="LPM Gunung Bahagia", capacity=80, latitude=-1.2625,
        longitude=116.8381,
    )  # fmt: skip

    created = schedule_drafts_create(rule, now=wita(2026, 1, 1, 0, 0))

    assert [page.starts_at for page in created] == [
        wita(2026, 1, 3, 9, 0),
        wita(2026, 2, 7, 9, 0),
        wita(2026, 3, 7, 9, 0),
    ]
    forums = ForumPage.objects.filter(schedule=rule).order_by("starts_at")
    assert forums.count() == 3
    first = forums[0]
    assert first.title == "Musyawarah Kelurahan Gunung Bahagia – 3 Januari 2026"
    assert first.live is False
    assert first.latest_revision is not None
    assert first.get_parent().specific == site_tree["forums"]
    assert first.ends_at == wita(2026, 1, 3, 11, 30)
    assert (first.kind, first.venue, first.organiser, first.capacity) == (
        "musrenbang",
        "Aula Kantor Kelurahan Gunung Bahagia",
        "LPM Gunung Bahagia",
        80,
    )
    assert first.kelurahan_id == rule.kelurahan_id
    assert float(first.latitude) == -1.2625 and float(first.longitude) == 116.8381
    assert first.agenda == "<ul><li>Laporan kelurahan</li></ul>"
    assert len({forum.slug for forum in forums}) == 3
    # Nothing of it is public until the organiser publishes it.
    assert not ForumPage.objects.live().filter(schedule=rule).exists()


@pytest.mark.django_db
def test_a_second_run_creates_nothing(site_tree):
    rule = saved_schedule()
    now = wita(2026, 1, 1, 0, 0)
    schedule_drafts_create(rule, now=now)

    assert schedule_drafts_create(rule, now=now) == []
    assert forum_schedules_extend(now=now) == 0
    assert ForumPage.objects.filter(schedule=rule).count() == 3


@pytest.mark.django_db
def test_after_a_meeting_the_next_run_adds_one_to_stay_three_ahead(site_tree):
    rule = saved_schedule()
    schedule_drafts_create(rule, now=wita(2026, 1, 1, 0, 0))

    assert forum_schedules_extend(now=wita(2026, 1, 4, 0, 0)) == 1

    assert [forum.starts_at for forum in ForumPage.objects.filter(schedule=rule).order_by("starts_at")][-1] == wita(
        2026, 4, 4, 9, 0
    )


@pytest.mark.django_db
def test_a_draft_moved_to_another_day_is_not_made_again_on_its_old_date(site_tree):
    rule = saved_schedule()
    now = wita(2026, 1, 1, 0, 0)
    first, *_rest = schedule_drafts_create(rule, now=now)
    first.starts_at, first.ends_at = wita(2026, 1, 4, 9, 0), wita(2026, 1, 4, 11, 0)  # Sunday, after a holiday
    first.save_revision()
    first.save()

    assert schedule_drafts_create(rule, now=now) == []


@pytest.mark.django_db
def test_the_slug_is_unique_when_a_page_already_has_it(site_tree):
    factories.forum_page(site_tree["forums"], title="Musyawarah Kelurahan Gunung Bahagia – 3 Januari 2026")
    rule = saved_schedule()

    first = schedule_drafts_create(rule, now=wita(2026, 1, 1, 0, 0))[0]

    assert first.slug == "musyawarah-kelurahan-gunung-bahagia-3-januari-2026-2"


@pytest.mark.django_db
def test_an_inactive_schedule_creates_nothing(site_tree):
    rule = saved_schedule(active=False)

    assert schedule_drafts_create(rule, now=wita(2026, 1, 1, 0, 0)) == []
    assert forum_schedules_extend(now=wita(2026, 1, 1, 0, 0)) == 0
    assert not ForumPage.objects.exists()


@pytest.mark.django_db
def test_the_daily_task_keeps_every_active_schedule_three_ahead(site_tree):
    from participation.tasks import forum_schedules_extend_task

    saved_schedule()
    saved_schedule(title="Musrenbang Kelurahan Damai", week=-1, weekday=FRIDAY, kelurahan=factories.kelurahan(
        "6471010007", "Damai"))  # fmt: skip
    saved_schedule(title="Forum Lama", active=False)

    assert forum_schedules_extend_task.delay().get() == 6
    assert forum_schedules_extend_task.delay().get() == 0


def test_beat_extends_the_schedules_every_day():
    schedule = {entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert schedule["participation.forum_schedules_extend"] == 24 * 60 * 60


@race
def test_two_runs_at_once_create_each_meeting_once(wagtail_root, run_together):
    factories.site_tree(factories.home_page())
    rule = saved_schedule()
    now = wita(2026, 1, 1, 0, 0)

    results = run_together(
        lambda: schedule_drafts_create(rule, now=now), lambda: schedule_drafts_create(rule, now=now)
    )

    assert sorted(len(result) for result in results) == [0, 3], results
    assert ForumPage.objects.filter(schedule=rule).count() == 3


# --- The admin: "Participation → Forum schedules" -----------------------------------------------------------


def said(message, **params):
    """A message as the admin shows it to staff working in English, escaped."""
    with translation.override("en"):
        return escape(translation.gettext(message) % params)


@pytest.fixture
def world(site_tree):
    gunung_bahagia = factories.region_chain()
    damai = factories.kelurahan(code="6471010007", name="Damai")
    lestari = organisation_create(name="Yayasan Lingkungan Lestari", slug="lestari", kind="ngo")
    users = {
        "kelurahan staff": factories.kelurahan_staff(region=gunung_bahagia),
        "resident": factories.learner(full_name="Warga Biasa"),
        **factories.users_with_roles(
            members=[("author", lestari, Membership.Role.AUTHOR)], government=[("government", GOVERNMENT_STAFF_GROUP)]
        ),
    }
    participation_permissions_install()
    for user in users.values():
        works_in_english(user)
    return {
        "users": users,
        "gunung_bahagia": gunung_bahagia,
        "damai": damai,
        "own": saved_schedule(kelurahan=gunung_bahagia, active=False),
        "other": saved_schedule(kelurahan=damai, title="Musyawarah Kelurahan Damai", active=False),
    }


def form_data(kelurahan, **fields):
    return {
        "kelurahan": kelurahan.pk,
        "title": "Forum Warga Bulanan",
        "kind": "musyawarah",
        "week": "1",
        "weekday": str(SATURDAY),
        "start_time": "09:00",
        "duration_minutes": "120",
        "venue": "Aula Kantor Kelurahan",
        "latitude": "",
        "longitude": "",
        "organiser": "",
        "capacity": "",
        "agenda": '{"blocks": [{"key": "a", "type": "unstyled", "text": "Laporan kelurahan", "depth": 0, '
        '"inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
        "active": "on",
        **fields,
    }


def test_kelurahan_staff_list_only_their_kelurahans_schedules(client, world):
    client.force_login(world["users"]["kelurahan staff"])

    response = client.get(reverse("forum_schedules:index"))

    assert response.status_code == 200
    assert "Musyawarah Kelurahan Gunung Bahagia" in response.content.decode()
    assert "Musyawarah Kelurahan Damai" not in response.content.decode()


@pytest.mark.parametrize("view", ["edit", "delete", "history"])
def test_another_kelurahans_schedule_is_not_found_for_kelurahan_staff(client, world, view):
    client.force_login(world["users"]["kelurahan staff"])

    assert client.get(reverse(f"forum_schedules:{view}", args=[world["other"].pk])).status_code == 404
    assert client.get(reverse(f"forum_schedules:{view}", args=[world["own"].pk])).status_code == 200


def test_kelurahan_staff_cannot_change_or_delete_another_kelurahans_schedule_by_posting(client, world):
    client.force_login(world["users"]["kelurahan staff"])
    other = world["other"]

    edited = client.post(reverse("forum_schedules:edit", args=[other.pk]), form_data(world["damai"], title="Diubah"))
    deleted = client.post(reverse("forum_schedules:delete", args=[other.pk]))

    assert (edited.status_code, deleted.status_code) == (404, 404)
    other.refresh_from_db()
    assert other.title == "Musyawarah Kelurahan Damai"


def test_saving_a_schedule_creates_its_drafts_at_once_and_says_how_many(client, world):
    client.force_login(world["users"]["kelurahan staff"])

    response = client.post(reverse("forum_schedules:add"), form_data(world["gunung_bahagia"]), follow=True)

    assert response.status_code == 200
    rule = ForumSchedule.objects.get(title="Forum Warga Bulanan")
    assert rule.created_by == world["users"]["kelurahan staff"]
    assert ForumPage.objects.filter(schedule=rule, live=False).count() == 3
    assert said("Forum schedule “%(title)s” saved.", title="Forum Warga Bulanan") in response.content.decode()
    assert "3 meetings were created as drafts" in response.content.decode()


def test_kelurahan_staff_cannot_make_a_schedule_for_another_kelurahan(client, world):
    client.force_login(world["users"]["kelurahan staff"])

    response = client.post(reverse("forum_schedules:add"), form_data(world["damai"], title="Forum Damai"))

    assert response.status_code == 200
    assert said("Choose a kelurahan where you are kelurahan staff: you organise forums there only.") in (
        response.content.decode()
    )
    assert not ForumSchedule.objects.filter(title="Forum Damai").exists()
    assert not ForumPage.objects.exists()


def test_the_kelurahan_choices_are_the_staff_members_own(client, world):
    client.force_login(world["users"]["kelurahan staff"])

    form = client.get(reverse("forum_schedules:add")).context["form"]

    assert list(form.fields["kelurahan"].queryset) == [world["gunung_bahagia"]]


def test_coordinates_are_given_both_or_neither(client, world):
    client.force_login(world["users"]["kelurahan staff"])

    response = client.post(reverse("forum_schedules:add"), form_data(world["gunung_bahagia"], latitude="-1.26"))

    assert said("Give both the latitude and the longitude, or neither.") in response.content.decode()
    assert not ForumSchedule.objects.filter(title="Forum Warga Bulanan").exists()


def test_government_staff_keep_every_kelurahans_schedules(client, world):
    client.force_login(world["users"]["government"])

    listing = client.get(reverse("forum_schedules:index")).content.decode()
    edited = client.post(
        reverse("forum_schedules:edit", args=[world["other"].pk]),
        form_data(world["damai"], title="Musyawarah Kelurahan Damai", active="on"),
    )

    assert "Musyawarah Kelurahan Gunung Bahagia" in listing and "Musyawarah Kelurahan Damai" in listing
    assert edited.status_code == 302
    assert ForumPage.objects.filter(schedule=world["other"], kelurahan=world["damai"]).count() == 3


@pytest.mark.parametrize("role", ["resident", "author"])
def test_residents_and_ngo_staff_are_refused(client, world, role):
    client.force_login(world["users"][role])

    for response in (
        client.get(reverse("forum_schedules:index")),
        client.get(reverse("forum_schedules:add")),
        client.get(reverse("forum_schedules:edit", args=[world["own"].pk])),
        client.post(reverse("forum_schedules:add"), form_data(world["gunung_bahagia"], title="Forum Siluman")),
    ):
        assert response.status_code in (302, 403), response.status_code
    assert not ForumSchedule.objects.filter(title="Forum Siluman").exists()


def test_the_menu_shows_forum_schedules_to_kelurahan_staff_only_among_these(client, world):
    client.force_login(world["users"]["kelurahan staff"])
    assert reverse("forum_schedules:index") in client.get(reverse("wagtailadmin_home")).content.decode()

    client.force_login(world["users"]["author"])
    assert reverse("forum_schedules:index") not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_both_groups_hold_the_schedule_permissions(world):
    from django.contrib.auth.models import Group

    from participation.models import KELURAHAN_STAFF_GROUP

    for name in (KELURAHAN_STAFF_GROUP, GOVERNMENT_STAFF_GROUP):
        codenames = set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))
        assert {"add_forumschedule", "change_forumschedule", "delete_forumschedule", "view_forumschedule"} <= codenames
