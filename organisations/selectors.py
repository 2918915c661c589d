"""Reads about organisations and who may see what of them."""

from django.contrib.auth import get_user_model

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
    """``sees_every_organisation``, from the user's groups read once per user object (``group_names``): for
    the admin's menus and permission policies, which ask it many times a request."""
    return user.is_superuser or bool(group_names(user) & {GOVERNMENT_STAFF_GROUP, REVIEWERS_GROUP})


def group_names(user):
    """The names of `user`'s groups, read in one query once per user object (core.remembered): every app's
    question "is this person government staff, a reviewer, kelurahan staff?" on an admin page asks this."""
    if not user.is_authenticated:
        return frozenset()
    return remembered(user, "_group_names", lambda: frozenset(user.groups.values_list("name", flat=True)))


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


def without_any_role(users):
    """`users` less everyone who holds a role anywhere: staff or superuser status, any group (government
    staff, reviewers, kelurahan staff, an organisation's groups), any permission of their own (the Wagtail
    admin's access among them) or any organisation's membership. What is left are residents' own accounts,
    which a counter or a facilitator may help back in; the rest reset their passwords by their own means.

    Staff status alone is not enough: Wagtail's Users screen puts people in groups without setting it.
    Kelurahan staff assignments (participation) come with their group, so no assignment escapes this.
    """
    return (
        users.filter(is_staff=False, is_superuser=False)
        .exclude(groups__isnull=False)
        .exclude(user_permissions__isnull=False)
        .exclude(memberships__isnull=False)
    )


def holds_any_role(user):
    """Whether `user` is more than a resident (``without_any_role``, asked of one account, read afresh)."""
    return not without_any_role(get_user_model().objects.filter(pk=user.pk)).exists()
