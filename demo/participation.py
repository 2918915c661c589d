"""Seeds the demo's participation beyond the forum and budgeting pages: the kelurahan staff role, Suara
Warga's categories and its items (data in demo/content/participation.py).

Like the rest of the demo, each step looks for what it would create and leaves it alone if present: an
item by its fixed tracking code, the role by any assignment the account ever had (one withdrawn by hand
is not given back), a category by its name. Items go through participation.feedback's services, as
staff would take them, so their history and the senders' notices exist; each step is then moved to the
day the demo tells of (the services stamp the moment they run).
"""

import datetime
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import ModelLogEntry

from accounts.validators import normalise_phone
from demo.content import participation as content
from notices.models import Notice
from participation.feedback import feedback_publish, feedback_status_set, feedback_submit
from participation.kelurahan_staff import kelurahan_staff_grant, participation_permissions_install
from participation.models import Feedback, FeedbackCategory, KelurahanStaffAssignment
from regions.models import Region


def seed_participation(*, now=None):
    """Call once the forum index exists: the role's page permissions are given on it."""
    now = now or timezone.now()
    participation_permissions_install()
    seed_kelurahan_staff()
    categories = seed_feedback_categories()
    for item in content.ITEMS:
        seed_feedback(item, categories, now)


def seed_kelurahan_staff():
    User = get_user_model()
    for data in content.KELURAHAN_STAFF:
        user = User.objects.get(username=data["username"])
        if not KelurahanStaffAssignment.objects.filter(user=user).exists():
            kelurahan_staff_grant(
                user=user,
                region=Region.objects.get(code=data["region"]),
                by=User.objects.get(username=data["granted_by"]),
            )


def seed_feedback_categories():
    categories = {}
    for data in content.CATEGORIES:
        category, created = FeedbackCategory.objects.get_or_create(
            name=data["name"], defaults={"description": data["description"], "response_days": data["response_days"]}
        )
        if created:
            category.full_clean()
        categories[category.name] = category
    return categories


def seed_feedback(data, categories, now):
    if Feedback.objects.filter(code=data["code"]).exists():
        return None
    User = get_user_model()
    by = User.objects.get(username=data["by"])
    recorded_by = data.get("recorded_by")
    received, started = _day(now, *data["received"]), timezone.now()
    feedback = feedback_submit(
        code=data["code"],
        category=categories[data["category"]],
        kelurahan=Region.objects.get(code=data["kelurahan"]),
        text=data["text"],
        sender=User.objects.get(username=data["sender"]) if "sender" in data else None,
        sender_name=data.get("sender_name", ""),
        sender_phone=normalise_phone(data["sender_phone"]) if "sender_phone" in data else "",
        channel=data.get("channel", Feedback.Channel.ONLINE),
        recorded_by=User.objects.get(username=recorded_by) if recorded_by else None,
        now=received,
    )
    _moved(feedback, received, since=started)
    if "forwarded" in data:
        days, hour, office = data["forwarded"]
        with _taken_on(feedback, _day(now, days, hour), "status_changed_at"):
            feedback_status_set(feedback=feedback, status=Feedback.Status.FORWARDED, by=by, office=office)
    if "answered" in data:
        days, hour, reply = data["answered"]
        with _taken_on(feedback, _day(now, days, hour), "status_changed_at", "replied_at"):
            feedback_status_set(feedback=feedback, status=Feedback.Status.ANSWERED, by=by, reply=reply)
    if "published" in data:
        days, hour, public_text = data["published"]
        with _taken_on(feedback, _day(now, days, hour), "published_at"):
            feedback_publish(feedback=feedback, public_text=public_text, by=by)
    return feedback


def _day(now, days_before, hour):
    """`hour` ("HH:MM", local time) on the day `days_before` days before `now`."""
    day = timezone.localtime(now).date() - datetime.timedelta(days=days_before)
    hours, minutes = (int(part) for part in hour.split(":"))
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hours, minutes)))


@contextmanager
def _taken_on(feedback, moment, *fields):
    """Run one step of an item's handling, then move what it stamped (`fields` of the item, its history
    entry, the notice it sent) to `moment`."""
    started = timezone.now()
    yield
    Feedback.objects.filter(pk=feedback.pk).update(**dict.fromkeys(fields, moment))
    _moved(feedback, moment, since=started)


def _moved(feedback, moment, *, since):
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Feedback), object_id=str(feedback.pk), timestamp__gte=since
    ).update(timestamp=moment)
    if feedback.sender_id:
        Notice.objects.filter(user_id=feedback.sender_id, created_at__gte=since).update(created_at=moment)
