"""The admin side of courses: who may write which course, who sees which, course grants, and completions in
the audit log."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page

from courses.admin_visibility import BULK_ACTIONS, VisibleDocumentsAPIViewSet, VisibleImagesAPIViewSet
from courses.authoring import course_permissions_sync
from courses.grant_views import CourseGrantViewSet
from courses.models import CoursePage, ModulePage
from courses.page_permissions import pages_in_scope
from organisations.models import REVIEWERS_GROUP
from organisations.selectors import organisations_of_author


@hooks.register("after_create_page")
def course_pages_belong_to_the_organisation(request, page):
    _belongs_to_the_organisation(page)


@hooks.register("after_copy_page")
def copied_course_pages_belong_to_the_organisation(request, page, new_page):
    _belongs_to_the_organisation(new_page)


def _belongs_to_the_organisation(page):
    """A course or module is its organisation's, not its creator's.

    Wagtail lets a page's owner edit it wherever it is and whatever their memberships: course and
    module pages have no owner, so that only the course's organisation's authors group edits them.
    """
    specific = page.specific
    if not isinstance(specific, CoursePage | ModulePage):
        return
    Page.objects.filter(path__startswith=page.path).update(owner=None)
    if isinstance(specific, CoursePage):
        course_permissions_sync(specific)


def _writes_for(user, course):
    return organisations_of_author(user).filter(pk=course.organisation_id).exists()


# Wagtail's "add" permission on /kursus/ reaches every page below it, other organisations' courses
# included: these two hooks keep an author's new and moved modules inside their own courses.
@hooks.register("before_create_page")
def modules_are_added_to_own_courses_only(request, parent_page, page_class):
    parent = parent_page.specific
    if isinstance(parent, CoursePage) and not _writes_for(request.user, parent):
        raise PermissionDenied


@hooks.register("before_move_page")
def modules_are_moved_into_own_courses_only(request, page_to_move, destination):
    destination = destination.specific
    if isinstance(destination, CoursePage) and not _writes_for(request.user, destination):
        raise PermissionDenied


@hooks.register("before_move_page", order=-1)
def pages_are_moved_only_by_who_may_move_them(request, page_to_move, destination):
    """Wagtail's move confirmation asks no permission before it names the page (its title, its draft's):
    a page outside the person's scope is not found, as in the explorer, and one they may not move is
    refused."""
    if not pages_in_scope(Page.objects.filter(pk=page_to_move.pk), request.user).exists():
        raise Http404
    if not page_to_move.permissions_for_user(request.user).can_move():
        raise PermissionDenied


@hooks.register("before_copy_page")
def copies_go_into_own_courses_only(request, page):
    if request.method == "POST" and request.POST.get("new_parent_page", "").isdigit():
        _refuse_unless_destination_is_writable(request.user, request.POST["new_parent_page"])


@hooks.register("before_bulk_action")
def bulk_moves_go_into_own_courses_only(request, action_type, objects, action):
    if action_type == "move" and request.method == "POST" and request.POST.get("chooser", "").isdigit():
        _refuse_unless_destination_is_writable(request.user, request.POST["chooser"])


def _refuse_unless_destination_is_writable(user, page_id):
    destination = Page.objects.filter(pk=page_id).first()
    if destination is None:
        return
    destination = destination.specific
    if isinstance(destination, CoursePage) and not _writes_for(user, destination):
        raise PermissionDenied


@hooks.register("before_unpublish_page")
def reviewers_approve_but_do_not_unpublish(request, page):
    """Reviewers hold the publish permission only because approving publishes as them."""
    if not request.user.is_superuser and request.user.groups.filter(name=REVIEWERS_GROUP).exists():
        raise PermissionDenied


@hooks.register("before_bulk_action")
def reviewers_do_not_publish_or_unpublish_in_bulk(request, action_type, objects, action):
    if action_type in ("publish", "unpublish"):
        reviewers_approve_but_do_not_unpublish(request, None)


# The explorer asks the page permission policy (courses.page_permissions); the page chooser does not.
@hooks.register("construct_page_chooser_queryset")
def chooser_offers_pages_in_scope(pages, request):
    return pages_in_scope(pages, request.user)


# The admin API and the bulk-action pages ask the permission policies too (courses.admin_visibility).
# Ordered after Wagtail's own registrations, which these replace.
@hooks.register("construct_admin_api", order=1)
def admin_api_lists_only_visible_files(router):
    router.register_endpoint("images", VisibleImagesAPIViewSet)
    router.register_endpoint("documents", VisibleDocumentsAPIViewSet)


for bulk_action in BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action, order=1)


# --- Course grants ---------------------------------------------------------------------------------


@hooks.register("register_admin_viewset")
def register_course_grants():
    return CourseGrantViewSet("course_grants")


@hooks.register("register_log_actions")
def register_course_grant_log_actions(actions):
    """Who granted a course to another organisation, and who withdrew it, in Wagtail's audit log."""
    actions.register_action("sekolah_warga.course_grant", _("Grant a course"), _("Course granted"))
    actions.register_action(
        "sekolah_warga.course_grant_withdraw", _("Withdraw a course grant"), _("Course grant withdrawn")
    )


# --- Completions -----------------------------------------------------------------------------------


@hooks.register("register_log_actions")
def register_completion_log_actions(actions):
    """A course completed, in the enrolment's history: online by the learner, or on paper in class as a
    facilitator recorded it (courses.services.enrolment_complete writes both)."""
    actions.register_action("sekolah_warga.completion", _("Complete a course online"), _("Completed online"))
    actions.register_action(
        "sekolah_warga.completion_on_paper", _("Record completion on paper"), _("Completion recorded by facilitator")
    )
