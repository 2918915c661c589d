"""Wagtail admin views that find their object among those the person may see, through the view's
permission policy: for models whose rules follow memberships rather than Django's model permissions."""

from django.core.exceptions import PermissionDenied
from django.http import Http404


class ScopedObjectMixin:
    """Find the object among those the person may see; refuse changes to those they may only see.

    ``instance_action`` names what the view does to the object: not ``action``, which Wagtail's edit
    and create views set to the button pressed ("edit"), a name the permission policies do not know.
    """

    instance_action = "view"

    def get_object(self, *args, **kwargs):
        instance = super().get_object(*args, **kwargs)
        user = self.request.user
        if not self.permission_policy.user_has_permission_for_instance(user, "view", instance):
            raise Http404
        if not self.permission_policy.user_has_permission_for_instance(user, self.instance_action, instance):
            raise PermissionDenied
        return instance
