"""Page types that are neither courses nor participation: the home page and standard pages."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms_pages.blocks import StandardBodyBlock
from core.page_cache import ViewRestrictionsRememberedMixin
from core.rich_text import RICH_TEXT


class HomePage(ViewRestrictionsRememberedMixin, Page):
    hero_title = models.CharField(_("headline"), max_length=120)
    hero_text = models.TextField(_("introduction"), max_length=400)
    body = RichTextField(_("body"), blank=True, features=RICH_TEXT)

    content_panels = Page.content_panels + [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "courses.CourseIndexPage",
        "participation.ForumIndexPage",
        "participation.BudgetingCallIndexPage",
        "participation.SuaraWargaPage",
        "cms_pages.StandardPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from cms_pages.selectors import home_page_highlights

        context = super().get_context(request, *args, **kwargs)
        context.update(home_page_highlights(home=self, now=timezone.now()))
        return context


class StandardPage(ViewRestrictionsRememberedMixin, Page):
    """About, privacy notice and other plain pages."""

    intro = models.TextField(_("introduction"), blank=True, max_length=400)
    body = StreamField(StandardBodyBlock(), verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["cms_pages.HomePage", "cms_pages.StandardPage"]
    subpage_types = ["cms_pages.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
