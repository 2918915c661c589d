"""What the Wagtail admin lets each person do with classes: courses.scope's rules, as a permission policy.

Facilitators add classes for their organisations and change only those; government staff and
reviewers see every class and change none; superusers do anything. No Django model permission
is involved: the rules follow memberships, so a new organisation needs no set-up.
"""

from django.contrib.auth import get_user_model
from wagtail.permission_policies.base import BasePermissionPolicy

from courses.models import Cohort, Enrolment
from courses.scope import (
    cohorts_run_by,
    cohorts_visible_to,
    learners_visible_to,
    organisations_facilitated_by,
    reads_every_record,
)
from organisations.models import FACILITATOR_ROLES

CHANGING_ACTIONS = {"add", "change", "delete"}


class CohortPermissionPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        if not (user.is_authenticated and user.is_active):
            return False
        if user.is_superuser:
            return True
        facilitates = organisations_facilitated_by(user).exists()
        if action in CHANGING_ACTIONS:
            return facilitates
        return facilitates or reads_every_record(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def instances_user_has_permission_for(self, user, action):
        if action in CHANGING_ACTIONS:
            return cohorts_run_by(user)
        return cohorts_visible_to(user)

    def instances_user_has_any_permission_for(self, user, actions):
        if set(actions) - CHANGING_ACTIONS:
            return cohorts_visible_to(user)
        return cohorts_run_by(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.instances_user_has_permission_for(user, action).filter(pk=instance.pk).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.instances_user_has_any_permission_for(user, actions).filter(pk=instance.pk).exists()

    def users_with_any_permission(self, actions):
        return get_user_model().objects.filter(memberships__role__in=FACILITATOR_ROLES, is_active=True).distinct()


class LearnerPermissionPolicy(BasePermissionPolicy):
    """Enrolments are read in the admin, never changed there: learners change their own through the site,
    facilitators through the class tools (courses.cohort_views)."""

    def user_has_permission(self, user, action):
        if action != "view" or not (user.is_authenticated and user.is_active):
            return False
        return user.is_superuser or organisations_facilitated_by(user).exists() or reads_every_record(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def instances_user_has_permission_for(self, user, action):
        return learners_visible_to(user) if action == "view" else Enrolment.objects.none()

    def instances_user_has_any_permission_for(self, user, actions):
        return learners_visible_to(user) if "view" in actions else Enrolment.objects.none()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.instances_user_has_permission_for(user, action).filter(pk=instance.pk).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.instances_user_has_any_permission_for(user, actions).filter(pk=instance.pk).exists()


cohort_permission_policy = CohortPermissionPolicy(Cohort)
learner_permission_policy = LearnerPermissionPolicy(Enrolment)
