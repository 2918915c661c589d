"""What the Wagtail admin lets each person do with course grants: courses.scope's rules, as a
permission policy; and the base of the policies that follow memberships (classes.permissions too).

No Django model permission is involved: the rules follow memberships, so a new organisation needs
no set-up.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from courses.models import CourseGrant, CoursePage
from courses.scope import belongs_to_any_organisation, reads_every_record
from organisations.models import FACILITATOR_ROLES
from organisations.selectors import member_organisations


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


course_grant_permission_policy = CourseGrantPermissionPolicy(CourseGrant)
