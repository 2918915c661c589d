"""Who may see and act on which issued certificates in the Wagtail admin: courses.scope's rules, per action.

- view: government staff and superusers see every certificate; facilitators see those of the learners
  their organisations answer for (classes.scope.learners_visible_to).
- revoke: government staff and superusers only ("staff change nothing but reviews and revocations").
- reissue (after a name correction): the facilitators of the learner's organisation and superusers;
  staff do not, since a re-issue writes a new file.
- retry (a failed issue): whoever sees the certificate; it changes no record's content, it only runs
  again the issuing the rules already require.

No certificate is added, edited or deleted in the admin: they change only through certificates.services.
Certificate templates are ordinary snippets and use Django's model permissions (Wagtail's default).

Which template a course's certificates use is chosen by those who write the course, as when the choice
was a field of the course's page: its organisation's authors, and superusers. Government staff and
content reviewers see every course's choice and change none.
"""

from django.db.models import Q

from certificates.models import Certificate, CourseCertificateTemplate
from classes.scope import learners_run_by, learners_visible_to
from courses.models import CoursePage
from courses.permissions import ScopedPermissionPolicy
from courses.scope import facilitates_for_any_organisation, reads_every_record
from organisations.models import AUTHOR_ROLES
from organisations.selectors import organisations_of_author, oversees_every_organisation, roles_in_organisations

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


CHANGING_ACTIONS = {"add", "change", "delete"}


def _oversees(user):
    return oversees_every_organisation(user)


def _writes_courses(user):
    return user.is_superuser or bool(roles_in_organisations(user) & set(AUTHOR_ROLES))


def courses_whose_template_is_chosen_by(user):
    """The courses whose certificate template `user` chooses: those of the organisations they write for."""
    if not _active(user):
        return CoursePage.objects.none()
    return CoursePage.objects.filter(organisation__in=organisations_of_author(user))


class CourseCertificateTemplatePermissionPolicy(ScopedPermissionPolicy):
    def user_has_permission(self, user, action):
        if not _active(user):
            return False
        if action in CHANGING_ACTIONS:
            return _writes_courses(user)
        if action == "view":
            return _oversees(user) or _writes_courses(user)
        return False

    def instances_user_has_any_permission_for(self, user, actions):
        actions = set(actions)
        if "view" in actions and self.user_has_permission(user, "view") and _oversees(user):
            return CourseCertificateTemplate.objects.all()
        if not any(self.user_has_permission(user, action) for action in actions):
            return CourseCertificateTemplate.objects.none()
        return CourseCertificateTemplate.objects.filter(course__in=courses_whose_template_is_chosen_by(user))


course_certificate_template_permission_policy = CourseCertificateTemplatePermissionPolicy(CourseCertificateTemplate)
