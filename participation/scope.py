"""Where a person may act in participation: the one place of that rule.

- superusers and government staff: everywhere (DESIGN, amended by issue 18);
- kelurahan staff: the kelurahan of each assignment in force, and every kelurahan of an assigned
  kecamatan;
- anyone else: nowhere.

Every admin screen, export, chooser and the admin API of participation asks ``kelurahan_scope`` (or
``in_kelurahan_scope`` for a queryset), so a kelurahan's staff never meet another kelurahan's items.
The page tree asks ``forum_pages_in_kelurahan_scope`` (registered with courses.page_permissions: the
explorer, the page chooser, the admin API, the searches and the bulk actions) and each forum page's
``permissions_for_user`` (editing, publishing, deleting by address): both read the same assignments.
"""

from django.db.models import Exists, Q

from core.remembered import remembered
from organisations.models import GOVERNMENT_STAFF_GROUP
from organisations.selectors import group_names
from participation.models import KELURAHAN_STAFF_GROUP, ForumPage, KelurahanStaffAssignment
from regions.models import Region

EVERYWHERE = None


def acts_everywhere(user):
    """Superusers and government staff act in participation everywhere."""
    return user.is_active and (user.is_superuser or GOVERNMENT_STAFF_GROUP in group_names(user))


def kelurahan_scope(user):
    """``EVERYWHERE`` (None), or the frozenset of kelurahan codes where `user` may act (empty: nowhere).
    Read once per user object."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if acts_everywhere(user):
        return EVERYWHERE
    return remembered(user, "_kelurahan_scope", lambda: _assigned_kelurahan(user))


def _assignments_in_force(user):
    return KelurahanStaffAssignment.objects.filter(user=user, withdrawn_at__isnull=True)


def _villages_assigned(user):
    """The kelurahan of `user`'s assignments in force, as a query (a kelurahan, or each one of a kecamatan)."""
    assigned = _assignments_in_force(user).values("region")
    return Region.objects.filter(level=Region.Level.VILLAGE).filter(Q(code__in=assigned) | Q(parent__in=assigned))


def _assigned_kelurahan(user):
    return frozenset(_villages_assigned(user).values_list("code", flat=True))


def is_kelurahan_staff(user):
    """Whether `user` acts in some kelurahan only (not everywhere)."""
    scope = kelurahan_scope(user)
    return scope is not EVERYWHERE and bool(scope)


def acts_somewhere(user):
    """Whether `user` acts in participation anywhere: everywhere, or in some kelurahan. Who may open a
    participation screen at all (what they then see is narrowed by `in_kelurahan_scope`)."""
    scope = kelurahan_scope(user)
    return scope is EVERYWHERE or bool(scope)


def in_kelurahan_scope(queryset, user, *, field="kelurahan"):
    """`queryset` narrowed to the rows whose `field` (a kelurahan) lies where `user` may act."""
    scope = kelurahan_scope(user)
    if scope is EVERYWHERE:
        return queryset
    return queryset.filter(**{f"{field}__in": scope})


def may_act_in(user, kelurahan_code):
    scope = kelurahan_scope(user)
    return scope is EVERYWHERE or kelurahan_code in scope


def forum_pages_in_kelurahan_scope(pages, user):
    """`pages` (a Page queryset) without the forums of kelurahan where `user`, as kelurahan staff, may not act.

    A page scope (courses.page_permissions.register_page_scope): Wagtail asks the page permission policy on
    every admin page, so this adds no query of its own; who is kelurahan staff is worked out in the same
    SQL. Only kelurahan staff are narrowed: those who act everywhere keep every forum, and so does anyone
    else, who holds no permission on forums (an NGO author may still link one from a lesson).
    """
    if not user.is_authenticated or user.is_superuser:
        return pages
    # In the group without an assignment in force (put there by hand): kelurahan staff of nowhere.
    is_kelurahan_staff = (
        Exists(_assignments_in_force(user)) | Exists(user.groups.filter(name=KELURAHAN_STAFF_GROUP))
    ) & ~Exists(user.groups.filter(name=GOVERNMENT_STAFF_GROUP))
    elsewhere = ForumPage.objects.filter(is_kelurahan_staff).exclude(kelurahan__in=_villages_assigned(user))
    return pages.exclude(pk__in=elsewhere.values("pk"))
