"""The admin shows nothing of another organisation, also outside its listings.

Wagtail's listings ask each model's permission policy what a person may see: pages the page policy
lets them explore (courses.page_permissions leaves other organisations' courses out), images and
documents in the collections their groups hold a permission on (each organisation has its own).
Three other ways into the same objects did not ask:

- the admin API (``/admin/api/main/images/``, ``…/documents/``) listed every collection's files with
  their addresses, to any admin user;
- the bulk-action confirmation pages (``/admin/bulk/…/?id=…``) printed the title of any object named
  by its id, as one "you do not have permission" to act on;
- the page chooser (courses.page_permissions) named the page it browses, whoever's it was.

Here the first two ask the policy too: an object the person may not see is not there (404), and
one they may see but not act on is still listed as such, as Wagtail does.
"""

from django.shortcuts import get_list_or_404
from wagtail.admin.views.pages import bulk_actions as page_bulk_actions
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.documents.views import bulk_actions as document_bulk_actions
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.images.views import bulk_actions as image_bulk_actions
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction as SnippetDeleteBulkAction

# An image, document or snippet is visible to whoever may do any of these with it: the admin's
# listings show what one may change or delete, its choosers what one may choose.
SEEING_ACTIONS = ("view", "change", "delete", "choose")


def visible_to(user, model):
    """The objects of `model` that `user` meets anywhere in the admin, as its listings and choosers show them."""
    policy = policy_registry.get_by_type(model)
    if issubclass(model, Page):
        return policy.explorable_instances(user)
    return policy.instances_user_has_any_permission_for(user, SEEING_ACTIONS)


class VisibleObjectsOnly:
    """For a bulk action: the objects named in the address that the person may not see are not there.

    Wagtail looks the ids up in the whole table (a class method, without the request) and lists those
    the person cannot act on by their titles; this looks them up among what the person may see, so
    another organisation's ids find nothing and the page answers 404, as for ids that do not exist.
    """

    def get_queryset(self, model, object_ids):
        return get_list_or_404(visible_to(self.request.user, model), pk__in=object_ids)


def _visible_objects_only(action_class):
    return type(action_class.__name__, (VisibleObjectsOnly, action_class), {"__module__": __name__})


# Registered in courses/wagtail_hooks.py after Wagtail's own, which they replace (the registry keeps the
# last class registered for a model and action). Users' bulk actions already refuse anyone who may not
# manage users.
BULK_ACTIONS = [
    _visible_objects_only(action_class)
    for action_class in (
        page_bulk_actions.DeleteBulkAction,
        page_bulk_actions.MoveBulkAction,
        page_bulk_actions.PublishBulkAction,
        page_bulk_actions.UnpublishBulkAction,
        image_bulk_actions.AddTagsBulkAction,
        image_bulk_actions.AddToCollectionBulkAction,
        image_bulk_actions.DeleteBulkAction,
        document_bulk_actions.AddTagsBulkAction,
        document_bulk_actions.AddToCollectionBulkAction,
        document_bulk_actions.DeleteBulkAction,
        SnippetDeleteBulkAction,
    )
]


class VisibleImagesAPIViewSet(ImagesAdminAPIViewSet):
    """The admin API's images: only those the person meets in the admin's listing and chooser."""

    def get_queryset(self):
        return super().get_queryset().filter(pk__in=visible_to(self.request.user, self.model).values("pk"))


class VisibleDocumentsAPIViewSet(DocumentsAdminAPIViewSet):
    """The admin API's documents: only those the person meets in the admin's listing and chooser."""

    def get_queryset(self):
        return super().get_queryset().filter(pk__in=visible_to(self.request.user, self.model).values("pk"))
