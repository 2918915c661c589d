from django.core.exceptions import PermissionDenied
from wagtail import hooks
from wagtail.models import BaseViewRestriction


@hooks.register("before_serve_document", order=-1)
def refuse_restricted_document_to_logged_in_visitor(document, request):
    """A logged-in visitor outside the groups a document's collection is restricted to gets 403.

    Wagtail's own check (which runs after this one) sends every refused visitor to log in; but
    someone already logged in is sent straight back by the log-in page, and round again, until
    the browser gives up. Visitors who are not logged in still go to the log-in page.
    """
    if not request.user.is_authenticated:
        return
    for restriction in document.collection.get_view_restrictions():
        if restriction.restriction_type == BaseViewRestriction.GROUPS and not restriction.accept_request(request):
            raise PermissionDenied
