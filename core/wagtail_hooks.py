"""Admin hooks of the shared parts: our guides in the Help menu (core.admin_help)."""

from wagtail import hooks

from core.admin_help import admin_help_urls, help_menu_with_our_guides


@hooks.register("register_admin_urls")
def register_admin_help_urls():
    return admin_help_urls


@hooks.register("construct_help_menu")
def construct_help_menu(request, menu_items):
    help_menu_with_our_guides(request, menu_items)
