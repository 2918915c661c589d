"""Wagtail admin viewsets that offer only some of Wagtail's generic views."""

from wagtail.admin.admin_url_finder import ModelAdminURLFinder


class UnmountedViewsMixin:
    """Leave out of a ModelViewSet the generic views named in ``unmounted_views`` ("add", "edit",
    "delete", "usage", "history"): their URLs are not mounted, and the other views get no URL name for
    them, so no button, link or breadcrumb leads to a page that does not exist. Without an edit view,
    the admin's URL finder (site history, the audit log's links) finds no address for the object either.

    Why: a viewset over records that are only read (issued certificates) or only withdrawn (course
    grants) offers some of the generic views, but Wagtail's ModelViewSet mounts them all and has a switch
    only for copy and inspect (``copy_view_enabled``, ``inspect_view_enabled``). Put the mixin before
    ModelViewSet; a viewset that adds its own URLs adds them to ``super().get_urlpatterns()``.
    """

    unmounted_views = frozenset()

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in self.unmounted_views:
            view_kwargs[f"{name}_url_name"] = None
        return view_kwargs

    def get_urlpatterns(self):
        return [pattern for pattern in super().get_urlpatterns() if pattern.name not in self.unmounted_views]

    @property
    def url_finder_class(self):
        if "edit" not in self.unmounted_views:
            return super().url_finder_class
        return NoEditURLFinder


class NoEditURLFinder(ModelAdminURLFinder):
    """For objects that have no edit view: Wagtail's own finder would reverse the viewset's "edit"."""

    def construct_edit_url(self, instance):
        return None
