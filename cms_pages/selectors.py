"""Reads for the site pages."""

from cms_pages.models import BudgetingCallPage, ForumPage
from courses.models import CoursePage


def home_page_highlights(*, home, now, course_limit=6):
    """What the home page features: some courses, the coming forums, the budgeting calls."""
    return {
        "featured_courses": CoursePage.objects.descendant_of(home)
        .live()
        .public()
        .select_related("organisation")
        .order_by("title")[:course_limit],
        "upcoming_forums": ForumPage.objects.descendant_of(home)
        .live()
        .public()
        .select_related("kelurahan")
        .filter(starts_at__gte=now)
        .order_by("starts_at")[:3],
        "budgeting_calls": BudgetingCallPage.objects.descendant_of(home)
        .live()
        .public()
        .select_related("area")
        .order_by("-proposals_close")[:3],
    }


def forums_split_by_date(*, index_page, now):
    forums = ForumPage.objects.child_of(index_page).live().public().select_related("kelurahan")
    return {
        "upcoming_forums": forums.filter(starts_at__gte=now).order_by("starts_at"),
        "past_forums": forums.filter(starts_at__lt=now).order_by("-starts_at"),
    }


def budgeting_calls(*, index_page):
    return (
        BudgetingCallPage.objects.child_of(index_page)
        .live()
        .public()
        .select_related("area", "prerequisite_course")
        .order_by("-proposals_close")
    )
