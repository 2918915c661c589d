"""Who sees and runs which classes and learners: the one place these rules live.

- A facilitator runs the classes of the organisations they facilitate for.
- An organisation's learners are the enrolments in its classes, and the enrolments without a
  class in the courses it owns.
- Superusers and government staff (and content reviewers) see every class and learner; they
  change none of them.
"""

from django.db.models import Q

from courses.models import Cohort, Enrolment
from organisations.models import FACILITATOR_ROLES, Organisation
from organisations.selectors import sees_every_organisation


def organisations_facilitated_by(user):
    """The organisations whose classes `user` runs (none for overseers: they only read)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user, memberships__role__in=FACILITATOR_ROLES)


def cohorts_visible_to(user):
    if not user.is_authenticated:
        return Cohort.objects.none()
    if sees_every_organisation(user):
        return Cohort.objects.all()
    return cohorts_run_by(user)


def cohorts_run_by(user):
    """The classes `user` may change: those of the organisations they facilitate for."""
    if user.is_superuser:
        return Cohort.objects.all()
    return Cohort.objects.filter(organisation__in=organisations_facilitated_by(user))


def may_run(user, cohort):
    return cohorts_run_by(user).filter(pk=cohort.pk).exists()


def learners_of(organisations):
    """The enrolments an organisation answers for: in its classes, or class-less in its courses."""
    return Enrolment.objects.filter(
        Q(cohort__organisation__in=organisations) | Q(cohort__isnull=True, course__organisation__in=organisations)
    )


def learners_visible_to(user):
    if not user.is_authenticated:
        return Enrolment.objects.none()
    if sees_every_organisation(user):
        return Enrolment.objects.all()
    return learners_run_by(user)


def learners_run_by(user):
    """The enrolments whose learners `user` may help: more attempts, paper completion, a reset link."""
    if user.is_superuser:
        return Enrolment.objects.all()
    return learners_of(organisations_facilitated_by(user))
