"""Seeds who takes part in the demo's forums at Gunung Bahagia, and its monthly schedule (data in
demo/content/forums.py): the coming "Klinik Usulan Warga" full with a waiting list, the past meeting's
registrations and attendance, and the schedule with its coming meetings as drafts.

Everything goes through the services residents and the organiser use (participation.forum_registration,
participation.forum_attendance, participation.forum_schedules, accounts.services.resident_sign_up), given
the moment each step happened: the registration services take an explicit `now`, so a past meeting's
registrations are taken as of days before it, while it was open. Like the rest of the demo, each step
looks for what it would create first: a forum that has registrations is left alone, a resident is found
by their phone, the schedule by its kelurahan and title (its drafts are made only when it is created), so
a second run changes nothing, however much later.
"""

import datetime
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import PageLogEntry

from accounts.services import resident_sign_up
from accounts.validators import normalise_phone
from demo.content import forums as content
from demo.content.accounts import DEMO_PASSWORD
from participation.forum_attendance import forum_attendance_door_add, forum_attendance_record
from participation.forum_registration import forum_register, registration_open
from participation.forum_schedules import schedule_drafts_create
from participation.models import ForumPage, ForumSchedule
from regions.models import Region


def seed_forum_participation(*, now=None):
    """Call after the forums, the classes (their rosters' residents take part) and the kelurahan staff."""
    now = now or timezone.now()
    seed_forum_residents()
    organiser = get_user_model().objects.get(username=content.ORGANISER)
    seed_coming_registrations(ForumPage.objects.get(slug=content.COMING_FORUM), now)
    seed_past_attendance(ForumPage.objects.get(slug=content.PAST_FORUM), organiser)
    seed_schedule(organiser, now)


def seed_forum_residents():
    for data in content.RESIDENTS:
        if get_user_model().objects.filter(phone=normalise_phone(data["phone"])).exists():
            continue
        resident_sign_up(
            full_name=data["full_name"],
            password=DEMO_PASSWORD,
            kelurahan=Region.objects.get(code=data["kelurahan"]),
            phone=data["phone"],
            gender=data["gender"],
            consent_given=True,
        )


def account(name):
    """A demo account by its username, or a resident by the phone they signed up with."""
    accounts = get_user_model().objects
    if name.startswith("0"):
        return accounts.get(phone=normalise_phone(name))
    return accounts.get(username=name)


def seed_coming_registrations(forum, now):
    """Register the residents in order, as of the days they did: the places fill, the last one waits."""
    if forum.registrations.exists() or not registration_open(forum, now):
        return
    for name, days_before in content.COMING_REGISTRATIONS:
        forum_register(forum=forum, user=account(name), now=now - datetime.timedelta(days=days_before))


def seed_past_attendance(forum, organiser):
    """Registrations taken while the meeting was open, then the organiser's list and the door, at the
    meeting. Its history's lines are moved to the moments they tell of."""
    if forum.registrations.exists():
        return
    starts_at = forum.starts_at
    registrations = {
        name: forum_register(forum=forum, user=account(name), now=starts_at - datetime.timedelta(days=days_before))
        for name, days_before in content.PAST_REGISTRATIONS
    }
    at_door = []
    for name, gender, minutes in content.PAST_DOOR:
        with _logged_at(forum, starts_at + datetime.timedelta(minutes=minutes)) as moment:
            at_door.append(forum_attendance_door_add(forum=forum, by=organiser, name=name, gender=gender, now=moment))
    # The list sets who is present: those added at the door show on it ticked, and stay so.
    present = [registration.pk for name, registration in registrations.items() if name not in content.PAST_ABSENT]
    present += [registration.pk for registration in at_door]
    with _logged_at(forum, starts_at + datetime.timedelta(minutes=content.PAST_LIST_TICKED_MINUTES)) as moment:
        forum_attendance_record(forum=forum, present_registration_ids=present, by=organiser, now=moment)


@contextmanager
def _logged_at(forum, moment):
    """Run one of the organiser's steps, then move the line it wrote in the forum's history to `moment`."""
    started = timezone.now()
    yield moment
    PageLogEntry.objects.filter(page=forum, timestamp__gte=started).update(timestamp=moment)


def seed_schedule(organiser, now):
    data = content.SCHEDULE
    kelurahan = Region.objects.get(code=data["kelurahan"])
    if ForumSchedule.objects.filter(kelurahan=kelurahan, title=data["title"]).exists():
        return None
    hours, minutes = (int(part) for part in data["start_time"].split(":"))
    schedule = ForumSchedule(
        kelurahan=kelurahan,
        title=data["title"],
        kind=data["kind"],
        week=data["week"],
        weekday=data["weekday"],
        start_time=datetime.time(hours, minutes),
        duration_minutes=data["duration_minutes"],
        venue=data["venue"],
        agenda=data["agenda"],
        created_by=organiser,
    )
    schedule.full_clean()
    schedule.save()
    schedule_drafts_create(schedule, now, by=organiser)
    return schedule
