"""The resident's dashboard: what is still missing, then "being made", then the download."""

import pytest
from django.utils import timezone

from certificates import services
from certificates.models import Certificate
from classes.models import Attendance, CohortEnrolment
from courses.models import Enrolment, ModulePage
from courses.services import enrolment_create, module_mark_read
from organisations.models import GOVERNMENT_STAFF_GROUP
from organisations.services import government_role_grant, organisation_create
from tests import factories
from tests.classes.conftest import add_meetings, make_cohort

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(site_tree):
    course = factories.course_page(site_tree["courses"], title="Pengelolaan Sampah Rumah Tangga")
    factories.module_page(course, title="Memilah Sampah")
    return course


@pytest.fixture
def graduate(client):
    resident = factories.learner(full_name="Dewi Lestari")
    client.force_login(resident)
    return resident


def completed(course, resident):
    return Enrolment.objects.create(
        user=resident, course=course, status=Enrolment.Status.COMPLETED, completed_at=timezone.now()
    )


def test_a_completion_whose_certificate_is_not_ready_says_it_is_being_made(client, course, graduate):
    completed(course, graduate)
    response = client.get("/saya/")
    assert "Sertifikat sedang dibuat" in response.text
    assert "Unduh sertifikat" not in response.text


def test_a_ready_certificate_is_downloaded_by_its_owner_as_the_issued_pdf(client, course, graduate):
    certificate = services.certificate_issue(enrolment_id=completed(course, graduate).pk)
    response = client.get("/saya/")
    assert "Unduh sertifikat (PDF)" in response.text
    assert certificate.display_code in response.text

    download = client.get(f"/sertifikat/{certificate.code}/unduh/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert f"sertifikat-{certificate.display_code}.pdf" in download["Content-Disposition"]
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_nobody_else_downloads_a_residents_certificate(client, course, graduate):
    certificate = services.certificate_issue(enrolment_id=completed(course, graduate).pk)
    client.force_login(factories.learner(full_name="Orang Lain"))
    assert client.get(f"/sertifikat/{certificate.code}/unduh/").status_code == 404
    staff = factories.resident(username="pemkot")
    government_role_grant(user=staff, group_name=GOVERNMENT_STAFF_GROUP)
    client.force_login(staff)  # staff verify certificates; the file is the resident's
    assert client.get(f"/sertifikat/{certificate.code}/unduh/").status_code == 404
    client.logout()
    response = client.get(f"/sertifikat/{certificate.code}/unduh/")
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]


def test_a_revoked_certificate_is_not_downloaded_and_the_dashboard_says_so(client, course, graduate):
    certificate = services.certificate_issue(enrolment_id=completed(course, graduate).pk)
    services.certificate_revoke(certificate=certificate, revoked_by=graduate, reason="Data keliru.")
    assert client.get(f"/sertifikat/{certificate.code}/unduh/").status_code == 404
    response = client.get("/saya/")
    assert "dicabut pada" in response.text
    assert "Data keliru" not in response.text


def test_a_certificate_that_failed_tells_the_resident_that_staff_will_issue_it(client, course, graduate):
    enrolment = completed(course, graduate)
    services.certificate_issue_failed(enrolment_id=enrolment.pk, reason="OSError: disk full")
    response = client.get("/saya/")
    assert "Sertifikat Anda belum dapat dibuat" in response.text
    assert "disk full" not in response.text


def test_before_completion_the_dashboard_names_the_missing_modules_and_attendance(client, course, graduate):
    organisation = organisation_create(name="Yayasan Lingkungan Lestari", slug="lestari", kind="ngo")
    cohort = make_cohort(course=course, organisation=organisation, min_attendance_percent=75)
    meetings = add_meetings(cohort, 4)
    enrolment = enrolment_create(user=graduate, course=course)
    CohortEnrolment.objects.create(enrolment=enrolment, cohort=cohort)
    Attendance.objects.create(session=meetings[0], enrolment=enrolment)

    response = client.get("/saya/")
    assert "Memilah Sampah: belum ditandai selesai dibaca" in response.text
    assert "hadir 1 dari 4 pertemuan; kelas Anda mensyaratkan minimal 3 (75%)" in response.text

    module_mark_read(user=graduate, module=ModulePage.objects.child_of(course).get())
    response = client.get("/saya/")
    assert "belum ditandai selesai dibaca" not in response.text
    assert "hadir 1 dari 4 pertemuan" in response.text  # the one thing left
    assert not Certificate.objects.exists()


def test_the_dashboards_queries_do_not_grow_with_certificates(
    client, site_tree, graduate, django_assert_max_num_queries
):
    def queries():
        client.get("/saya/")  # warm the session
        with django_assert_max_num_queries(100) as captured:
            assert client.get("/saya/").status_code == 200
        return len(captured)

    first = factories.course_page(site_tree["courses"], title="Kursus Satu")
    factories.module_page(first, title="Satu")
    services.certificate_issue(enrolment_id=completed(first, graduate).pk)
    few = queries()
    for number in range(3):
        course = factories.course_page(site_tree["courses"], title=f"Kursus Tambahan {number}")
        factories.module_page(course, title="Satu")
        services.certificate_issue(enrolment_id=completed(course, graduate).pk)
    assert queries() == few
