"""Who may do what with Suara Warga items in the Wagtail admin: Django's model permissions (which screens),
narrowed by participation.scope (which items).

The kelurahan staff group and government staff hold ``view_feedback`` and ``change_feedback``
(participation.kelurahan_staff.participation_permissions_install); superusers hold every permission.
Whoever holds them meets only the items of the kelurahan where they act: every view of the
``suara_warga`` viewset finds its item through this policy, so another kelurahan's item is "not found".

- view, change: the model permission, and a scope that is not empty;
- add ("Record an item" received at the counter, on paper or by telephone): whoever triages, that is
  ``change_feedback``. Typing in a resident's item is part of the same desk work, and no group is given
  ``add_feedback``;
- delete: nobody. An item is never deleted in the admin: a resident's data rights erase its sender
  (participation.feedback.feedback_of_resident_erase), and the item's history stays.
"""

from wagtail.permission_policies import ModelPermissionPolicy

from participation.models import Feedback
from participation.scope import EVERYWHERE, in_kelurahan_scope, kelurahan_scope, may_act_in

# The model permission each admin action needs.
PERMISSION_OF_ACTION = {"view": "view", "change": "change", "add": "change"}


class FeedbackPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        permission = PERMISSION_OF_ACTION.get(action)
        if permission is None or not super().user_has_permission(user, permission):
            return False
        scope = kelurahan_scope(user)
        return scope is EVERYWHERE or bool(scope)

    def users_with_any_permission(self, actions):
        permissions = {PERMISSION_OF_ACTION[action] for action in actions if action in PERMISSION_OF_ACTION}
        return super().users_with_any_permission(permissions)

    def user_has_permission_for_instance(self, user, action, instance):
        # kelurahan_id is the kelurahan's BPS code: no query for the item's kelurahan.
        return self.user_has_permission(user, action) and may_act_in(user, instance.kelurahan_id)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return Feedback.objects.none()
        return in_kelurahan_scope(Feedback.objects.all(), user)


feedback_permission_policy = FeedbackPermissionPolicy(Feedback)
