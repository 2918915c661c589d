"""End to end with a real Celery worker on the broker: completing a course gets the certificate."""

import io
import os

import pypdf
import pytest
from celery import Celery
from django.conf import settings
from django.db import connection

from certificates.models import Certificate, CertificateVersion
from courses.models import ModulePage
from courses.services import enrolment_create, module_mark_read
from lms.celery import app
from tests import factories
from tests.celery_worker import BROKER_URL, RESULT_BACKEND, celery_worker

pytestmark = [
    pytest.mark.broker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not BROKER_URL, reason="CELERY_BROKER_URL is not set: no broker to run a worker against"),
    # The worker is another process: it must reach the test's database, which SQLite's in-memory one is not.
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: a worker process shares it"),
]


def test_a_completion_is_issued_its_certificate_by_a_worker_on_the_broker(wagtail_root, tmp_path):
    tree = factories.site_tree(factories.home_page())
    course = factories.course_page(tree["courses"], title="Hak atas Informasi Publik")
    module = factories.module_page(course, title="Meminta Informasi")
    resident = factories.learner(full_name="Yohanes Pattiasina")

    queue = f"test-{os.getpid()}-{tmp_path.name}"
    database = connection.settings_dict
    database_url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    with celery_worker(queue, DATABASE_URL=database_url, PRIVATE_MEDIA_ROOT=str(settings.PRIVATE_MEDIA_ROOT)):
        # As in production: tasks go to the broker, not run in-process.
        saved = {name: app.conf[name] for name in ("task_always_eager", "task_default_queue")}
        app.conf.update(task_always_eager=False, task_default_queue=queue)
        try:
            enrolment_create(user=resident, course=course)
            module_mark_read(user=resident, module=ModulePage.objects.get(pk=module.pk))  # completes the course
        finally:
            app.conf.update(saved)

        # A ping behind it, with a result to wait for: the worker takes its queue in order, so when
        # the ping is answered the completion's task has run.
        client = Celery(broker=BROKER_URL, backend=RESULT_BACKEND, set_as_current=False)
        assert client.send_task("lms.ping", queue=queue).get(timeout=90) == "pong"
        enrolment_id = resident.enrolments.get().pk

    certificate = Certificate.objects.get(enrolment_id=enrolment_id)
    version = CertificateVersion.objects.get(certificate=certificate)
    with version.pdf.open("rb") as file:
        text = pypdf.PdfReader(io.BytesIO(file.read())).pages[0].extract_text()
    assert "Yohanes Pattiasina" in text
    assert certificate.display_code in text
