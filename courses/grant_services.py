"""Granting another organisation the right to run classes of a course, and withdrawing it.

Who may do it (the course's owner, government staff) is the admin's to check (courses.grant_views);
these functions keep the records straight: one active grant per course and organisation, none to
the owner itself, each change in Wagtail's audit log with who made it.

Withdrawing stops new classes, new learners and completions on paper (courses.scope.may_run_course);
the class's learners finish the course online, and certificates already issued stay valid.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from courses.models import CourseGrant


class GrantError(Exception):
    """A grant the rules refuse; the message says why, for the person who asked."""


def course_grant(*, course, organisation, by):
    """Let `organisation` run classes of `course` (another organisation's) until the grant is withdrawn."""
    if course.organisation_id == organisation.pk:
        raise GrantError(
            _("%(organisation)s owns this course: it runs its classes without a grant.")
            % {"organisation": organisation}
        )
    try:
        with transaction.atomic():
            grant = CourseGrant.objects.create(course=course, organisation=organisation, granted_by=by)
            log(grant, "sekolah_warga.course_grant", user=by)
    except IntegrityError:
        # The database keeps one active grant per course and organisation: a second tab, a double click.
        raise GrantError(
            _("%(organisation)s may already run classes of this course.") % {"organisation": organisation}
        ) from None
    return grant


@transaction.atomic
def course_grant_withdraw(*, grant, by):
    """Withdraw a grant: no new classes or learners from now on; what was done stays done."""
    withdrawn = CourseGrant.objects.filter(pk=grant.pk, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now(), withdrawn_by=by
    )
    if not withdrawn:
        raise GrantError(_("This grant was withdrawn already."))
    grant.refresh_from_db()
    log(grant, "sekolah_warga.course_grant_withdraw", user=by)
    return grant
