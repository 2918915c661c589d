"""Reads for the forum and budgeting pages."""

from participation.models import BudgetingCallPage, ForumPage


def upcoming_forums(*, under, now, limit):
    """The next public forums anywhere below ``under`` (the home page features them)."""
    return (
        ForumPage.objects.descendant_of(under)
        .live()
        .public()
        .select_related("kelurahan")
        .filter(starts_at__gte=now)
        .order_by("starts_at")[:limit]
    )


def latest_budgeting_calls(*, under, limit):
    """The budgeting calls below ``under`` that close last (the home page features them)."""
    return (
        BudgetingCallPage.objects.descendant_of(under)
        .live()
        .public()
        .select_related("area")
        .order_by("-proposals_close")[:limit]
    )


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
