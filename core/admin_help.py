"""Our own guides in the admin's Help menu, instead of Wagtail's English editor guide and release notes.

The guides are Markdown files, one per role (``settings.ADMIN_GUIDES``: file name without ``.md`` in
``settings.ADMIN_GUIDES_DIR``), kept in the repository beside the other docs so that they are reviewed
with the code they describe. Each file's first ``# heading`` is its title in the menu and on its page.

Every guide is open to everyone who may use the admin: they hold nothing secret, a person often has
more than one role, and knowing what the others do (who reviews, who runs the class) helps.

Markdown is rendered by markdown-it-py in CommonMark mode with HTML switched off: raw HTML in a guide
comes out as text, and its link checker refuses ``javascript:`` and similar addresses.
"""

from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.http import Http404
from django.urls import path, reverse
from django.utils.safestring import mark_safe
from django.views.generic import TemplateView
from markdown_it import MarkdownIt
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

# Wagtail's own help items, left out of the menu (wagtail.admin.wagtail_hooks): its English editor guide
# and "what's new in Wagtail <version>". Its keyboard shortcuts stay.
WAGTAIL_HELP_ITEMS_LEFT_OUT = ("editor-guide", "whats-new-in-wagtail-")


@dataclass(frozen=True)
class Guide:
    name: str
    title: str
    html: str

    @property
    def url(self):
        return reverse("admin_guide", args=[self.name])


def _markdown():
    return MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")


@cache
def _guide_read(name, directory):
    text = (directory / f"{name}.md").read_text(encoding="utf-8")
    heading, _newline, body = text.partition("\n")
    title = heading.removeprefix("# ").strip() if heading.startswith("# ") else name
    return Guide(name=name, title=title, html=_markdown().render(body if heading.startswith("# ") else text))


def guide_get(name):
    """The guide called ``name`` (one of ``settings.ADMIN_GUIDES``), or None."""
    if name not in settings.ADMIN_GUIDES:
        return None  # only the listed files: never a path built from the address
    directory = settings.ADMIN_GUIDES_DIR
    if settings.DEBUG:
        return _guide_read.__wrapped__(name, directory)  # edits show at once while writing a guide
    return _guide_read(name, directory)


def guides_list():
    return [guide_get(name) for name in settings.ADMIN_GUIDES]


def help_menu_with_our_guides(request, menu_items):
    """For the ``construct_help_menu`` hook: our guides first, and without Wagtail's guide and release notes."""
    kept = [item for item in menu_items if not item.name.startswith(WAGTAIL_HELP_ITEMS_LEFT_OUT)]
    ours = [
        MenuItem(guide.title, guide.url, name=f"panduan-{guide.name}", icon_name="doc-full", order=100 + index)
        for index, guide in enumerate(guides_list())
    ]
    menu_items[:] = ours + kept


class GuideView(WagtailAdminTemplateMixin, TemplateView):
    """One guide, read in the admin (open to everyone who may use the admin)."""

    template_name = "core/admin_help/guide.html"
    header_icon = "help"

    def dispatch(self, request, *args, **kwargs):
        self.guide = guide_get(kwargs["name"])
        if self.guide is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.guide.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Rendered from our own files, with HTML switched off in the Markdown (see the module's docstring).
        context["guide_html"] = mark_safe(self.guide.html)  # noqa: S308
        context["guides"] = guides_list()
        context["guide"] = self.guide
        return context


admin_help_urls = [path("panduan/<slug:name>/", GuideView.as_view(), name="admin_guide")]
