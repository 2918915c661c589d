from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = _("Organisations")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from core.page_cache import page_cache_invalidate
        from organisations.models import Organisation

        # A course page names the organisation that runs it: a renamed organisation shows on the
        # pages anonymous visitors are served from the cache at once, not when they expire.
        post_save.connect(page_cache_invalidate, sender=Organisation, dispatch_uid="page-cache-organisation-save")
        post_delete.connect(page_cache_invalidate, sender=Organisation, dispatch_uid="page-cache-organisation-delete")
