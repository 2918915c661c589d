"""Giving and withdrawing the kelurahan staff role, and what the role's group may do.

Government staff give the role (participation.kelurahan_staff_views): an assignment to one kelurahan
or one kecamatan puts the person in the kelurahan staff group, whose permissions reach participation's
screens; which rows and pages they then meet follows from their assignments (participation.scope).
Government staff, who act in participation everywhere since issue 18, get the same permissions, and
also add, change and publish the budgeting calls (kelurahan staff do not: issue 20 brings them the review
of proposals). participation.receivers runs the install whenever a forum or budgeting-call index is made,
the government's groups are installed (organisations.signals.content_review_installed), or the
database is migrated on a site already set up.
"""

from django.contrib.auth.models import Group, Permission
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import GroupPagePermission

from organisations.models import GOVERNMENT_STAFF_GROUP
from organisations.services import staff_status_follows_groups
from participation.models import (
    KELURAHAN_STAFF_GROUP,
    BudgetingCallIndexPage,
    ForumIndexPage,
    KelurahanStaffAssignment,
    SuaraWargaPage,
)
from regions.models import Region

# Model permissions of both groups: Suara Warga items (triage: view and change, never add or delete), and
# the forum schedules (all four; each person's kelurahan only: participation.forum_schedule_admin).
FEEDBACK_PERMISSIONS = ("view_feedback", "change_feedback")
FORUM_SCHEDULE_PERMISSIONS = (
    "add_forumschedule",
    "change_forumschedule",
    "delete_forumschedule",
    "view_forumschedule",
)
# Government staff also keep the categories and give the role.
GOVERNMENT_ONLY_PERMISSIONS = (
    "add_feedbackcategory",
    "change_feedbackcategory",
    "delete_feedbackcategory",
    "view_feedbackcategory",
    "add_kelurahanstaffassignment",
    "change_kelurahanstaffassignment",
    "view_kelurahanstaffassignment",
)
# On the /forum/ page: organise forums (the page tree is narrowed to their kelurahan's by participation.scope,
# and the index itself is refused them by participation.page_permissions). Government staff hold the same on
# /penganggaran/.
FORUM_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


class AssignmentError(Exception):
    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


@transaction.atomic
def participation_permissions_install():
    """The kelurahan staff group and both groups' permissions. Running it again changes nothing."""
    kelurahan_staff, _created = Group.objects.get_or_create(name=KELURAHAN_STAFF_GROUP)
    government, _created = Group.objects.get_or_create(name=GOVERNMENT_STAFF_GROUP)
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    kelurahan_staff.permissions.add(admin_access)
    both_groups = Permission.objects.filter(
        content_type__app_label="participation", codename__in=FEEDBACK_PERMISSIONS + FORUM_SCHEDULE_PERMISSIONS
    )
    kelurahan_staff.permissions.add(*both_groups)
    government.permissions.add(*both_groups)
    government.permissions.add(
        *Permission.objects.filter(content_type__app_label="participation", codename__in=GOVERNMENT_ONLY_PERMISSIONS)
    )
    page_permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=FORUM_PAGE_PERMISSIONS
    )
    for groups, index_model in (
        ((kelurahan_staff, government), ForumIndexPage),
        ((government,), BudgetingCallIndexPage),
        # Government staff keep the Suara Warga page's introduction too (it has no child pages).
        ((government,), SuaraWargaPage),
    ):
        for index in index_model.objects.all():
            for group in groups:
                for permission in page_permissions:
                    GroupPagePermission.objects.get_or_create(group=group, page=index, permission=permission)
    return kelurahan_staff


@transaction.atomic
def kelurahan_staff_grant(*, user, region, by=None):
    """Make `user` kelurahan staff of `region` (a kelurahan, or a kecamatan and all its kelurahan)."""
    from participation.scope import acts_everywhere

    if region.level not in (Region.Level.VILLAGE, Region.Level.DISTRICT):
        raise AssignmentError(_("Choose a kelurahan or a kecamatan."), field="region")
    if region.level == Region.Level.DISTRICT and not region.children.filter(level=Region.Level.VILLAGE).exists():
        # The role would reach nowhere: the kecamatan's kelurahan were never imported.
        raise AssignmentError(
            _("Kecamatan %(region)s has no kelurahan in the list of regions.") % {"region": region.name},
            field="region",
        )
    if acts_everywhere(user):
        raise AssignmentError(_("%(user)s already acts in participation everywhere.") % {"user": user}, field="user")
    if not user.is_active:
        raise AssignmentError(_("%(user)s's account is not active.") % {"user": user}, field="user")
    already = _("%(user)s is already kelurahan staff of %(region)s.") % {"user": user, "region": region.name}
    if KelurahanStaffAssignment.objects.filter(user=user, region=region, withdrawn_at__isnull=True).exists():
        raise AssignmentError(already, field="region")
    group = participation_permissions_install()
    try:
        with transaction.atomic():
            assignment = KelurahanStaffAssignment.objects.create(user=user, region=region, granted_by=by)
    except IntegrityError:  # the same role given at the same moment by someone else
        raise AssignmentError(already, field="region") from None
    user.groups.add(group)
    staff_status_follows_groups(user)
    _forget_scope(user)
    log(assignment, "sekolah_warga.kelurahan_staff_grant", user=by)
    return assignment


@transaction.atomic
def kelurahan_staff_withdraw(*, assignment, by=None):
    """Withdraw one assignment; the person leaves the group once none is left in force."""
    assignment = KelurahanStaffAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.withdrawn_at is not None:
        return assignment
    assignment.withdrawn_at, assignment.withdrawn_by = timezone.now(), by
    assignment.save(update_fields=["withdrawn_at", "withdrawn_by"])
    user = assignment.user
    if not KelurahanStaffAssignment.objects.filter(user=user, withdrawn_at__isnull=True).exists():
        user.groups.remove(*Group.objects.filter(name=KELURAHAN_STAFF_GROUP))
        staff_status_follows_groups(user)
    _forget_scope(user)
    log(assignment, "sekolah_warga.kelurahan_staff_withdraw", user=by)
    return assignment


def _forget_scope(user):
    """What participation.scope and participation.page_permissions remembered of this user object."""
    for name in ("_kelurahan_scope", "_forum_pages_in_scope"):
        user.__dict__.pop(name, None)
