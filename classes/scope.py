"""Who sees and runs which classes and learners: the one place these rules live.

- A facilitator runs the classes of the organisations they facilitate for (courses.scope).
- An organisation's learners are the enrolments in its classes, and the enrolments without a
  class in the courses it owns. A course's owner also sees the learners of every class that others
  run of its course: the certificates say the course is its own.
- Superusers and government staff see every class and learner; staff change none of them.
  Content reviewers judge pages, not people: they see no learners (UU 27/2022: minimal data).
"""

from django.db.models import Q

from classes.models import Cohort
from courses.models import Enrolment
from courses.scope import organisations_facilitated_by, reads_every_record


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


def learners_of(organisations):
    """The enrolments an organisation answers for: in its classes, or class-less in its courses."""
    return Enrolment.objects.filter(
        Q(cohort_enrolment__cohort__organisation__in=organisations)
        | Q(cohort_enrolment__isnull=True, course__organisation__in=organisations)
    )


def learners_seen_by(organisations):
    """The enrolments an organisation sees: those it answers for, and every one in the courses it owns,
    whoever runs the class (the certificates name it as the course's owner)."""
    return Enrolment.objects.filter(
        Q(cohort_enrolment__cohort__organisation__in=organisations) | Q(course__organisation__in=organisations)
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
