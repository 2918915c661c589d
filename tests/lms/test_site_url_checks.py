"""SITE_URL is the one address every link carries: production will not start without it, and `manage.py check`
warns when it names a host the site refuses (lms.checks)."""

from django.core.checks import Warning

from lms.checks import site_url_host_allowed
from tests.lms.test_settings import PRODUCTION_ENV, run_django


def test_production_refuses_to_start_without_site_url():
    environment = {name: value for name, value in PRODUCTION_ENV.items() if name != "SITE_URL"}

    result = run_django("", settings_module="lms.settings.production", **environment)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SITE_URL is not set" in result.stderr


def test_production_starts_with_site_url_and_passes_the_check():
    result = run_django(
        "from django.core.management import call_command; call_command('check', fail_level='WARNING')",
        settings_module="lms.settings.production",
        **PRODUCTION_ENV,
    )

    assert result.returncode == 0, result.stderr


def test_production_check_warns_when_site_url_is_not_an_allowed_host():
    result = run_django(
        "from django.core.management import call_command; call_command('check', fail_level='WARNING')",
        settings_module="lms.settings.production",
        **{**PRODUCTION_ENV, "SITE_URL": "https://sekolahwarga.example.org"},
    )

    assert result.returncode != 0
    assert "sekolah_warga.W001" in result.stderr


def test_no_warning_when_site_urls_host_is_allowed(settings):
    settings.SITE_URL = "http://192.168.1.20:8080"
    settings.ALLOWED_HOSTS = ["sekolahwarga.example.id", "192.168.1.20"]

    assert site_url_host_allowed(None) == []


def test_no_warning_for_a_subdomain_pattern_that_covers_it(settings):
    settings.SITE_URL = "https://kelas.sekolahwarga.example.id"
    settings.ALLOWED_HOSTS = [".sekolahwarga.example.id"]

    assert site_url_host_allowed(None) == []


def test_a_warning_names_site_url_and_allowed_hosts_when_they_disagree(settings):
    settings.SITE_URL = "http://127.0.0.1:8080"
    settings.ALLOWED_HOSTS = ["sekolahwarga.example.id"]

    [warning] = site_url_host_allowed(None)

    assert isinstance(warning, Warning)
    assert warning.id == "sekolah_warga.W001"
    assert "http://127.0.0.1:8080" in warning.msg
    assert "sekolahwarga.example.id" in warning.msg


def test_debug_with_no_allowed_hosts_accepts_the_local_addresses_django_does(settings):
    settings.DEBUG = True
    settings.ALLOWED_HOSTS = []
    settings.SITE_URL = "http://127.0.0.1:8080"
    assert site_url_host_allowed(None) == []

    settings.DEBUG = False
    assert [warning.id for warning in site_url_host_allowed(None)] == ["sekolah_warga.W001"]
