from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared, product-neutral parts; an app so that its template tags load and the page cache hears Wagtail."""

    name = "core"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model
        from wagtail.models import Page, PageViewRestriction, Site
        from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

        from core.page_cache import (
            page_cache_invalidate,
            page_cache_invalidate_for_new_alias,
            sites_invalidate,
        )

        for name, signal in [
            ("published", page_published),
            ("unpublished", page_unpublished),
            ("moved", post_page_move),
            # A slug saved without a publish moves a live page's address at once.
            ("slug-changed", page_slug_changed),
        ]:
            signal.connect(page_cache_invalidate, dispatch_uid=f"page-cache-{name}")
        post_delete.connect(page_cache_invalidate, sender=Page, dispatch_uid="page-cache-delete")
        # A new alias is live at once, without being published.
        post_save.connect(page_cache_invalidate_for_new_alias, dispatch_uid="page-cache-new-alias")
        # Who may see a page, which site answers which host, and the images and documents that
        # lessons show change what is cached as well.
        for model in (PageViewRestriction, Site, get_image_model(), get_document_model()):
            name = model._meta.model_name
            post_save.connect(page_cache_invalidate, sender=model, dispatch_uid=f"page-cache-{name}-save")
            post_delete.connect(page_cache_invalidate, sender=model, dispatch_uid=f"page-cache-{name}-delete")
        # Which site answers a host (core.page_routing remembers it apart from the pages, past publishes):
        # a Site changes it; a move or a new slug may change its root page's place (url_path). Wagtail sends
        # page_slug_changed once the save commits, for the page renamed (its descendants' url_path follow).
        for name, signal, sender in [
            ("site-save", post_save, Site),
            ("site-delete", post_delete, Site),
            ("moved", post_page_move, None),
            ("slug-changed", page_slug_changed, None),
        ]:
            signal.connect(sites_invalidate, sender=sender, dispatch_uid=f"page-cache-sites-{name}")
