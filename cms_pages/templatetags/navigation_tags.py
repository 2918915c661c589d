from django import template
from wagtail.models import Page, Site

from core.page_cache import public

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The site's top-level pages marked "show in menus", in one query."""
    request = context["request"]
    site = Site.find_for_request(request)
    # public(): the view restrictions read once per publish (core.page_cache), not each time the menu is rebuilt.
    # child_of(), not root_page.get_children(): the site and its root page are remembered across publishes
    # (core.page_cache.remember_site), and get_children() trusts the root's numchild, which a new child
    # leaves stale there.
    items = []
    if site:
        items = public(Page.objects.child_of(site.root_page).live().in_menu()).only("id", "title", "url_path")
    current = context.get("page")
    current_path = current.url_path if current else ""
    return {
        "menu_items": [
            {"title": item.title, "url": item.get_url(request), "active": current_path.startswith(item.url_path)}
            for item in items
        ],
        "home_url": site.root_page.get_url(request) if site else "/",
    }
