"""Delete my account: nothing says who the resident was, anywhere; their certificates stay verifiable."""

import os
import subprocess

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import slugify
from wagtail.log_actions import log

from accounts.models import ConsentRecord
from certificates.models import Certificate, CertificateBatch, CertificateVersion
from certificates.services import CertificateError, certificate_reissue
from classes.models import Attendance
from courses.models import Enrolment, QuizAttempt
from privacy.models import RecordAccess
from privacy.services import ERASED_NAME
from tests.privacy.conftest import EMAIL, NAME, PHONE, stored_bytes

PASSWORD = "kata-sandi-rahasia"
REPORT = "/admin/laporan/kelulusan/"


def database_dump():
    """Every row of the test database as text: pg_dump on PostgreSQL, SQLite's own dump otherwise."""
    if connection.vendor == "postgresql":
        settings = connection.settings_dict
        command = ["pg_dump", "--data-only", "--no-owner", "-h", settings["HOST"] or "127.0.0.1"]
        command += ["-p", str(settings["PORT"] or 5432), "-U", settings["USER"] or "postgres", settings["NAME"]]
        environment = {**os.environ, "PGPASSWORD": settings["PASSWORD"] or ""}
        return subprocess.run(command, check=True, capture_output=True, text=True, env=environment).stdout
    connection.ensure_connection()
    return "\n".join(connection.connection.iterdump())


def delete_account(client, user, password=PASSWORD):
    client.force_login(user)
    return client.post(reverse("privacy:account_delete"), {"password": password})


@pytest.fixture
def erased(wagtail_root, client, world, sulastri, another):
    """Sulastri deletes her account, with a failed log-in on record, and her name written by staff in a
    completion note, in her enrolment's and certificate's history and in a certificate batch's errors."""
    version = sulastri["certificate"].versions.get()
    facilitator = world["users"]["facilitator"]
    Enrolment.objects.filter(pk=sulastri["enrolment"].pk).update(completion_note=f"Ujian kertas {NAME}")
    log(sulastri["enrolment"], "sekolah_warga.completion_on_paper", user=facilitator, data={"note": f"Ujian {NAME}"})
    log(sulastri["certificate"], "certificates.reissue", user=facilitator, data={"version": 1, "name": NAME})
    CertificateBatch.objects.create(
        cohort=world["own"],
        kind=CertificateBatch.Kind.ISSUE,
        requested_by=facilitator,
        enrolment_ids=[sulastri["enrolment"].pk],
        errors={str(sulastri["enrolment"].pk): f"Gagal membuat sertifikat {NAME}"},
    )
    before = {"pdf": stored_bytes(version), "pdf_name": version.pdf.name, "username": sulastri["user"].username}
    # From another address: the right password typed to delete clears this address's failures itself.
    client.post(reverse("accounts:login"), {"username": EMAIL, "password": "salah-sandi"}, REMOTE_ADDR="36.68.1.2")
    assert AccessAttempt.objects.filter(username=before["username"]).exists()
    response = delete_account(client, sulastri["user"])
    assert response.status_code == 302
    client.logout()
    return {**sulastri, **before, "user": get_user_model().objects.get(pk=sulastri["user"].pk)}


def test_after_deletion_no_table_holds_the_residents_name_email_or_phone(erased):
    dump = database_dump()

    assert "Bambang Tetangga Lain" in dump  # the dump does hold the other residents' names
    for personal in [NAME, EMAIL, PHONE, erased["username"], slugify(NAME)]:
        assert personal not in dump


def test_after_deletion_the_certificates_file_is_gone_but_its_hash_still_verifies(erased, client):
    version = CertificateVersion.objects.get(certificate=erased["certificate"])
    assert not version.pdf
    assert not erased["certificate"].versions.get().pdf.storage.exists(erased["pdf_name"])

    page = client.get(reverse("certificates:verify", kwargs={"code": erased["certificate"].code})).text
    assert "Sertifikat ini sah" in page
    assert "namanya dirahasiakan atas permintaannya" in page
    assert NAME not in page

    upload = SimpleUploadedFile("sertifikat.pdf", erased["pdf"], content_type="application/pdf")
    checked = client.post(reverse("certificates:lookup"), {"berkas": upload}).text
    assert f"Asli: ini berkas terbaru sertifikat {erased['certificate'].display_code}." in strip_tags(checked)
    assert "Dirahasiakan atas permintaan pemiliknya" in checked and NAME not in checked

    credential = client.get(reverse("certificates:credential", kwargs={"code": erased["certificate"].code})).json()
    assert "identifier" not in credential["credentialSubject"]
    assert NAME not in str(credential)


def test_staff_and_facilitators_see_akun_dihapus_in_the_report_its_exports_and_the_record(erased, client, world):
    client.force_login(world["users"]["government"])

    report = client.get(REPORT).text
    exported = b"".join(client.get(f"{REPORT}?export=csv").streaming_content).decode()
    searched = client.get(f"{REPORT}?q=Sulastri").text
    client.force_login(world["users"]["facilitator"])
    record = client.get(reverse("reports_learner_record", args=[erased["user"].pk])).text

    assert ERASED_NAME in report and ERASED_NAME in exported and ERASED_NAME in record
    assert 'href="/admin/laporan/warga/' not in searched  # her old name finds no one
    for text in (report, exported, searched, record):
        assert NAME not in text and EMAIL not in text and PHONE not in text
    assert "Bambang Tetangga Lain" in report  # the others are untouched


def test_the_anonymous_counts_stay(erased):
    enrolment = Enrolment.objects.get(user=erased["user"])
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert Attendance.objects.filter(enrolment=enrolment).count() == 1
    assert QuizAttempt.objects.filter(enrolment=enrolment).count() == 1
    profile = erased["user"].learner_profile
    assert (profile.kelurahan.name, profile.gender, profile.birth_year) == ("Gunung Bahagia", "perempuan", None)
    assert not ConsentRecord.objects.filter(user=erased["user"]).exists()
    assert not RecordAccess.objects.filter(resident=erased["user"]).exists()


def test_a_deleted_account_cannot_log_in_and_gets_no_new_certificate(erased, client):
    response = client.post(reverse("accounts:login"), {"username": EMAIL, "password": PASSWORD})
    assert response.status_code == 200  # the form again: no such account
    assert not erased["user"].is_active and not erased["user"].has_usable_password()

    with pytest.raises(CertificateError):
        certificate_reissue(certificate=Certificate.objects.get(pk=erased["certificate"].pk))


@pytest.mark.django_db
def test_a_wrong_password_deletes_nothing(client, sulastri):
    response = delete_account(client, sulastri["user"], password="bukan-sandinya")

    assert response.status_code == 200
    assert "Ini bukan kata sandi Anda" in response.text
    user = get_user_model().objects.get(pk=sulastri["user"].pk)
    assert (user.first_name, user.email, user.erased_at) == (NAME, EMAIL, None)
    assert sulastri["certificate"].versions.get().pdf


@pytest.mark.django_db
def test_staff_and_partner_accounts_are_not_deleted_here(client, world):
    facilitator = world["users"]["facilitator"]
    facilitator.set_password(PASSWORD)
    facilitator.save()

    response = delete_account(client, facilitator)

    assert response.status_code == 200
    assert "administrator" in response.text
    assert get_user_model().objects.get(pk=facilitator.pk).erased_at is None


@pytest.mark.django_db
def test_an_account_in_a_staff_group_without_the_staff_flag_is_not_deleted_here(sulastri):
    """Wagtail's Users screen puts people in groups without setting is_staff: the group is the role."""
    from django.contrib.auth.models import Group

    from privacy.services import ErasureRefused, erase_resident

    resident = sulastri["user"]
    resident.groups.add(Group.objects.get_or_create(name="Staf pemerintah kota")[0])
    assert not get_user_model().objects.get(pk=resident.pk).is_staff

    with pytest.raises(ErasureRefused):
        erase_resident(user=resident)
    assert get_user_model().objects.get(pk=resident.pk).erased_at is None


@pytest.mark.django_db
def test_an_export_file_that_held_the_resident_goes_with_the_account(
    world, sulastri, another, settings, django_capture_on_commit_callbacks
):
    from privacy.services import erase_resident
    from reports.models import ReportExport
    from reports.services import report_export_request

    settings.REPORT_XLSX_INLINE_MAX_ROWS = 0  # every XLSX export is built by the (eager) worker
    government = world["users"]["government"]
    with django_capture_on_commit_callbacks(execute=True):
        kept = report_export_request(
            user=government, query_string=f"course={world['own_course'].pk}&cohort={world['other'].pk}", language="id"
        )
        holding = report_export_request(user=government, query_string="", language="id")
    with_everyone = ReportExport.objects.get(pk=holding.pk)
    assert (
        with_everyone.file
        and RecordAccess.objects.filter(export_id=with_everyone.pk, resident=sulastri["user"]).exists()
    )

    with django_capture_on_commit_callbacks(execute=True):
        erase_resident(user=sulastri["user"])

    assert not ReportExport.objects.filter(pk=holding.pk).exists()
    assert not with_everyone.file.storage.exists(with_everyone.file.name)
    assert ReportExport.objects.get(pk=kept.pk).file  # it held only Bambang


def test_the_certificates_list_shows_akun_dihapus(erased, client, world):
    client.force_login(world["users"]["government"])

    page = client.get("/admin/sertifikat/").text

    assert ERASED_NAME in page and NAME not in page
