"""Organisations and the people who work for them: their groups, and what those groups may do.

Permissions are given to groups, never to users: each organisation has an authors group and a
facilitators group, made when the organisation is made. A membership puts a user in the groups
its role needs. Authors may add courses under /kursus/ and edit their organisation's courses and
modules; they cannot publish: what they submit goes to the content review workflow, which the
government reviewers approve or reject. Those permissions on course pages, and the workflow on the
course indexes, are given by courses (courses.authoring), which listens to organisations.signals.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    Workflow,
    WorkflowTask,
)

from organisations.models import GOVERNMENT_STAFF_GROUP, REVIEWERS_GROUP, Membership, Organisation
from organisations.selectors import membership_allowed
from organisations.signals import content_review_installed, organisation_groups_installed

REVIEW_WORKFLOW = "Tinjauan konten"
REVIEW_TASK = "Persetujuan peninjau"

# The images and documents that lessons show: authors upload, change and choose them in their
# organisation's own collection.
MEDIA_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _admin_access():
    return _permission("wagtailadmin", "access_admin")


@transaction.atomic
def organisation_create(*, name, slug, kind, **fields):
    organisation = Organisation.objects.create(name=name, slug=slug, kind=kind, **fields)
    organisation_groups_install(organisation)
    return organisation


@transaction.atomic
def organisation_groups_install(organisation):
    """Make the organisation's groups and give them their permissions; running it again changes nothing."""
    if organisation.authors_group is None:
        organisation.authors_group = Group.objects.create(name=f"{organisation.name} · penulis")
    if organisation.facilitators_group is None:
        organisation.facilitators_group = Group.objects.create(name=f"{organisation.name} · fasilitator")
    if organisation.collection is None:
        organisation.collection = Collection.get_first_root_node().add_child(name=organisation.name)
    organisation.save(update_fields=["authors_group", "facilitators_group", "collection"])
    admin_access = _admin_access()
    for group in (organisation.authors_group, organisation.facilitators_group):
        group.permissions.add(admin_access)
    for app_label, codename in MEDIA_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=organisation.authors_group,
            collection=organisation.collection,
            permission=_permission(app_label, codename),
        )
    organisation_groups_installed.send(sender=Organisation, organisation=organisation)
    return organisation


@transaction.atomic
def membership_set(*, user, organisation, role):
    """Make `user` a member of `organisation` in `role` (or change their role); returns the membership."""
    if not membership_allowed(user):
        raise ValueError(f"{user} oversees organisations and cannot join one")
    membership, _created = Membership.objects.update_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    _groups_follow_membership(membership)
    return membership


@transaction.atomic
def membership_remove(*, user, organisation):
    membership = Membership.objects.filter(user=user, organisation=organisation).first()
    if membership is None:
        return
    user.groups.remove(*[g for g in (organisation.authors_group, organisation.facilitators_group) if g])
    membership.delete()
    staff_status_follows_groups(user)


@transaction.atomic
def government_role_grant(*, user, group_name):
    """Make `user` a content reviewer or government staff (REVIEWERS_GROUP, GOVERNMENT_STAFF_GROUP)."""
    if group_name not in (REVIEWERS_GROUP, GOVERNMENT_STAFF_GROUP):
        raise ValueError(f"not a government role: {group_name}")
    content_review_install()
    user.groups.add(Group.objects.get(name=group_name))
    staff_status_follows_groups(user)


def _groups_follow_membership(membership):
    user, organisation = membership.user, membership.organisation
    for group, member in (
        (organisation.authors_group, membership.is_author),
        (organisation.facilitators_group, membership.is_facilitator),
    ):
        if member:
            user.groups.add(group)
        else:
            user.groups.remove(group)
    staff_status_follows_groups(user)


def staff_status_follows_groups(user):
    """Staff status marks the people who work in the CMS (it shows them Wagtail's editing bar)."""
    is_staff = user.is_superuser or user.groups.filter(permissions__codename="access_admin").exists()
    if user.is_staff != is_staff:
        get_user_model().objects.filter(pk=user.pk).update(is_staff=is_staff)
        user.is_staff = is_staff


@transaction.atomic
def content_review_install():
    """The reviewers' and government staff's groups, and the review workflow (which courses puts on
    every course index: organisations.signals).

    Returns the workflow. Running it again changes nothing.
    """
    reviewers, _created = Group.objects.get_or_create(name=REVIEWERS_GROUP)
    staff, _created = Group.objects.get_or_create(name=GOVERNMENT_STAFF_GROUP)
    admin_access = _admin_access()
    reviewers.permissions.add(admin_access)
    staff.permissions.add(admin_access)
    # Government staff set up the organisations and invite their first members (organisations.views).
    staff.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="organisations",
            codename__in=[
                "add_organisation",
                "change_organisation",
                "view_organisation",
                "add_membership",
                "change_membership",
                "delete_membership",
                "view_membership",
            ],
        )
    )
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK)
    task.groups.set([reviewers])
    workflow, _created = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    content_review_installed.send(sender=Workflow, workflow=workflow, reviewers=reviewers)
    return workflow
