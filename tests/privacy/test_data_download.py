"""/saya/data/: a resident downloads everything the site holds about them, and nothing of anyone else."""

import csv
import io
import json
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.models import Enrolment, QuizAttempt
from tests import factories
from tests.privacy.conftest import EMAIL, NAME, PHONE, everything_of, stored_bytes

pytestmark = pytest.mark.django_db


def download(client, user):
    client.force_login(user)
    response = client.get(reverse("privacy:data_download"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def read_csv(archive, name):
    return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))


def test_the_download_holds_every_kind_of_record_with_the_certificates_pdfs(client, world, sulastri, another):
    archive = download(client, sulastri["user"])

    data = json.loads(archive.read("data.json"))
    assert data["profile"]["name"] == NAME
    assert (data["profile"]["email"], data["profile"]["phone"]) == (EMAIL, PHONE)
    assert (data["profile"]["kelurahan"], data["profile"]["gender"], data["profile"]["birth_year"]) == (
        "Gunung Bahagia",
        "perempuan",
        1985,
    )
    assert [consent["kind"] for consent in data["consents"]] == ["Pemberitahuan privasi"]
    (enrolment,) = data["enrolments"]
    assert (enrolment["course"], enrolment["class"], enrolment["status"]) == (
        "Pengelolaan Sampah",
        "Kelas Gunung Bahagia",
        "Selesai",
    )
    assert enrolment["modules"][0]["module"] == "Memilah Sampah"
    (attempt,) = data["quiz_attempts"]
    assert attempt["answers"] == {"1": ["Musrenbang kelurahan"]}
    assert attempt["questions"][0]["prompt"] == "Apa forum perencanaan warga?"
    (attended,) = data["attendance"]
    assert attended["meeting"] == sulastri["meeting"].title
    (certificate,) = data["certificates"]
    version = sulastri["certificate"].versions.get()
    assert certificate["sha256"] == version.sha256 and certificate["name"] == NAME
    (access,) = data["record_accesses"]
    assert access["by"] == world["users"]["government"].get_full_name()
    assert access["what"] == "Membuka catatan belajar"

    # The PDF as issued, byte for byte, and the same facts in tables a spreadsheet opens.
    assert archive.read(certificate["file"]) == stored_bytes(version)
    assert archive.read(certificate["file"]).startswith(b"%PDF-")
    assert read_csv(archive, "profil.csv")[0]["E-mail"] == EMAIL
    assert read_csv(archive, "kuis.csv")[0]["Jawaban Anda"] == "Musrenbang kelurahan"  # in words
    assert read_csv(archive, "kursus.csv")[0]["Kursus"] == "Pengelolaan Sampah"
    assert read_csv(archive, "kehadiran.csv")[0]["Pertemuan"] == sulastri["meeting"].title
    assert read_csv(archive, "sertifikat.csv")[0]["Kode"] == sulastri["certificate"].display_code
    assert read_csv(archive, "persetujuan.csv")[0]["Jenis"] == "Pemberitahuan privasi"
    assert read_csv(archive, "akses-catatan.csv")[0]["Siapa"] == world["users"]["government"].get_full_name()
    readme = archive.read("BACA-SAYA.txt").decode()
    assert "akses-catatan.csv" in readme
    assert "lebih lama dari 730 hari sudah dihapus" in readme  # the access log's retention (RECORD_ACCESS_KEEP_DAYS)


def test_the_csvs_say_ya_or_tidak_where_data_json_keeps_true_or_false(client, world, sulastri):
    first = QuizAttempt.objects.get(enrolment=sulastri["enrolment"])  # passed
    QuizAttempt.objects.create(
        enrolment=first.enrolment,
        module=first.module,
        number=2,
        questions=first.questions,
        answers={"1": ["salah"]},
        score_percent=0,
        passed=False,
        submitted_at=timezone.now(),
    )

    archive = download(client, sulastri["user"])

    assert [row["Lulus"] for row in read_csv(archive, "kuis.csv")] == ["ya", "tidak"]
    assert read_csv(archive, "sertifikat.csv")[0]["Versi saat ini"] == "ya"
    data = json.loads(archive.read("data.json"))  # for programs: JSON's own true and false
    assert [attempt["passed"] for attempt in data["quiz_attempts"]] == [True, False]


def test_the_csvs_write_a_formula_like_name_as_text_and_the_phone_as_the_resident_writes_it(client, world):
    formula_name = '=HYPERLINK("http://contoh.id","klik")'
    user = factories.learner(full_name=formula_name, email="rumus@contoh.id", phone=PHONE)
    everything_of(user, world)

    archive = download(client, user)

    profile = read_csv(archive, "profil.csv")[0]
    assert profile["Nama"] == "'" + formula_name
    assert profile["Telepon"] == "0812 9988 7766"
    assert read_csv(archive, "sertifikat.csv")[0]["Nama"] == "'" + formula_name
    data = json.loads(archive.read("data.json"))  # for programs: the name and the phone as stored
    assert (data["profile"]["name"], data["profile"]["phone"]) == (formula_name, PHONE)


def test_the_organisation_is_the_classs_or_without_a_class_the_courses(client, site_tree, world, sulastri):
    # Sulastri's class of "Pengelolaan Sampah" is run by Lestari; she takes one of Cerdas's courses
    # on her own.
    alone = factories.course_page(site_tree["courses"], title="Membaca APBDes", organisation=world["cerdas"])
    Enrolment.objects.create(user=sulastri["user"], course=alone)

    archive = download(client, sulastri["user"])

    assert [(row["Kursus"], row["Kelas"], row["Organisasi"]) for row in read_csv(archive, "kursus.csv")] == [
        ("Pengelolaan Sampah", "Kelas Gunung Bahagia", "Yayasan Lingkungan Lestari"),
        ("Membaca APBDes", "", "Perkumpulan Warga Cerdas"),
    ]
    data = json.loads(archive.read("data.json"))
    assert [enrolment["organisation"] for enrolment in data["enrolments"]] == [
        "Yayasan Lingkungan Lestari",
        "Perkumpulan Warga Cerdas",
    ]


def test_the_download_holds_nothing_of_another_resident(client, sulastri, another):
    archive = download(client, sulastri["user"])

    everything = b"".join(archive.read(name) for name in archive.namelist())
    other_version = another["certificate"].versions.get()
    their_phone = ["+6281300001111", "0813 0000 1111"]  # as stored (data.json) and as the CSVs write phones
    for theirs in ["Bambang Tetangga Lain", "bambang.lain@contoh.id", *their_phone, "Anggaran Kelurahan", "Pilah"]:
        assert theirs.encode() not in everything
    assert other_version.sha256.encode() not in everything
    assert stored_bytes(other_version) not in everything


def test_the_download_takes_a_fixed_number_of_queries_whatever_the_records(client, world, sulastri):
    client.force_login(sulastri["user"])
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("privacy:data_download")).status_code == 200
    from tests.privacy.conftest import everything_of

    everything_of(sulastri["user"], world, course_key="other_course", cohort_key="other", answer="Pilah")
    with CaptureQueriesContext(connection) as more:
        assert client.get(reverse("privacy:data_download")).status_code == 200

    assert len(more) == len(few)


def test_the_data_page_and_download_need_a_log_in(client):
    for name in ("privacy:data", "privacy:data_download", "privacy:account_delete"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_the_data_page_offers_the_download_the_withdrawal_and_the_deletion(client, sulastri):
    client.force_login(sulastri["user"])

    page = client.get(reverse("privacy:data")).text

    assert reverse("privacy:data_download") in page
    assert reverse("privacy:optional_data_withdraw") in page
    assert reverse("privacy:account_delete") in page
