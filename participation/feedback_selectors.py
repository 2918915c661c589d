"""Reads for Suara Warga's public pages: the published items, their counts, one item by its tracking code.

What the public may see of an item is named once, in ``PUBLISHED_FIELDS`` (the list) and
``TRACKING_FIELDS`` (the tracking page, which also knows the code it was opened with): the queries
here load nothing else, so a template cannot show the sender's name, contact, photo or own words even
by mistake (a field left out would cost a query per item, which the tests' query counts catch). The
list never loads the tracking codes: whoever has one may follow that item.
"""

from django.db.models import Count
from wagtail.models import ModelLogEntry

from accounts.models import LearnerProfile
from participation.models import Feedback, FeedbackCategory
from regions.models import Region

PUBLISHED_FIELDS = (
    "category__name",
    "kelurahan__code",
    "kelurahan__name",
    "kelurahan__parent__name",
    "received_at",
    "due_at",
    "status",
    "status_changed_at",
    "office",
    "reply",
    "replied_at",
    "public_text",
    "published_at",
)
TRACKING_FIELDS = ("code", *PUBLISHED_FIELDS)


def _public(fields):
    return Feedback.objects.select_related("category", "kelurahan__parent").only(*fields)


def published_feedback(*, category=None, kelurahan=None):
    """The published items, the latest published first; of one category and one kelurahan when given."""
    items = _public(PUBLISHED_FIELDS).published()
    if category is not None:
        items = items.filter(category=category)
    if kelurahan is not None:
        items = items.filter(kelurahan=kelurahan)
    return items.order_by("-published_at", "-pk")


def published_counts_by_category(*, kelurahan=None):
    """{category id: number of published items}, in one kelurahan when given."""
    items = Feedback.objects.published()
    if kelurahan is not None:
        items = items.filter(kelurahan=kelurahan)
    rows = items.order_by().values("category").annotate(count=Count("pk"))
    return {row["category"]: row["count"] for row in rows}


def published_counts_by_kelurahan(*, category=None):
    """[(kelurahan code, kelurahan name, kecamatan name, number of published items)], by kecamatan and
    kelurahan name: the kelurahan that have published items (of one category when given)."""
    items = Feedback.objects.published()
    if category is not None:
        items = items.filter(category=category)
    return list(
        items.order_by()
        .values_list("kelurahan__code", "kelurahan__name", "kelurahan__parent__name")
        .annotate(count=Count("pk"))
        .order_by("kelurahan__parent__name", "kelurahan__name")
    )


def feedback_categories():
    return FeedbackCategory.objects.order_by("name")


def kelurahan_by_code(code):
    """The kelurahan (village level) with this BPS code, or None."""
    return Region.objects.filter(level=Region.Level.VILLAGE, code=code).select_related("parent").first()


def feedback_by_code(code):
    """The item with this tracking code (as stored: feedback_code_parse's answer), with its public
    fields only, or None."""
    return _public(TRACKING_FIELDS).with_overdue().filter(code=code).first()


# The steps of an item's way that its tracking page lists, from the history its services keep in
# Wagtail's audit log (participation.feedback); corrections of the reply are not steps.
HISTORY_ACTIONS = (
    "sekolah_warga.feedback_received",
    "sekolah_warga.feedback_status",
    "sekolah_warga.feedback_publish",
    "sekolah_warga.feedback_unpublish",
)


def feedback_history(feedback):
    """The item's way through the government, oldest first: each step a dict of ``at`` (when), ``step``
    ("received", "status", "publish" or "unpublish"), ``status`` and ``office`` (of a status change).
    Never who did it: staff's names are not the public's business."""
    entries = (
        ModelLogEntry.objects.for_instance(feedback)
        .filter(action__in=HISTORY_ACTIONS)
        .order_by("timestamp", "pk")
        .values_list("timestamp", "action", "data")
    )
    history = []
    for timestamp, action, data in entries:
        data = data or {}
        history.append(
            {
                "at": timestamp,
                "step": action.removeprefix("sekolah_warga.feedback_"),
                "status": data.get("status", ""),
                "office": data.get("office", ""),
            }
        )
    return history


def home_kelurahan_code(user):
    """The kelurahan of a signed-in resident's profile (its code), to suggest on the form; None without one."""
    return LearnerProfile.objects.filter(user=user).values_list("kelurahan", flat=True).first()
