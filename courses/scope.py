"""Who sees and runs which classes and learners: the one place these rules live.

- A facilitator runs the classes of the organisations they facilitate for.
- An organisation runs classes of its own courses, and of another's only while it holds an active
  grant of that course from its owner (courses.models.CourseGrant).
- An organisation's learners are the enrolments in its classes, and the enrolments without a
  class in the courses it owns. A course's owner also sees the learners of every class that others
  run of its course: the certificates say the course is its own.
- Superusers and government staff see every class and learner; staff change none of them.
  Content reviewers judge pages, not people: they see no learners (UU 27/2022: minimal data).
"""

from django.db.models import Q

from courses.models import Cohort, CourseGrant, CoursePage, Enrolment
from organisations.models import FACILITATOR_ROLES, GOVERNMENT_STAFF_GROUP, Organisation


def organisations_facilitated_by(user):
    """The organisations whose classes `user` runs (none for overseers: they only read)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user, memberships__role__in=FACILITATOR_ROLES)


def _remembered(user, name, answer):
    """`answer()`, asked once per user object: an admin page asks these for every menu item and policy,
    and a request's user object lives only as long as the request."""
    if name not in user.__dict__:
        user.__dict__[name] = answer()
    return user.__dict__[name]


def reads_every_record(user):
    """Superusers and government staff read every class and learner."""
    if user.is_superuser:
        return True
    return _remembered(
        user, "_scope_reads_every_record", lambda: user.groups.filter(name=GOVERNMENT_STAFF_GROUP).exists()
    )


def facilitates_for_any_organisation(user):
    """Whether `user` runs the classes of at least one organisation."""
    if not user.is_authenticated:
        return False
    return _remembered(user, "_scope_facilitates", lambda: organisations_facilitated_by(user).exists())


def belongs_to_any_organisation(user):
    """Whether `user` is a member (author or facilitator) of at least one organisation."""
    if not user.is_authenticated:
        return False
    return _remembered(user, "_scope_member", lambda: Organisation.objects.filter(memberships__user=user).exists())


def cohorts_visible_to(user):
    if not user.is_authenticated:
        return Cohort.objects.none()
    if reads_every_record(user):
        return Cohort.objects.all()
    return cohorts_run_by(user)


def cohorts_run_by(user):
    """The classes `user` may change: those of the organisations they facilitate for."""
    if user.is_superuser:
        return Cohort.objects.all()
    return Cohort.objects.filter(organisation__in=organisations_facilitated_by(user))


def may_run(user, cohort):
    return cohorts_run_by(user).filter(pk=cohort.pk).exists()


def courses_runnable_by(organisations):
    """The courses whose classes these organisations may run: their own, and those granted to them."""
    granted = CourseGrant.objects.active().filter(organisation__in=organisations).values("course_id")
    return CoursePage.objects.filter(Q(organisation__in=organisations) | Q(pk__in=granted))


def may_run_course(*, organisation, course):
    """Whether `organisation` may run classes of `course` now (new classes, new learners, paper completions)."""
    if course.organisation_id == organisation.pk:
        return True
    return CourseGrant.objects.active().filter(course=course, organisation=organisation).exists()


def learners_of(organisations):
    """The enrolments an organisation answers for: in its classes, or class-less in its courses."""
    return Enrolment.objects.filter(
        Q(cohort__organisation__in=organisations) | Q(cohort__isnull=True, course__organisation__in=organisations)
    )


def learners_seen_by(organisations):
    """The enrolments an organisation sees: those it answers for, and every one in the courses it owns,
    whoever runs the class (the certificates name it as the course's owner)."""
    return Enrolment.objects.filter(
        Q(cohort__organisation__in=organisations) | Q(course__organisation__in=organisations)
    )


def learners_visible_to(user):
    if not user.is_authenticated:
        return Enrolment.objects.none()
    if reads_every_record(user):
        return Enrolment.objects.all()
    return learners_seen_by(organisations_facilitated_by(user))


def learners_run_by(user):
    """The enrolments whose learners `user` may help: more attempts, paper completion, a reset link."""
    if user.is_superuser:
        return Enrolment.objects.all()
    return learners_of(organisations_facilitated_by(user))
