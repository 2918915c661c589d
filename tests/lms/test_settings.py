"""Settings come from the environment: SQLite and in-process tasks unless told otherwise."""

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "k" * 20 + "-production-secret-for-the-settings-test-0123456789",
    "DJANGO_ALLOWED_HOSTS": "sekolahwarga.example.id",
    "SITE_URL": "https://sekolahwarga.example.id",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
}


def run_django(code, settings_module="lms.settings.dev", **environment):
    machine_specific = ("DJANGO_", "DATABASE_", "CELERY_", "CACHE_")
    env = {key: value for key, value in os.environ.items() if not key.startswith(machine_specific)}
    env.update({"DJANGO_SETTINGS_MODULE": settings_module, **environment})
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def read_settings(*names, **environment):
    code = (
        "from django.conf import settings; import json;"
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}, default=str))"
    )
    result = run_django(code, **environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_sqlite_when_no_database_url_is_set():
    databases = read_settings("DATABASES")["DATABASES"]
    assert databases["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert databases["default"]["NAME"].endswith("db.sqlite3")


def test_postgresql_when_database_url_is_set():
    database = read_settings("DATABASES", DATABASE_URL="postgres://warga:rahasia@db.internal:5433/sekolah")[
        "DATABASES"
    ]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"], database["USER"]) == (
        "db.internal",
        5433,
        "sekolah",
        "warga",
    )


def test_tasks_run_in_process_without_a_broker():
    values = read_settings("CELERY_TASK_ALWAYS_EAGER", "CELERY_BROKER_URL")
    assert values == {"CELERY_TASK_ALWAYS_EAGER": True, "CELERY_BROKER_URL": ""}


def test_tasks_go_through_the_broker_when_one_is_set():
    values = read_settings("CELERY_TASK_ALWAYS_EAGER", CELERY_BROKER_URL="redis://127.0.0.1:6379/0")
    assert values == {"CELERY_TASK_ALWAYS_EAGER": False}


def test_indonesian_language_and_wita_time_zone_by_default():
    values = read_settings("LANGUAGE_CODE", "TIME_ZONE")
    assert values == {"LANGUAGE_CODE": "id", "TIME_ZONE": "Asia/Makassar"}


def test_production_refuses_to_start_without_a_secret_key():
    result = run_django("", settings_module="lms.settings.production", DJANGO_ALLOWED_HOSTS="example.id")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_django(
        "", settings_module="lms.settings.production", DJANGO_SECRET_KEY=PRODUCTION_ENV["DJANGO_SECRET_KEY"]
    )
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS is not set" in result.stderr


def test_production_refuses_to_start_without_a_shared_cache():
    environment = {key: value for key, value in PRODUCTION_ENV.items() if key != "CACHE_URL"}
    result = run_django("", settings_module="lms.settings.production", **environment)
    assert result.returncode != 0
    assert "CACHE_URL is not set" in result.stderr


def test_production_passes_the_deployment_check_without_a_single_warning():
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_", "CELERY_"))}
    env.update(PRODUCTION_ENV, DJANGO_SETTINGS_MODULE="lms.settings.production")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues (0 silenced)." in result.stdout
