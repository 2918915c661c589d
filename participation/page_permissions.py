"""What a person may do with participation's pages in the admin, beyond the groups' permissions.

Kelurahan staff and government staff hold add, change and publish on /forum/ (participation.kelurahan_staff),
and Wagtail's own PagePermissionTester reads such group permissions by path alone: they would reach every
forum below /forum/, and /forum/ itself. Each forum page and the forum index answer
``permissions_for_user`` here instead (Wagtail asks the page's own class), so that by address too:

- a forum of a kelurahan where the person may not act (participation.scope) allows nothing at all;
- the forum index, which is every kelurahan's, lets those who do not act everywhere add forums below it
  (and publish them), but not edit, publish, move, copy, lock or delete the index itself.

Those who act everywhere (superusers, government staff) get Wagtail's own tester.
"""

from wagtail.models import PagePermissionTester

from core.remembered import remembered
from participation.models import ForumPage
from participation.scope import EVERYWHERE, kelurahan_scope


def _refuse(*args, **kwargs):
    return False


class _RefusingTester(PagePermissionTester):
    """Wagtail's tester, with every ``can_…`` question not named in ``still_allowed`` answered no.

    Every one, those Wagtail adds in a later release included, so that a new action stays refused until
    someone decides otherwise; and those that pass for reasons other than the group's permissions (the
    page's owner, a lock the person holds, a workflow task's editor) too.
    """

    still_allowed = frozenset()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for name in dir(PagePermissionTester):
            if name.startswith("can_") and name not in cls.still_allowed:
                setattr(cls, name, _refuse)


class NothingAllowed(_RefusingTester):
    """For a page out of the person's scope."""

    def __init__(self, user, page):
        super().__init__(user, page)
        # Read directly by Wagtail when this page is the destination of a move.
        self.permissions = set()


class SubpagesOnly(_RefusingTester):
    """For the forum index, to those who do not act everywhere: add forums below it, and publish them."""

    still_allowed = frozenset({"can_add_subpage", "can_publish_subpage"})


def forum_index_permissions(user, page):
    if kelurahan_scope(user) is EVERYWHERE:
        return PagePermissionTester(user, page)
    return SubpagesOnly(user, page)


def forum_page_permissions(user, page):
    """Wagtail's tester for a forum in `user`'s scope; nothing allowed for any other."""
    scope = kelurahan_scope(user)
    if scope is EVERYWHERE or _in_scope(user, scope, page):
        return PagePermissionTester(user, page)
    return NothingAllowed(user, page)


def _in_scope(user, scope, page):
    if "kelurahan_id" in page.__dict__:  # a forum page as loaded, or being created
        return page.kelurahan_id in scope
    # A forum listed as a plain Page (the explorer, the page chooser, bulk actions): Wagtail gives a
    # deferred ForumPage, whose kelurahan would cost a query per row. The forums in scope are read once per
    # request instead; a forum created in this request is a loaded one, never deferred.
    in_scope = remembered(
        user,
        "_forum_pages_in_scope",
        lambda: frozenset(ForumPage.objects.filter(kelurahan__in=scope).values_list("pk", flat=True)),
    )
    return page.pk in in_scope
