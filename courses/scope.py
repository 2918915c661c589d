"""Who runs which courses' classes, and who reads every record: the one place these rules live.

- A facilitator runs the classes of the organisations they facilitate for.
- An organisation runs classes of its own courses, and of another's only while it holds an active
  grant of that course from its owner (courses.models.CourseGrant).
- Superusers and government staff read every class and learner; staff change none of them.

Which classes and learners each person sees follows from these, in classes.scope.
"""

from django.db.models import Q

from courses.models import CourseGrant, CoursePage
from organisations.models import FACILITATOR_ROLES, GOVERNMENT_STAFF_GROUP, Organisation
from organisations.selectors import group_names, roles_in_organisations


def organisations_facilitated_by(user):
    """The organisations whose classes `user` runs (none for overseers: they only read)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user, memberships__role__in=FACILITATOR_ROLES)


def reads_every_record(user):
    """Superusers and government staff read every class and learner."""
    return user.is_superuser or GOVERNMENT_STAFF_GROUP in group_names(user)


def facilitates_for_any_organisation(user):
    """Whether `user` runs the classes of at least one organisation."""
    return bool(roles_in_organisations(user) & set(FACILITATOR_ROLES))


def belongs_to_any_organisation(user):
    """Whether `user` is a member (author or facilitator) of at least one organisation."""
    return bool(roles_in_organisations(user))


def courses_runnable_by(organisations):
    """The courses whose classes these organisations may run: their own, and those granted to them."""
    granted = CourseGrant.objects.active().filter(organisation__in=organisations).values("course_id")
    return CoursePage.objects.filter(Q(organisation__in=organisations) | Q(pk__in=granted))


def may_run_course(*, organisation, course):
    """Whether `organisation` may run classes of `course` now (new classes, new learners, paper completions)."""
    if course.organisation_id == organisation.pk:
        return True
    return CourseGrant.objects.active().filter(course=course, organisation=organisation).exists()
