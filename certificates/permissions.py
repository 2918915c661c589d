"""Who may see and act on which issued certificates in the Wagtail admin: courses.scope's rules, per action.

- view: government staff and superusers see every certificate; facilitators see those of the learners
  their organisations answer for (courses.scope.learners_visible_to).
- revoke: government staff and superusers only ("staff change nothing but reviews and revocations").
- reissue (after a name correction): the facilitators of the learner's organisation and superusers;
  staff do not, since a re-issue writes a new file.
- retry (a failed issue): whoever sees the certificate; it changes no record's content, it only runs
  again the issuing the rules already require.

No certificate is added, edited or deleted in the admin: they change only through certificates.services.
Certificate templates are ordinary snippets and use Django's model permissions (Wagtail's default).
"""

from django.db.models import Q

from certificates.models import Certificate
from courses.permissions import ScopedPermissionPolicy
from courses.scope import facilitates_for_any_organisation, learners_run_by, learners_visible_to, reads_every_record

VIEW, REVOKE, REISSUE, RETRY = "view", "revoke", "reissue", "retry"
_NOTHING = Q(pk__in=[])
EVERY = object()


def _active(user):
    return user.is_authenticated and user.is_active


class CertificatePermissionPolicy(ScopedPermissionPolicy):
    def user_has_permission(self, user, action):
        if not _active(user):
            return False
        if action in (VIEW, RETRY):
            return reads_every_record(user) or facilitates_for_any_organisation(user)
        if action == REVOKE:
            return reads_every_record(user)
        if action == REISSUE:
            return user.is_superuser or facilitates_for_any_organisation(user)
        return False  # add, change, delete: certificates change only through their services

    def instances_user_has_any_permission_for(self, user, actions):
        conditions = [self._condition(user, action) for action in set(actions)]
        if EVERY in conditions:
            return Certificate.objects.all()
        condition = _NOTHING
        for other in conditions:
            condition |= other
        return Certificate.objects.filter(condition)

    def _condition(self, user, action):
        """EVERY, or a Q: (an empty Q would vanish when or-ed with another, so "every" has its own value)."""
        if not self.user_has_permission(user, action):
            return _NOTHING
        if action in (VIEW, RETRY):
            return EVERY if reads_every_record(user) else Q(enrolment__in=learners_visible_to(user))
        if action == REVOKE:
            return EVERY
        if action == REISSUE:
            return EVERY if user.is_superuser else Q(enrolment__in=learners_run_by(user))
        return _NOTHING


certificate_permission_policy = CertificatePermissionPolicy(Certificate)
