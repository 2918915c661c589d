"""Project-wide views that belong to no app."""

from django.shortcuts import redirect
from django.templatetags.static import static


def favicon(request):
    """/favicon.ico: the site's icon.

    Our pages name their icon, but a browser still asks for /favicon.ico when it shows something
    that names none, such as a certificate PDF. Without this it would get a whole 404 page.
    """
    # Not permanent: in production the icon's name carries its hash, which changes with the icon.
    return redirect(static("img/favicon.svg"))
