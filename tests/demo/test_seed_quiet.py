"""Issue 22, item 11: seeding the demo is quiet, tasks run without a broker without kombu's warning, and
the small faults found on the walk-through (phone shown as stored, modules newest first, "kelas Kelas")."""

import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.utils import translation

from organisations.services import organisation_create
from tests import factories
from tests.classes.conftest import make_cohort

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


def test_seed_demo_prints_a_few_lines_and_logs_no_info_lines_or_kombu_warnings(caplog, capsys):
    with caplog.at_level(logging.INFO):
        call_command("seed_demo")

    output = capsys.readouterr().out.splitlines()
    assert output[0] == "Demo content is in place."
    assert len(output) <= 20
    # Some 600 before: a line per page's index update, per task and per certificate.
    info_lines = [record for record in caplog.records if record.levelno == logging.INFO]
    assert len(info_lines) <= 10, {record.name for record in info_lines}
    assert not [record for record in caplog.records if record.name.startswith("kombu")]
    # The loggers are as they were once the command is done.
    assert logging.getLogger("django_tasks").level == logging.NOTSET


def test_seed_demo_shows_every_line_when_asked(caplog):
    with caplog.at_level(logging.INFO):
        call_command("seed_demo", verbosity=2)

    assert any(record.name.startswith("wagtail") for record in caplog.records)


def test_a_task_run_without_a_broker_opens_no_broker_connection_and_kombu_says_nothing():
    """`make run` has no broker: tasks run in-process, and kombu must not warn for each of them. Run in a
    process of its own without CELERY_BROKER_URL, since CI's test settings have a broker."""
    env = {key: value for key, value in os.environ.items() if key != "CELERY_BROKER_URL"}
    env["DJANGO_SETTINGS_MODULE"] = "lms.settings.dev"
    script = (
        "import logging, django; django.setup(); logging.basicConfig(level=logging.INFO);"
        "from lms.celery import app, ping;"
        "assert app.conf.task_always_eager, 'not eager';"
        "assert app.conf.broker_write_url == 'memory://localhost/', app.conf.broker_write_url;"
        "print([ping.delay().get() for _ in range(2)])"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )

    assert result.returncode == 0, result.stderr
    assert "['pong', 'pong']" in result.stdout  # run in-process, at once
    assert "kombu" not in result.stderr and "No hostname was supplied" not in result.stderr


def test_the_profile_shows_the_phone_as_residents_write_it_and_saving_it_unchanged_needs_no_password(client):
    resident = factories.learner(phone="+6281200000002")
    client.force_login(resident)

    html = client.get("/saya/profil/").content.decode()
    assert re.search(r'name="phone"[^>]*value="0812 0000 0002"', html)
    assert "+6281200000002" not in html

    response = client.post(
        "/saya/profil/",
        {
            "full_name": resident.first_name,
            "email": "",
            "phone": "0812 0000 0002",
            "kelurahan": resident.learner_profile.kelurahan_id,
            "password": "",
        },
    )
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.phone == "+6281200000002"


def test_the_explorer_lists_a_courses_modules_in_their_order(client, site_tree):
    course = factories.course_page(site_tree["courses"])
    for title in ("Modul Satu", "Modul Dua", "Modul Tiga"):
        factories.module_page(course, title=title)
    client.force_login(get_user_model().objects.create_superuser("admin-uji", password="kata-sandi-rahasia"))

    html = client.get(f"/admin/pages/{course.pk}/").content.decode()

    assert [html.index(title) for title in ("Modul Satu", "Modul Dua", "Modul Tiga")] == sorted(
        html.index(title) for title in ("Modul Satu", "Modul Dua", "Modul Tiga")
    )


def test_joining_a_class_named_kelas_does_not_say_kelas_twice(client, site_tree):
    organisation = organisation_create(name="Yayasan Lingkungan Lestari", slug="lestari", kind="ngo")
    course = factories.course_page(site_tree["courses"], organisation=organisation)
    factories.module_page(course)
    cohort = make_cohort(course=course, organisation=organisation, name="Kelas Lingkungan Gunung Bahagia")
    client.force_login(factories.learner())

    with translation.override("id"):
        response = client.post(f"/kelas/gabung/{cohort.enrolment_code}/")
        messages = [str(message) for message in get_messages(response.wsgi_request)]

    assert len(messages) == 1
    assert "Kelas Lingkungan Gunung Bahagia" in messages[0]
    assert not re.search(r"\bkelas kelas\b", messages[0], re.IGNORECASE)
