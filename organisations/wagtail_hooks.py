from wagtail import hooks

from organisations.views import OrganisationsGroup


@hooks.register("register_admin_viewset")
def register_organisations():
    return OrganisationsGroup()
