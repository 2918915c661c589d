"""Reads for the site pages."""

from courses.models import CoursePage
from participation.selectors import latest_budgeting_calls, upcoming_forums


def home_page_highlights(*, home, now, course_limit=6):
    """What the home page features: some courses, the coming forums, the budgeting calls."""
    return {
        "featured_courses": CoursePage.objects.descendant_of(home)
        .live()
        .public()
        .select_related("organisation")
        .order_by("title")[:course_limit],
        "upcoming_forums": upcoming_forums(under=home, now=now, limit=3),
        "budgeting_calls": latest_budgeting_calls(under=home, limit=3),
    }
