from django.core.exceptions import PermissionDenied
from wagtail import hooks
from wagtail.models import BaseViewRestriction


def _refuse_if_outside_groups(request, restrictions):
    """403 for a logged-in visitor whom a groups restriction keeps out.

    Wagtail's own check (which runs after this one) sends every refused visitor to log in; but
    someone already logged in is sent straight back by the log-in page, and round again, until
    the browser gives up. Visitors who are not logged in still go to the log-in page.
    """
    if not request.user.is_authenticated:
        return
    for restriction in restrictions:
        if restriction.restriction_type == BaseViewRestriction.GROUPS and not restriction.accept_request(request):
            raise PermissionDenied


@hooks.register("before_serve_document", order=-1)
def refuse_restricted_document_to_logged_in_visitor(document, request):
    _refuse_if_outside_groups(request, document.collection.get_view_restrictions())


@hooks.register("on_serve_page", order=-1)
def refuse_restricted_page_to_logged_in_visitor(next_serve_page):
    """The same for a page made private to some groups (ordered first: the outermost of the chain)."""

    def serve_page(page, request, serve_args, serve_kwargs):
        _refuse_if_outside_groups(request, page.get_view_restrictions())
        return next_serve_page(page, request, serve_args, serve_kwargs)

    return serve_page
