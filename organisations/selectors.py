"""Reads about organisations and who may see what of them."""

from core.remembered import remembered
from organisations.models import AUTHOR_ROLES, GOVERNMENT_STAFF_GROUP, REVIEWERS_GROUP, Membership, Organisation


def organisations_of_author(user):
    """The organisations whose courses `user` may write (every one for a superuser)."""
    if user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(memberships__user=user, memberships__role__in=AUTHOR_ROLES)


def sees_every_organisation(user):
    """Superusers, government staff and content reviewers see every organisation's pages."""
    return user.is_superuser or user.groups.filter(name__in=[GOVERNMENT_STAFF_GROUP, REVIEWERS_GROUP]).exists()


def oversees_every_organisation(user):
    """``sees_every_organisation``, asked once per user object (core.remembered): for the admin's menus
    and permission policies, which ask it many times a request."""
    return remembered(user, "_oversees_every_organisation", lambda: sees_every_organisation(user))


def roles_in_organisations(user):
    """The roles (Membership.Role) `user` holds in any organisation, read once per user object: whether
    they write courses, run classes or belong anywhere at all is one query, however often it is asked."""
    if not user.is_authenticated:
        return frozenset()
    return remembered(
        user,
        "_roles_in_organisations",
        lambda: frozenset(Membership.objects.filter(user=user).values_list("role", flat=True)),
    )


def member_organisations(user):
    return Organisation.objects.filter(memberships__user=user)


def membership_allowed(user):
    """Those who oversee organisations (administrators, government staff, reviewers) cannot join one."""
    return not sees_every_organisation(user)
