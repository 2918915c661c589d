"""A course that names a forum ("attend one musrenbang" in the budget course) completes only once the
resident has attended one: a completion requirement of courses.hooks, registered in participation's
AppConfig.ready().

The course says what it asks (CoursePage.forum_attendance: "forum" for any public forum, or a kind of
forum, ForumPage.Kind); courses knows nothing of forums, so the check lives here. What counts is the
resident's own attendance (ForumRegistration.attended_at, however it was recorded) at a forum of that
kind that started after they enrolled: a forum attended before enrolling was not taken as part of the
course. Someone added at the door without an account has no enrolment, and counts for no course.

Attendance is recorded after the modules may all be done, so whoever records it calls
``courses_complete_after_attendance``, as classes' attendance calls enrolment_complete_if_done.
"""

from django.utils.html import format_html
from django.utils.translation import gettext as _

from courses.models import CoursePage, Enrolment, ForumAttendance
from courses.services import enrolment_complete_if_done
from participation.models import ForumIndexPage, ForumRegistration


def _attended_forums(*, user_ids, since):
    """(user id, forum kind, forum start) of every forum these residents attended that started at or
    after `since`: one query."""
    return ForumRegistration.objects.filter(
        user_id__in=user_ids, attended_at__isnull=False, forum__starts_at__gte=since
    ).values_list("user_id", "forum__kind", "forum__starts_at")


def _counts(asked, kind):
    """Whether a forum of `kind` is one the course's `asked` value accepts."""
    return asked == ForumAttendance.ANY_FORUM or asked == kind


class ForumAttendanceRequirement:
    """Met when the course asks for no forum, or the resident attended one of the kind it asks for,
    held (started) on or after the moment they enrolled."""

    def is_met(self, *, enrolment):
        asked = CoursePage.objects.filter(pk=enrolment.course_id).values_list("forum_attendance", flat=True).first()
        if not asked:
            return True
        attended = _attended_forums(user_ids=[enrolment.user_id], since=enrolment.enrolled_at)
        if asked != ForumAttendance.ANY_FORUM:
            attended = attended.filter(forum__kind=asked)
        return attended.exists()

    def still_to_do(self, enrolments):
        """A line for each of these enrolments whose course asks for a forum not attended yet, in three
        queries whatever their number: the courses' asks, the residents' attendance, the forum index."""
        enrolments = list(enrolments)
        asks = dict(
            CoursePage.objects.filter(pk__in={enrolment.course_id for enrolment in enrolments})
            .exclude(forum_attendance=ForumAttendance.NONE)
            .values_list("pk", "forum_attendance")
        )
        asking = [enrolment for enrolment in enrolments if enrolment.course_id in asks]
        if not asking:
            return {}
        attended = {}
        for user_id, kind, starts_at in _attended_forums(
            user_ids={enrolment.user_id for enrolment in asking},
            since=min(enrolment.enrolled_at for enrolment in asking),
        ):
            attended.setdefault(user_id, []).append((kind, starts_at))
        missing = [
            enrolment
            for enrolment in asking
            if not any(
                _counts(asks[enrolment.course_id], kind) and starts_at >= enrolment.enrolled_at
                for kind, starts_at in attended.get(enrolment.user_id, ())
            )
        ]
        if not missing:
            return {}
        forums_url = _forum_index_url()
        return {enrolment.pk: _line(asks[enrolment.course_id], forums_url) for enrolment in missing}


def _forum_index_url():
    index = ForumIndexPage.objects.live().first()
    return index.url if index is not None else ""


def _line(asked, forums_url):
    """ "Attend one musrenbang kelurahan: see the coming forums." in the resident's language; the choice's
    own label says what is asked."""
    what = ForumAttendance(asked).label
    if not forums_url:
        return format_html("{}.", what)
    return format_html('{}: <a href="{}">{}</a>.', what, forums_url, _("see the coming forums"))


forum_attendance_requirement = ForumAttendanceRequirement()


def courses_complete_after_attendance(*, user):
    """Complete what `user`'s attendance just made complete: each of their unfinished enrolments in a
    course that asks for a forum, if every other rule is met too (courses.services). Call it after
    recording a resident's attendance at a forum; returns the enrolments now complete."""
    if user is None or not getattr(user, "pk", None):
        return []
    unfinished = (
        Enrolment.objects.filter(user_id=user.pk, completed_at__isnull=True)
        .exclude(course__forum_attendance=ForumAttendance.NONE)
        .select_related("course")
        .order_by("pk")
    )
    completed = []
    for enrolment in unfinished:
        enrolment_complete_if_done(enrolment=enrolment)  # sets completed_at on `enrolment` when it completes
        if enrolment.completed_at is not None:
            completed.append(enrolment)
    return completed
