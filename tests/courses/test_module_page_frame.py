"""The module page's frame (templates/base.html, the account menu, the footer) leads where the URLconf and the
static files storage say, for a resident and for a visitor, in both languages; its addresses are worked out once
per process (core.templatetags.cached_url_tags), not on every page."""

from unittest import mock

import pytest
from django.templatetags.static import static
from django.urls import reverse

from core.templatetags import cached_url_tags

pytestmark = pytest.mark.django_db


def test_a_residents_module_page_links_to_the_urlconfs_addresses(resident_client, modules):
    text = resident_client.get(modules[0].url).text
    for name in ("dashboard", "profile:edit", "open_data:index"):
        assert f'href="{reverse(name)}"' in text
    assert f'action="{reverse("accounts:logout")}"' in text
    assert f'href="{reverse("choose_language", args=["en"])}?next={modules[0].url}"' in text
    assert f'href="{static("css/site.css")}"' in text
    assert f'href="{static("img/favicon.svg")}"' in text


def test_a_visitors_module_page_links_to_log_in_and_sign_up(client, modules):
    text = client.get(modules[0].url).text
    assert f'href="{reverse("accounts:login")}"' in text
    assert f'href="{reverse("accounts:sign_up")}"' in text
    assert f'href="{reverse("accounts:login")}?next={modules[0].url}"' in text


def test_in_english_the_switch_leads_back_to_bahasa_indonesia(resident_client, modules):
    resident_client.cookies["django_language"] = "en"
    text = resident_client.get(modules[0].url).text
    assert '<html lang="en">' in text
    assert f'href="{reverse("choose_language", args=["id"])}?next={modules[0].url}"' in text


def test_the_frames_addresses_are_not_reversed_again_on_the_next_page(resident_client, modules):
    resident_client.get(modules[0].url)
    with (
        mock.patch.object(cached_url_tags, "reverse") as reverse_again,
        mock.patch.object(cached_url_tags, "static") as static_again,
    ):
        resident_client.get(modules[1].url)
    reverse_again.assert_not_called()
    static_again.assert_not_called()
