"""Reads for the site pages."""

from django.utils import timezone

from courses.models import CoursePage
from participation.selectors import latest_answered_feedback, open_budgeting_calls, suara_warga_page, upcoming_forums


def home_page_highlights(*, home, now, course_limit=6):
    """What the home page features: some courses, and what is happening now in participation (the coming
    forums, the budgeting calls taking proposals, the latest answered Suara Warga items), in a constant
    number of queries."""
    today = timezone.localdate(now)
    highlights = {
        "today": today,
        "featured_courses": CoursePage.objects.descendant_of(home)
        .live()
        .public()
        .select_related("organisation")
        .order_by("title")[:course_limit],
        "upcoming_forums": upcoming_forums(under=home, now=now, limit=3),
        "budgeting_calls": open_budgeting_calls(under=home, today=today, limit=3),
        "suara_warga_page": None,
        "answered_feedback": [],
    }
    page = suara_warga_page(under=home)
    if page is not None:
        # Its items only where the public can read them: a Suara Warga page that is a draft or private
        # keeps them off the home page too.
        highlights["suara_warga_page"] = page
        highlights["suara_warga_send_url"] = page.url + page.reverse_subpage("send")
        highlights["answered_feedback"] = list(latest_answered_feedback(limit=3))
    return highlights
