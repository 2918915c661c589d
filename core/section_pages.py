"""Index pages of the site's sections (/kursus/, /forum/, /penganggaran/): each sits under the home page."""


class SectionIndexMixin:
    """For the index page of a section of the site: it sits under the home page.

    The home page belongs to a higher app (cms_pages), so the section's app may not name it in
    ``parent_page_types`` (docs/architecture.md); the home page lists the indexes in its
    ``subpage_types`` instead, and every other page type names its own children. What is left to
    refuse is Wagtail's tree root, which accepts any page type that does not say otherwise, and is
    no site.
    """

    @classmethod
    def can_exist_under(cls, parent):
        return not parent.is_root() and super().can_exist_under(parent)
