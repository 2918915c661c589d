from django import template
from wagtail.models import Site

from core.page_cache import public

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The site's top-level pages marked "show in menus", in one query."""
    request = context["request"]
    site = Site.find_for_request(request)
    # public(): the view restrictions read once per publish (core.page_cache), not each time the menu is rebuilt.
    items = public(site.root_page.get_children().live().in_menu()).only("id", "title", "url_path") if site else []
    current = context.get("page")
    current_path = current.url_path if current else ""
    return {
        "menu_items": [
            {"title": item.title, "url": item.get_url(request), "active": current_path.startswith(item.url_path)}
            for item in items
        ],
        "home_url": site.root_page.get_url(request) if site else "/",
    }
