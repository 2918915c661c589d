"""The admin's Help menu leads to our guides in Indonesian (docs/panduan/), not to Wagtail's English ones."""

import json
import re

import pytest
from django.conf import settings
from django.utils import translation

from core.admin_help import guide_get
from organisations.models import Membership
from organisations.services import organisation_create
from tests import factories

pytestmark = pytest.mark.django_db

GUIDES = {
    "penulis": "Panduan penulis (mitra)",
    "fasilitator": "Panduan fasilitator",
    "staf-kelurahan": "Panduan staf kelurahan",
    "staf-pemerintah": "Panduan staf pemerintah kota",
}


def help_menu(client):
    """The Help submenu's items (label, url) from the admin's sidebar props."""
    html = client.get("/admin/").content.decode()
    props = json.loads(re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S).group(1))
    found = []

    def walk(node):
        if isinstance(node, dict):
            args = node.get("_args")
            if node.get("_type") == "wagtail.sidebar.SubMenuItem" and args and args[0].get("name") == "help":
                found.extend((item["_args"][0]["label"], item["_args"][0].get("url")) for item in args[1])
                return
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(props)
    return found


@pytest.fixture
def facilitator(site_tree):
    organisation = organisation_create(name="Yayasan Lingkungan Lestari", slug="lestari", kind="ngo")
    return factories.users_with_roles(members=[("facilitator", organisation, Membership.Role.FACILITATOR)])[
        "facilitator"
    ]


def test_the_help_menu_lists_our_four_guides_and_not_wagtails(client, facilitator):
    client.force_login(facilitator)

    menu = help_menu(client)

    assert menu[:4] == [(title, f"/admin/panduan/{name}/") for name, title in GUIDES.items()]
    assert not any("wagtail.org" in (url or "") for _label, url in menu)
    assert not any("Wagtail" in label for label, _url in menu)


def test_every_guide_is_open_to_everyone_in_the_admin(client, facilitator):
    staff = factories.kelurahan_staff()
    for user in (facilitator, staff):
        client.force_login(user)
        for name, title in GUIDES.items():
            response = client.get(f"/admin/panduan/{name}/")
            assert response.status_code == 200
            assert f"<h1>{title}</h1>" not in response.content.decode()  # the title is the page's header
            assert title in response.content.decode()


def test_a_resident_or_a_visitor_cannot_read_the_guides(client):
    response = client.get("/admin/panduan/penulis/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")

    client.force_login(factories.resident())
    response = client.get("/admin/panduan/penulis/")
    assert response.status_code in (302, 403)
    assert "Panduan penulis" not in response.content.decode()


def test_only_the_listed_guides_are_served(client, facilitator):
    client.force_login(facilitator)
    assert client.get("/admin/panduan/tidak-ada/").status_code == 404
    # Another Markdown file of the repository is not a guide, whatever the address says.
    assert client.get("/admin/panduan/README/").status_code == 404
    assert client.get("/admin/panduan/..%2Fsecurity/").status_code == 404


def test_a_guide_is_markdown_rendered_without_raw_html(settings, tmp_path):
    (tmp_path / "uji.md").write_text(
        "# Panduan uji\n\nTeks **tebal**.\n\n<script>alert(1)</script>\n\n[tautan](javascript:alert(1))\n",
        encoding="utf-8",
    )
    settings.ADMIN_GUIDES_DIR = tmp_path
    settings.ADMIN_GUIDES = ["uji"]
    settings.DEBUG = True  # read afresh, not from the cache of the real guides

    guide = guide_get("uji")

    assert guide.title == "Panduan uji"
    assert "<strong>tebal</strong>" in guide.html
    assert "<script>" not in guide.html
    assert "&lt;script&gt;" in guide.html
    assert 'href="javascript:' not in guide.html


def test_the_guides_exist_in_the_repository_with_an_indonesian_heading():
    for name, title in GUIDES.items():
        text = (settings.ADMIN_GUIDES_DIR / f"{name}.md").read_text(encoding="utf-8")
        assert text.startswith(f"# {title}\n")


def test_the_admin_log_in_greets_with_the_site_name_not_wagtail(client):
    response = client.get("/admin/login/")
    html = response.content.decode()
    heading = re.search(r"<h1>(.*?)</h1>", html, re.S).group(1).strip()

    with translation.override("id"):
        expected = translation.gettext("Sign in to %(site_name)s") % {"site_name": "Sekolah Warga"}
    assert heading == expected
    assert "Wagtail" not in heading
    assert re.search(r"<title>[^<]*Sekolah Warga</title>", html)
