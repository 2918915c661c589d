"""Wagtail's page permission policy, narrowed: an NGO member never meets other organisations' courses.

Wagtail gives an organisation's authors "add" on /kursus/, which reaches every course below it, so
its own policy lists other organisations' courses and modules to them in the explorer, the admin
search, the page-type and workflow reports, site history, the page chooser and the admin API. Every
one of those asks the registered policy (``policy_registry.get_by_type(Page)``) which pages the
person may explore or act on: this policy leaves out the course and module pages of organisations
the person is not a member of. Overseers (superusers, government staff, reviewers) see them all.

Apps above courses narrow it further for their own page types: they register a **page scope**
(``register_page_scope``) from their AppConfig.ready(), and every place that asks which pages a person
meets (this policy, the explorer and page chooser views below, the chooser hook in
courses.wagtail_hooks, and through the policy the admin API, the searches, the reports and the bulk
actions of courses.admin_visibility) goes through the one function ``pages_in_scope``.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404
from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views import chooser
from wagtail.admin.views.reports import page_types_usage
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from organisations.selectors import member_organisations, oversees_every_organisation

_page_scopes = []


def register_page_scope(narrow):
    """`narrow(pages, user)` returns `pages` (a Page queryset) without the pages `user` must not meet in the
    admin. It is called on every admin request that lists pages, so it must add no query of its own:
    narrow in SQL (a subquery), not by asking the database first. participation registers the forums of
    other kelurahan, for kelurahan staff (participation.scope.forum_pages_in_kelurahan_scope)."""
    if narrow not in _page_scopes:
        _page_scopes.append(narrow)


def pages_in_scope(pages, user):
    """`pages` as `user` may meet them anywhere in the admin: without other organisations' courses, and
    without what each registered page scope leaves out."""
    pages = without_other_organisations_courses(pages, user)
    for narrow in _page_scopes:
        pages = narrow(pages, user)
    return pages


def without_other_organisations_courses(pages, user):
    """`pages` without the course and module pages of organisations `user` is not a member of."""
    from courses.models import CoursePage, ModulePage

    if not user.is_authenticated or oversees_every_organisation(user):
        return pages
    own_paths = CoursePage.objects.filter(organisation__in=member_organisations(user)).values_list("path", flat=True)
    own = Q(pk__in=[])
    for course_path in own_paths:
        own |= Q(path__startswith=course_path)
    course_types = ContentType.objects.get_for_models(CoursePage, ModulePage).values()
    return pages.exclude(Q(content_type__in=course_types) & ~own)


class OrganisationPagePermissionPolicy(PagePermissionPolicy):
    def instances_user_has_any_permission_for(self, user, actions):
        return pages_in_scope(super().instances_user_has_any_permission_for(user, actions), user)

    def explorable_instances(self, user):
        return pages_in_scope(super().explorable_instances(user), user)


class PageTypesUsageReportView(page_types_usage.PageTypesUsageReportView):
    """Wagtail's page types report names each type's last edited page, whoever's it is: an NGO member
    sees that name only for pages the policy lets them explore."""

    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        explorable = set(
            self.permission_policy.explorable_instances(self.request.user)
            .filter(pk__in=[item.last_edited_page_id for item in page_types if item.last_edited_page_id])
            .values_list("pk", flat=True)
        )
        for item in page_types:
            if item.last_edited_page is not None and item.last_edited_page.pk not in explorable:
                item.last_edited_page = None
        return page_types


# Mounted in lms/urls.py ahead of Wagtail's admin, at the report's own addresses (which keep their
# names: the view and its links reverse Wagtail's own, and they lead here).
page_types_usage_urls = [
    path("", PageTypesUsageReportView.as_view()),
    path("results/", PageTypesUsageReportView.as_view(results_only=True)),
]


def _not_out_of_scope(view):
    """The explorer of one page: 404 for a page out of the person's scope (another organisation's course or
    module, another kelurahan's forum), named by its id."""

    def explore(request, parent_page_id, **kwargs):
        page = Page.objects.filter(pk=parent_page_id)
        if page.exists() and not pages_in_scope(page, request.user).exists():
            raise Http404
        return view(request, parent_page_id=parent_page_id, **kwargs)

    return explore


# Wagtail's explorer lists only the pages the policy allows, but shows any page named in its address
# (title, breadcrumbs): mounted in lms/urls.py ahead of Wagtail's admin, at the explorer's addresses.
explorer_urls = [
    path(
        "<int:parent_page_id>/",
        require_admin_access(
            _not_out_of_scope(page_viewset_registry.as_view("index", parent_page_id_kwarg="parent_page_id"))
        ),
    ),
    path(
        "<int:parent_page_id>/results/",
        require_admin_access(
            _not_out_of_scope(page_viewset_registry.as_view("index_results", parent_page_id_kwarg="parent_page_id"))
        ),
    ),
]


class PageChooserBrowseView(chooser.BrowseView):
    """Wagtail's page chooser lists only the pages the chooser hook allows, but names the page it browses
    (title, breadcrumbs), whoever's it is: a page out of the person's scope (another organisation's course
    or module, another kelurahan's forum) named by its id is not found, as in the explorer."""

    def get_object_list(self):
        # Called once the page to browse is known, before anything of it is shown.
        user = self.request.user
        if not pages_in_scope(Page.objects.filter(pk=self.parent_page.pk), user).exists():
            if self.kwargs.get("parent_page_id"):
                raise Http404
            # Asked for a page type only: Wagtail starts at the pages' common ancestor, which may be
            # another organisation's course; start at the nearest page above it this person may see.
            self.parent_page = pages_in_scope(self.parent_page.get_ancestors(), user).last().specific
        return super().get_object_list()


class PageChosenMultipleView(chooser.ChosenMultipleView):
    """The answer to choosing several pages at once names only pages the chooser would have offered."""

    def get(self, request):
        named = [pk for pk in request.GET.getlist("id") if pk.isdigit()]
        offered = pages_in_scope(Page.objects.filter(pk__in=named), request.user)
        request.GET = request.GET.copy()
        request.GET.setlist("id", [str(pk) for pk in offered.values_list("pk", flat=True)])
        return super().get(request)


# Mounted in lms/urls.py ahead of Wagtail's admin, at the page chooser's addresses (its search already
# asks the chooser hook for every page it lists).
page_chooser_urls = [
    path("", require_admin_access(PageChooserBrowseView.as_view())),
    path("<int:parent_page_id>/", require_admin_access(PageChooserBrowseView.as_view())),
    path("chosen-multiple/", require_admin_access(PageChosenMultipleView.as_view())),
]
