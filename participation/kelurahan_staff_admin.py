"""The kelurahan staff role in the admin: "Participation → Kelurahan staff", where government staff give and
withdraw the role (participation.kelurahan_staff_views). Its scope in the page tree is registered at start-up
(participation.apps: courses.page_permissions.register_page_scope) and answered by each forum page
(participation.page_permissions)."""

from wagtail import hooks

from participation.kelurahan_staff_views import kelurahan_staff_viewset


@hooks.register("register_admin_viewset")
def register_kelurahan_staff():
    return kelurahan_staff_viewset
