"""State changes for the site's page tree."""

from django.db import transaction
from wagtail.models import Page, Site

from cms_pages.models import HomePage


@transaction.atomic
def home_page_install(*, title, hero_title, hero_text, body="", hostname="localhost", port=80):
    """Make a HomePage the root of the default site, replacing Wagtail's welcome page.

    Idempotent: an existing HomePage is returned unchanged.
    """
    existing = HomePage.objects.first()
    if existing is not None:
        return existing
    root = Page.get_first_root_node()
    # Wagtail's first migration leaves a plain "Welcome to your new Wagtail site!" page
    # at /home/; our home page takes its slug, so remove it first.
    welcome_pages = Page.objects.child_of(root).filter(slug="home", content_type__model="page")
    for welcome in welcome_pages:
        welcome.delete()
    home = HomePage(title=title, slug="home", hero_title=hero_title, hero_text=hero_text, body=body)
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname=hostname, port=port, root_page=home, is_default_site=True, site_name="Sekolah Warga"
        )
    else:
        site.root_page = home
        site.site_name = "Sekolah Warga"
        site.save()
    return home
