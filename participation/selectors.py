"""Reads for the forum, budgeting and Suara Warga pages, and for what other pages show of them."""

from core.page_cache import public
from courses.models import CoursePage
from courses.selectors import completed_course_ids
from participation.models import BudgetingCallPage, Feedback, ForumPage, SuaraWargaPage


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


def forums_split_by_date(*, index_page, now):
    from participation.forum_selectors import forums_with_places

    # Each card shows its places: counted in the list's query, not one query per forum.
    forums = forums_with_places(ForumPage.objects.child_of(index_page).live().public().select_related("kelurahan"))
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


def open_budgeting_calls(*, under, today, limit):
    """The calls below ``under`` still taking proposals or about to (the home page features them),
    closing soonest first."""
    return (
        BudgetingCallPage.objects.descendant_of(under)
        .live()
        .public()
        .select_related("area")
        .filter(proposals_close__gte=today)
        .order_by("proposals_close", "pk")[:limit]
    )


# --- learning that leads somewhere: what a course prepares for, and the courses a forum or call names


def forums_prepared_by(*, course, now, limit=5):
    """The coming forums that name ``course`` among their related courses, soonest first."""
    # public(): the view restrictions read once per publish, not on every course page (core.page_cache).
    return public(
        ForumPage.objects.live()
        .filter(related_courses=course, starts_at__gte=now)
        .select_related("kelurahan")
        .order_by("starts_at", "pk")
    )[:limit]


def budgeting_calls_prepared_by(*, course, today, limit=5):
    """The budgeting calls whose prerequisite is ``course`` and whose proposal period is open or still to
    come, closing soonest first."""
    return public(
        BudgetingCallPage.objects.live()
        .filter(prerequisite_course=course, proposals_close__gte=today)
        .select_related("area")
        .order_by("proposals_close", "pk")
    )[:limit]


def courses_with_completion(*, courses, user):
    """[{"course", "completed"}] for these courses: whether ``user`` completed each (False for an
    anonymous visitor). One query for the completions, whatever the number of courses."""
    courses = list(courses)
    completed = completed_course_ids(user=user, course_ids=[course.pk for course in courses])
    return [{"course": course, "completed": course.pk in completed} for course in courses]


def forum_courses(*, forum, user):
    """The forum's related courses that a visitor can open (live, public), by title, each with whether
    ``user`` completed it."""
    courses = (
        CoursePage.objects.live()
        .public()
        # A subquery when the forum is read from the database; the chosen ids in a preview.
        .filter(pk__in=forum.related_courses.values_list("pk", flat=True))
        .order_by("title")
    )
    return courses_with_completion(courses=courses, user=user)


def budgeting_call_prerequisite_met(*, call, user):
    """Whether ``user`` may propose as far as the call's prerequisite course goes: the one place of
    that rule (issue 19's proposals ask it too). A call without a prerequisite asks nothing; otherwise
    the resident must have completed the course (an anonymous visitor has not)."""
    if call.prerequisite_course_id is None:
        return True
    return call.prerequisite_course_id in completed_course_ids(user=user, course_ids=[call.prerequisite_course_id])


def budgeting_call_courses(*, call, user):
    """The call's prerequisite course, if a visitor can open it, with whether ``user`` completed it:
    a list of at most one, as forum_courses."""
    if call.prerequisite_course_id is None:
        return []
    courses = CoursePage.objects.live().public().filter(pk=call.prerequisite_course_id)
    return courses_with_completion(courses=courses, user=user)


# --- Suara Warga, read for the home page and the resident's dashboard


def suara_warga_page(*, under=None):
    """The live, public Suara Warga page (below ``under`` when given), or None."""
    pages = SuaraWargaPage.objects.live().public()
    if under is not None:
        pages = pages.descendant_of(under)
    return pages.order_by("path").first()


def latest_answered_feedback(*, limit):
    """The latest items published on /suara-warga/ (the home page features them): what the public may
    read of them is participation.feedback_selectors' one rule."""
    from participation.feedback_selectors import published_feedback

    return published_feedback()[:limit]


def feedback_of_sender(*, user, limit=50):
    """``user``'s own Suara Warga items, newest first, with their category and kelurahan."""
    return (
        Feedback.objects.filter(sender=user)
        .select_related("category", "kelurahan")
        .with_overdue()
        .order_by("-received_at", "-pk")[:limit]
    )
