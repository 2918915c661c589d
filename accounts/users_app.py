"""Wagtail's users app with our user editor (accounts.admin_users), as Wagtail documents it.

In a module of its own: accounts/apps.py must hold one app config, or Django cannot tell which is
the accounts app's.
"""

from wagtail.users.apps import WagtailUsersAppConfig


class UsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "accounts.admin_users.UserViewSet"
