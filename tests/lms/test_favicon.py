"""The site's icon: every page names it, so browsers stop asking for a missing /favicon.ico.

Without a <link rel="icon">, a browser asks for /favicon.ico on a visitor's first page, gets a 404
and logs an error in the console. The icon is a small SVG among the static files: from the site's
own origin, which the strict Content-Security-Policy (img-src 'self') allows.
"""

import pytest
from bs4 import BeautifulSoup
from django.template import loader

pytestmark = pytest.mark.django_db

ICON = "/static/img/favicon.svg"


def icon_links(html):
    return [link["href"] for link in BeautifulSoup(html, "html.parser").select('link[rel~="icon"]')]


def test_public_pages_and_error_pages_name_the_sites_icon(client, site_tree):
    assert icon_links(client.get("/").content) == [ICON]
    assert icon_links(client.get("/akun/masuk/").content) == [ICON]
    assert icon_links(client.get("/tidak-ada-halaman-ini/").content) == [ICON]
    # The 500 page renders from nothing (no request, no database): it names the icon too.
    assert icon_links(loader.get_template("500.html").render()) == [ICON]


def test_the_icon_is_served_from_the_site_itself_and_loads_nothing_else(client):
    response = client.get(ICON)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    svg = b"".join(response.streaming_content).decode()
    assert svg.lstrip().startswith("<svg")
    # Nothing the policy would refuse or that would tell another site who visits: no links, no script.
    assert "href" not in svg and "<script" not in svg and "url(" not in svg


def test_a_browser_asking_for_favicon_ico_is_sent_to_the_icon(client):
    """As for a certificate PDF, which names no icon: the icon, not a 404 page."""
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"] == ICON
