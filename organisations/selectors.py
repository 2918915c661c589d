"""Reads about organisations and who may see what of them."""

from organisations.models import AUTHOR_ROLES, GOVERNMENT_STAFF_GROUP, REVIEWERS_GROUP, Organisation


def organisations_of_author(user):
    """The organisations whose courses `user` may write (every one for a superuser)."""
    if user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(memberships__user=user, memberships__role__in=AUTHOR_ROLES)


def sees_every_organisation(user):
    """Superusers, government staff and content reviewers see every organisation's pages."""
    return user.is_superuser or user.groups.filter(name__in=[GOVERNMENT_STAFF_GROUP, REVIEWERS_GROUP]).exists()


def member_organisations(user):
    return Organisation.objects.filter(memberships__user=user)


def membership_allowed(user):
    """Those who oversee organisations (administrators, government staff, reviewers) cannot join one."""
    return not sees_every_organisation(user)
