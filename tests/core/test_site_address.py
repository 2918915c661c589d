"""Every absolute link follows SITE_URL (core.site_address): served at another address, one setting moves the
QR codes, certificates, e-mails, credentials and join links with it, whatever host a request came in on."""

import io
import json

import pypdfium2
import pytest
import zxingcpp
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from certificates.models import Certificate
from certificates.open_badges import achievement_id, credential_url
from certificates.services import certificate_issue
from classes.admin_views import cohort_overview_context
from classes.attendance import check_in_url
from core.site_address import absolute_url, site_host, site_url
from courses.models import Enrolment
from notices.services import notice_send
from organisations.services import organisation_create
from participation.calendars import forum_uid
from participation.forum_attendance import forum_check_in_url
from tests import factories
from tests.classes.conftest import add_meetings, make_cohort

ELSEWHERE = "http://192.168.1.20:8080"


@pytest.fixture
def served_elsewhere(settings):
    """The site served from a laptop in the hall, on another port: requests still arrive as 'testserver'."""
    settings.SITE_URL = ELSEWHERE
    settings.ALLOWED_HOSTS = ["testserver", "192.168.1.20"]


# --- The one function ---------------------------------------------------------------------------------------


def test_absolute_url_puts_the_path_on_site_url(settings):
    settings.SITE_URL = "https://sekolahwarga.example.id/"  # a trailing slash is not doubled

    assert site_url() == "https://sekolahwarga.example.id"
    assert absolute_url("/sertifikat/verifikasi/") == "https://sekolahwarga.example.id/sertifikat/verifikasi/"
    assert absolute_url() == "https://sekolahwarga.example.id/"
    assert site_host() == "sekolahwarga.example.id"


@pytest.mark.parametrize("not_a_path", ["https://elsewhere.example/x/", "//elsewhere.example/x/", "kursus/"])
def test_absolute_url_refuses_anything_but_a_path_on_this_site(not_a_path):
    with pytest.raises(ValueError, match="starting with '/'"):
        absolute_url(not_a_path)


def test_site_host_drops_the_port(served_elsewhere):
    assert site_host() == "192.168.1.20"


# --- Certificates ---------------------------------------------------------------------------------------------


@pytest.fixture
def certificate(served_elsewhere, site_tree):
    lestari = organisation_create(name="Yayasan Lingkungan Lestari", slug="lestari", kind="ngo")
    course = factories.course_page(site_tree["courses"], organisation=lestari)
    enrolment = Enrolment.objects.create(
        user=factories.learner(), course=course, status=Enrolment.Status.COMPLETED, completed_at=timezone.now()
    )
    return certificate_issue(enrolment_id=enrolment.pk)


def test_the_certificates_verification_link_and_qr_code_follow_site_url(certificate):
    expected = f"{ELSEWHERE}/sertifikat/verifikasi/{certificate.code}/"
    assert certificate.verification_url() == expected

    pdf = certificate.versions.order_by("-number").first().pdf.open("rb").read()
    page = pypdfium2.PdfDocument(pdf)[0]
    assert [code.text for code in zxingcpp.read_barcodes(page.render(scale=3).to_pil())] == [expected]
    attached = json.loads(PdfReader(io.BytesIO(pdf)).attachments["sertifikat.json"][0])
    assert attached["verification_url"] == expected


def test_the_open_badges_credential_names_site_url_whatever_host_asked(certificate, client):
    path = reverse("certificates:credential", kwargs={"code": certificate.code})

    data = client.get(path, HTTP_HOST="testserver").json()

    assert data["id"] == credential_url(certificate.code) == ELSEWHERE + path
    assert data["issuer"]["id"] == data["issuer"]["url"] == ELSEWHERE + "/"
    assert data["credentialSubject"]["achievement"]["criteria"]["id"].startswith(ELSEWHERE + "/kursus/")
    course = Certificate.objects.get(pk=certificate.pk).enrolment.course
    assert data["credentialSubject"]["achievement"]["id"] == achievement_id(course)


def test_the_achievement_id_is_derived_from_site_url(certificate, settings):
    course = certificate.enrolment.course
    here = achievement_id(course)

    settings.SITE_URL = "https://sekolahwarga.example.id"

    assert achievement_id(course) != here


# --- E-mails ------------------------------------------------------------------------------------------------------


def test_an_emailed_notice_links_to_site_url(db, served_elsewhere, mailoutbox, django_capture_on_commit_callbacks):
    resident = factories.learner(email="siti@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        notice_send(user=resident, subject="Balasan", body="Sudah dibalas.", link="/suara-warga/X/")

    [email] = mailoutbox
    assert f"{ELSEWHERE}/suara-warga/X/" in email.body


def test_the_password_reset_email_links_to_site_url_not_the_requests_host(db, served_elsewhere, client, mailoutbox):
    factories.learner(email="siti@example.com")

    client.post(reverse("accounts:password_reset"), {"email": "siti@example.com"}, HTTP_HOST="testserver")

    [email] = mailoutbox
    assert f"{ELSEWHERE}/akun/" in email.body
    assert "testserver" not in email.body


# --- Classes and forums -----------------------------------------------------------------------------------------


@pytest.fixture
def cohort(site_tree):
    lestari = organisation_create(name="Yayasan Lingkungan Lestari", slug="lestari", kind="ngo")
    course = factories.course_page(site_tree["courses"], title="Pengelolaan Sampah", organisation=lestari)
    return make_cohort(course=course, organisation=lestari)


def test_the_class_join_link_and_its_qr_follow_site_url_not_the_requests_host(served_elsewhere, cohort):
    request = RequestFactory().get("/admin/", HTTP_HOST="testserver")
    request.user = factories.resident(username="fasilitator")

    context = cohort_overview_context(request, cohort)

    assert context["join_url"] == ELSEWHERE + reverse("class_join", args=[cohort.enrolment_code])


def test_a_class_meetings_check_in_code_follows_site_url(served_elsewhere, cohort):
    [meeting] = add_meetings(cohort, 1)

    assert check_in_url(meeting).startswith(f"{ELSEWHERE}/kelas/hadir/{meeting.pk}/")


def test_a_forums_check_in_code_and_calendar_follow_site_url(served_elsewhere, site_tree):
    forum = factories.forum_page(site_tree["forums"], title="Rembuk Warga Gunung Bahagia")

    assert forum_check_in_url(forum).startswith(f"{ELSEWHERE}/forum/{forum.slug}/hadir/")
    assert forum_uid(forum) == f"forum-{forum.pk}@192.168.1.20"
