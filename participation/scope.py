"""Where a person may act in participation: the one place of that rule.

- superusers and government staff: everywhere (DESIGN, amended by issue 18);
- kelurahan staff: the kelurahan of each assignment in force, and every kelurahan of an assigned
  kecamatan;
- anyone else: nowhere.

Every admin screen, export, chooser and the admin API of participation asks ``kelurahan_scope`` (or
``in_kelurahan_scope`` for a queryset), so a kelurahan's staff never meet another kelurahan's items.
"""

from django.db.models import Q

from core.remembered import remembered
from organisations.models import GOVERNMENT_STAFF_GROUP
from participation.models import KelurahanStaffAssignment
from regions.models import Region

EVERYWHERE = None


def acts_everywhere(user):
    """Superusers and government staff act in participation everywhere."""
    return user.is_active and (
        user.is_superuser
        or remembered(user, "_in_government_staff", lambda: user.groups.filter(name=GOVERNMENT_STAFF_GROUP).exists())
    )


def kelurahan_scope(user):
    """``EVERYWHERE`` (None), or the frozenset of kelurahan codes where `user` may act (empty: nowhere).
    Read once per user object."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if acts_everywhere(user):
        return EVERYWHERE
    return remembered(user, "_kelurahan_scope", lambda: _assigned_kelurahan(user))


def _assigned_kelurahan(user):
    assigned = KelurahanStaffAssignment.objects.filter(user=user, withdrawn_at__isnull=True).values("region")
    return frozenset(
        Region.objects.filter(level=Region.Level.VILLAGE)
        .filter(Q(code__in=assigned) | Q(parent__in=assigned))
        .values_list("code", flat=True)
    )


def is_kelurahan_staff(user):
    """Whether `user` acts in some kelurahan only (not everywhere)."""
    scope = kelurahan_scope(user)
    return scope is not EVERYWHERE and bool(scope)


def in_kelurahan_scope(queryset, user, *, field="kelurahan"):
    """`queryset` narrowed to the rows whose `field` (a kelurahan) lies where `user` may act."""
    scope = kelurahan_scope(user)
    if scope is EVERYWHERE:
        return queryset
    return queryset.filter(**{f"{field}__in": scope})


def may_act_in(user, kelurahan_code):
    scope = kelurahan_scope(user)
    return scope is EVERYWHERE or kelurahan_code in scope
