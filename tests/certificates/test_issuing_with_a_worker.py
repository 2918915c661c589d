"""End to end with a real Celery worker on the broker: completing a course gets the certificate."""

import io

import pypdf

from certificates.models import Certificate, CertificateVersion
from courses.models import ModulePage
from courses.services import enrolment_create, module_mark_read
from tests import factories
from tests.celery_worker import WORKER_ON_THE_DATABASE, worker_caught_up, worker_on_the_database

pytestmark = WORKER_ON_THE_DATABASE


def test_a_completion_is_issued_its_certificate_by_a_worker_on_the_broker(wagtail_root, tmp_path):
    tree = factories.site_tree(factories.home_page())
    course = factories.course_page(tree["courses"], title="Hak atas Informasi Publik")
    module = factories.module_page(course, title="Meminta Informasi")
    resident = factories.learner(full_name="Yohanes Pattiasina")

    with worker_on_the_database(tmp_path) as queue:
        enrolment_create(user=resident, course=course)
        module_mark_read(user=resident, module=ModulePage.objects.get(pk=module.pk))  # completes the course

        assert worker_caught_up(queue) == "pong"  # the completion's task has run
        enrolment_id = resident.enrolments.get().pk

    certificate = Certificate.objects.get(enrolment_id=enrolment_id)
    version = CertificateVersion.objects.get(certificate=certificate)
    with version.pdf.open("rb") as file:
        text = pypdf.PdfReader(io.BytesIO(file.read())).pages[0].extract_text()
    assert "Yohanes Pattiasina" in text
    assert certificate.display_code in text
