"""What an organisation's authors and the government's reviewers may do with course pages.

Organisations make the groups (organisations.services) and announce it (organisations.signals);
courses gives those groups their permissions on the course indexes and courses, and puts the review
workflow on every course index. Authors may add courses under /kursus/ and edit their organisation's
courses and modules; they cannot publish: reviewers approve, which publishes.
"""

from django.contrib.auth.models import Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Page, WorkflowPage

from courses.models import CourseIndexPage
from organisations.models import Organisation

# What an organisation's authors may do with its course pages (and so with their modules).
COURSE_PERMISSIONS = ("add_page", "change_page")


def _page_permission(codename):
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


@transaction.atomic
def course_permissions_sync(course):
    """The course's organisation's authors may edit it and add modules to it; no other organisation's may."""
    permissions = [_page_permission(codename) for codename in COURSE_PERMISSIONS]
    owner_group = course.organisation.authors_group
    other_authors = Organisation.objects.exclude(pk=course.organisation_id).values("authors_group")
    GroupPagePermission.objects.filter(page=course, group__in=other_authors).delete()
    if owner_group is not None:
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(group=owner_group, page=course, permission=permission)


@transaction.atomic
def organisation_course_permissions_install(organisation):
    """The organisation's authors may add courses on every course index, and edit its own courses."""
    add_page = _page_permission("add_page")
    for index in CourseIndexPage.objects.all():
        GroupPagePermission.objects.get_or_create(group=organisation.authors_group, page=index, permission=add_page)
    for course in organisation.courses.all():
        course_permissions_sync(course)


@transaction.atomic
def course_indexes_review_install(*, workflow, reviewers):
    """Every course index goes through the review workflow, whose reviewers may publish there."""
    # Approving the last task publishes the page as the reviewer: they need the publish permission.
    publish_page = _page_permission("publish_page")
    for index in CourseIndexPage.objects.all():
        WorkflowPage.objects.update_or_create(page=Page.objects.get(pk=index.pk), defaults={"workflow": workflow})
        GroupPagePermission.objects.get_or_create(group=reviewers, page=index, permission=publish_page)


# Receivers (connected in courses.apps).


def course_permissions_follow_publishing(sender, instance, **kwargs):
    """Connected to page_published for courses: the live page's organisation is the one that counts."""
    course_permissions_sync(instance)


def course_permissions_follow_organisation_groups(sender, organisation, **kwargs):
    """Connected to organisations.signals.organisation_groups_installed."""
    organisation_course_permissions_install(organisation)


def course_indexes_follow_content_review(sender, workflow, reviewers, **kwargs):
    """Connected to organisations.signals.content_review_installed."""
    course_indexes_review_install(workflow=workflow, reviewers=reviewers)
