"""What the Wagtail admin lets each person do with classes and learners: courses.scope's rules, as
permission policies.

Facilitators add classes for their organisations and change only those; government staff see every
class and learner and change none; superusers do anything. Learners (enrolments) are only read in
the admin. No Django model permission is involved: the rules follow memberships, so a new
organisation needs no set-up.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from courses.models import Cohort, CourseGrant, CoursePage, Enrolment
from courses.scope import (
    belongs_to_any_organisation,
    cohorts_run_by,
    cohorts_visible_to,
    facilitates_for_any_organisation,
    learners_visible_to,
    reads_every_record,
)
from organisations.models import FACILITATOR_ROLES
from organisations.selectors import member_organisations

CHANGING_ACTIONS = {"add", "change", "delete"}


def _reads_classes(user):
    return user.is_superuser or facilitates_for_any_organisation(user) or reads_every_record(user)


class ScopedPermissionPolicy(BasePermissionPolicy):
    """A policy whose per-object answers come from its querysets: an object is allowed when it is in them."""

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.instances_user_has_any_permission_for(user, actions).filter(pk=instance.pk).exists()

    def users_with_any_permission(self, actions):
        return get_user_model().objects.filter(memberships__role__in=FACILITATOR_ROLES, is_active=True).distinct()


class CohortPermissionPolicy(ScopedPermissionPolicy):
    def user_has_permission(self, user, action):
        if not (user.is_authenticated and user.is_active):
            return False
        if action in CHANGING_ACTIONS:
            return user.is_superuser or facilitates_for_any_organisation(user)
        return _reads_classes(user)

    def instances_user_has_any_permission_for(self, user, actions):
        if set(actions) - CHANGING_ACTIONS:
            return cohorts_visible_to(user)
        return cohorts_run_by(user)


class LearnerPermissionPolicy(ScopedPermissionPolicy):
    """Enrolments are read in the admin, never changed there: learners change their own through the site,
    facilitators through the class tools (courses.cohort_views)."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_authenticated and user.is_active and _reads_classes(user)

    def instances_user_has_any_permission_for(self, user, actions):
        return learners_visible_to(user) if "view" in actions else Enrolment.objects.none()


def grantable_courses(user):
    """The courses whose grants `user` gives and withdraws: every one for government staff and
    superusers, their organisations' own for the members (authors and facilitators) of an organisation."""
    if reads_every_record(user):
        return CoursePage.objects.all()
    return CoursePage.objects.filter(organisation__in=member_organisations(user))


class CourseGrantPermissionPolicy(ScopedPermissionPolicy):
    """A course's owner and government staff grant and withdraw ("change") the right to run its classes;
    the organisation holding a grant sees it. A grant is never edited or deleted: it is withdrawn."""

    def user_has_permission(self, user, action):
        if not (user.is_authenticated and user.is_active):
            return False
        if action not in ("view", "add", "change"):
            return False
        return reads_every_record(user) or belongs_to_any_organisation(user)

    def instances_user_has_any_permission_for(self, user, actions):
        actions = set(actions) & {"view", "add", "change"}
        if not actions or not self.user_has_permission(user, next(iter(actions))):
            return CourseGrant.objects.none()
        if reads_every_record(user):
            return CourseGrant.objects.all()
        organisations = member_organisations(user)
        if "view" in actions:
            return CourseGrant.objects.filter(
                Q(course__organisation__in=organisations) | Q(organisation__in=organisations)
            )
        return CourseGrant.objects.filter(course__organisation__in=organisations)


cohort_permission_policy = CohortPermissionPolicy(Cohort)
course_grant_permission_policy = CourseGrantPermissionPolicy(CourseGrant)
learner_permission_policy = LearnerPermissionPolicy(Enrolment)
