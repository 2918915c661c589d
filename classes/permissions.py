"""What the Wagtail admin lets each person do with classes and learners: classes.scope's rules, as
permission policies.

Facilitators add classes for their organisations and change only those; government staff see every
class and learner and change none; superusers do anything. Learners (enrolments) are only read in
the admin. No Django model permission is involved: the rules follow memberships, so a new
organisation needs no set-up.
"""

from classes.models import Cohort
from classes.scope import cohorts_run_by, cohorts_visible_to, learners_visible_to
from courses.models import Enrolment
from courses.permissions import ScopedPermissionPolicy
from courses.scope import facilitates_for_any_organisation, reads_every_record

CHANGING_ACTIONS = {"add", "change", "delete"}


def _reads_classes(user):
    return user.is_superuser or facilitates_for_any_organisation(user) or reads_every_record(user)


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
    facilitators through the class tools (classes.admin_views)."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_authenticated and user.is_active and _reads_classes(user)

    def instances_user_has_any_permission_for(self, user, actions):
        return learners_visible_to(user) if "view" in actions else Enrolment.objects.none()


cohort_permission_policy = CohortPermissionPolicy(Cohort)
learner_permission_policy = LearnerPermissionPolicy(Enrolment)
