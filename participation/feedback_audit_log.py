"""Wagtail's site history (Reports → Site history, and its CSV and XLSX) keeps to each person's kelurahan.

The report lists the audit log entries of every model on which the person holds some Django permission
(``BaseLogEntryManager.viewable_by_user``). Kelurahan staff hold ``view_feedback``, so it would show
them every kelurahan's Suara Warga entries: each item's tracking code (the key to its public tracking
page), what was done and by whom. Wagtail offers no hook for this listing, so its one method is wrapped
once at start-up (as core.wagtail_exports wraps the exports' one method): entries of items outside the
person's scope (participation.scope) are left out. An item's own history view reads its entries by the
item, which the viewset has already found in scope, and is not affected.

tests/participation/test_feedback_admin_scope.py fails if a Wagtail upgrade stops calling this method.
"""

import functools

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from wagtail.models.audit_log import ModelLogEntryManager

from participation.models import Feedback
from participation.scope import EVERYWHERE, in_kelurahan_scope, kelurahan_scope


def feedback_log_entries_scoped():
    """Make the site history leave out the entries of Suara Warga items outside the person's scope
    (idempotent)."""
    original = ModelLogEntryManager.viewable_by_user
    if getattr(original, "feedback_scoped", False):
        return

    @functools.wraps(original)
    def viewable_by_user(self, user):
        entries = original(self, user)
        if kelurahan_scope(user) is EVERYWHERE:
            return entries
        # A log entry names its object by the text of its key.
        in_scope = in_kelurahan_scope(Feedback.objects.all(), user).values(key=Cast("pk", CharField()))
        feedback_type = ContentType.objects.get_for_model(Feedback)
        return entries.exclude(Q(content_type=feedback_type) & ~Q(object_id__in=in_scope))

    viewable_by_user.feedback_scoped = True
    ModelLogEntryManager.viewable_by_user = viewable_by_user
