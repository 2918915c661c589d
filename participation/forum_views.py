"""The forum page's routes for residents (participation.models.ForumPage): the page, registering and
cancelling, questions for the agenda, and the QR check-in."""

from django.template.response import TemplateResponse


def forum_page(request, *, page):
    return TemplateResponse(request, page.get_template(request), page.get_context(request))
