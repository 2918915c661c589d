"""``{% cached_url %}`` and ``{% cached_static %}`` (core.templatetags.cached_url_tags) write what ``{% url %}`` and
``{% static %}`` write, in every language, under every script prefix and with the manifest storage production
uses; and they work each address out once."""

import json
from unittest import mock

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.template import Context, Template
from django.test import override_settings
from django.urls import path, set_script_prefix
from django.utils import translation

from core.templatetags import cached_url_tags


def _view(request):
    return HttpResponse()


# A URLconf with language-prefixed addresses (the site has none today): the cached address follows the language.
urlpatterns = i18n_patterns(path("data/", _view, name="open-data"))


@pytest.fixture(autouse=True)
def forgotten():
    cached_url_tags._reversed.cache_clear()
    cached_url_tags._static.cache_clear()
    yield
    cached_url_tags._reversed.cache_clear()
    cached_url_tags._static.cache_clear()


def render(source):
    return Template("{% load static cached_url_tags %}" + source).render(Context())


def both(tag, cached_tag, arguments):
    """What the Django tag and the cached one write, rendered one after the other."""
    return render(f"{{% {tag} {arguments} %}}|{{% {cached_tag} {arguments} %}}").split("|")


@pytest.fixture
def manifest_storage(tmp_path):
    """The static files storage production uses (the manifest's hashed names), with a manifest of two files."""

    def use(names):
        (tmp_path / "staticfiles.json").write_text(json.dumps({"paths": names, "version": "1.1", "hash": "x"}))
        return override_settings(
            STATIC_ROOT=tmp_path,
            STORAGES={
                "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
                "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
            },
        )

    return use


def test_a_static_file_has_the_manifests_hashed_name(manifest_storage):
    with manifest_storage({"css/site.css": "css/site.1a2b3c.css", "img/favicon.svg": "img/favicon.4d5e6f.svg"}):
        for name in ("css/site.css", "img/favicon.svg"):
            expected, cached = both("static", "cached_static", f"'{name}'")
            assert cached == expected
        assert cached == "/static/img/favicon.4d5e6f.svg"


def test_a_new_deployments_manifest_gives_the_new_names(manifest_storage):
    with manifest_storage({"css/site.css": "css/site.1a2b3c.css"}):
        assert render("{% cached_static 'css/site.css' %}") == "/static/css/site.1a2b3c.css"
    with manifest_storage({"css/site.css": "css/site.999999.css"}):
        assert render("{% cached_static 'css/site.css' %}") == "/static/css/site.999999.css"


def test_the_language_switch_and_the_footer_addresses_are_the_urlconfs():
    for arguments in ("'choose_language' 'en'", "'choose_language' 'id'", "'open_data:index'", "'profile:edit'"):
        expected, cached = both("url", "cached_url", arguments)
        assert cached == expected
    assert render("{% cached_url 'choose_language' 'en' %}") == "/bahasa/en/"


@override_settings(ROOT_URLCONF=__name__)
def test_a_language_prefixed_address_follows_the_active_language():
    for language in ("id", "en", "id"):
        with translation.override(language):
            expected, cached = both("url", "cached_url", "'open-data'")
            assert cached == expected == f"/{language}/data/"


def test_a_site_served_under_a_sub_path_gets_its_prefix():
    render("{% cached_url 'open_data:index' %}")  # kept for the root
    set_script_prefix("/sekolah-warga/")
    try:
        expected, cached = both("url", "cached_url", "'open_data:index'")
        static_expected, static_cached = both("static", "cached_static", "'css/site.css'")
    finally:
        set_script_prefix("/")
    assert cached == expected == "/sekolah-warga/data/"
    assert static_cached == static_expected
    assert render("{% cached_url 'open_data:index' %}") == "/data/"


def test_each_address_is_worked_out_once():
    with (
        mock.patch.object(cached_url_tags, "reverse", wraps=cached_url_tags.reverse) as reverse,
        mock.patch.object(cached_url_tags, "static", wraps=cached_url_tags.static) as static,
    ):
        for _ in range(3):
            render("{% cached_url 'choose_language' 'en' %}{% cached_url 'open_data:index' %}")
            render("{% cached_static 'css/site.css' %}")
    assert reverse.call_count == 2
    assert static.call_count == 1


def test_the_address_is_escaped_as_url_escapes_it():
    expected, cached = both("url", "cached_url", "'choose_language' 'a&b'")
    assert cached == expected
    assert "&amp;" in cached
