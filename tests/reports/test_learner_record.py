"""The learner record in the admin: one resident's enrolments, attempts, attendance and certificate,
as the viewer may see them (the class tests' world: Lestari's facilitator, Cerdas's, staff, others)."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate, CertificateVersion
from classes.models import Attendance
from courses.models import Enrolment, ModuleProgress, QuizAttempt
from reports.learner_record import learner_record
from tests import factories
from tests.classes import conftest as class_fixtures
from tests.classes.conftest import add_meetings, make_cohort

pytestmark = pytest.mark.django_db

world = class_fixtures.world

WITA = datetime.timezone(datetime.timedelta(hours=8))


def record_url(user):
    return reverse("reports_learner_record", args=[user.pk])


def enrol(user, course, cohort=None, *, completed_at=None, recorded_by=None, note=""):
    return factories.enrolment(
        user=user,
        course=course,
        cohort=cohort,
        status=Enrolment.Status.COMPLETED if completed_at else Enrolment.Status.ACTIVE,
        completed_at=completed_at,
        completion_recorded_by=recorded_by,
        completion_note=note,
    )


def module_of(course):
    return course.get_children().specific().first()


def attempt(enrolment, module, number, *, score, passed, submitted_at=None):
    return QuizAttempt.objects.create(
        enrolment=enrolment,
        module=module,
        number=number,
        questions=[],
        answers=[],
        score_percent=score,
        passed=passed,
        submitted_at=submitted_at or timezone.now(),
    )


def certificate(enrolment, code, *, versions=1):
    """A certificate with `versions` versions, the last one current (no PDF is rendered)."""
    issued = Certificate.objects.create(enrolment=enrolment, code=code)
    for number in range(1, versions + 1):
        CertificateVersion.objects.create(
            certificate=issued,
            number=number,
            name=f"{enrolment.user.first_name} (versi {number})",
            course_title=enrolment.course.title,
            organisation_name="Yayasan Lingkungan Lestari",
            completed_on=datetime.date(2026, 11, 20),
            pdf=f"certificates/{code}-v{number}.pdf",
            sha256=f"{code}{number}".ljust(64, "0"),
            superseded_at=None if number == versions else timezone.now(),
        )
    return issued


@pytest.fixture
def rina(world):
    """Rina learns with both NGOs.

    - In Lestari's class (of Cerdas's course "Anggaran Kelurahan"): completed on paper, recorded by
      Lestari's facilitator; two attempts at "Musrenbang"; at 1 of the class's 2 meetings (QR);
      a certificate re-issued once (two versions).
    - In Cerdas's class "Kelas Sepinggan" (of Lestari's course "Pengelolaan Sampah"): still learning,
      one attempt at "Memilah Sampah", at Cerdas's meeting "Pertemuan Sepinggan".
    """
    user = factories.learner(
        full_name="Rina Marlina",
        email="rina@contoh.id",
        phone="+6281234567890",
        gender="perempuan",
        birth_year=1990,
        consent_given_at=datetime.datetime(2026, 10, 5, 9, 30, tzinfo=WITA),
        privacy_notice_version="2026-10",
    )
    facilitator = world["users"]["facilitator"]
    facilitator.first_name = "Fajar Fasilitator"
    facilitator.save()
    own = enrol(
        user,
        world["own_course"],
        world["own"],
        completed_at=datetime.datetime(2026, 11, 20, 10, 0, tzinfo=WITA),
        recorded_by=facilitator,
        note="Ujian kertas 85",
    )
    musrenbang = module_of(world["own_course"])
    ModuleProgress.objects.create(enrolment=own, module=musrenbang, best_score_percent=80, completed_at=timezone.now())
    attempt(own, musrenbang, 1, score=40, passed=False)
    attempt(own, musrenbang, 2, score=80, passed=True)
    first, second = add_meetings(world["own"], 2)
    Attendance.objects.create(session=first, enrolment=own, method=Attendance.Method.QR)
    certificate(own, "7KQ2MX9D4T", versions=2)

    other = enrol(user, world["other_course"], world["other"])
    memilah = module_of(world["other_course"])
    attempt(other, memilah, 1, score=33, passed=False)
    (sepinggan_meeting,) = add_meetings(world["other"], 1)
    sepinggan_meeting.title = "Pertemuan Sepinggan"
    sepinggan_meeting.save()
    Attendance.objects.create(session=sepinggan_meeting, enrolment=other, method=Attendance.Method.FORM)
    return {"user": user, "own": own, "other": other, "meetings": (first, second)}


def test_the_record_shows_the_resident_and_everything_they_did(client, world, rina):
    client.force_login(world["users"]["government"])

    response = client.get(record_url(rina["user"]))

    assert response.status_code == 200
    page = response.text
    # Who they are and how to reach them.
    for shown in ["Rina Marlina", "rina@contoh.id", "+6281234567890", "Gunung Bahagia", "Balikpapan Selatan", "1990"]:
        assert shown in page
    assert "5 Oktober 2026, 09.30" in page and "2026-10" in page  # consent, and the notice's version
    # Both enrolments: course, organisation and class of each.
    assert "Anggaran Kelurahan" in page and "Pengelolaan Sampah" in page
    assert "Kelas Gunung Bahagia" in page and "Kelas Sepinggan" in page
    assert "Yayasan Lingkungan Lestari" in page and "Perkumpulan Warga Cerdas" in page
    assert "20 November 2026" in page  # completed on
    assert "dicatat fasilitator" in page and "Fajar Fasilitator" in page and "Ujian kertas 85" in page
    # Modules and attempts with their scores.
    assert "Musrenbang" in page and "Memilah Sampah" in page
    assert "40 %" in page and "80 %" in page and "33 %" in page
    # Meetings, with the method of each attendance.
    assert "Pertemuan 1" in page and "Pertemuan 2" in page and "Pertemuan Sepinggan" in page
    assert "Presensi QR" in page and "Dicatat oleh fasilitator" in page
    # The certificate: its printed code, status and both versions.
    assert "7KQ2-MX9D-4T" in page
    assert "Diterbitkan" in page
    assert "Rina Marlina (versi 1)" in page and "Rina Marlina (versi 2)" in page


def test_the_record_never_shows_the_password_hash(client, world, rina):
    client.force_login(world["users"]["government"])

    page = client.get(record_url(rina["user"])).text

    assert rina["user"].password not in page
    assert "pbkdf2" not in page


def test_the_selector_gives_each_enrolment_its_progress_attempts_meetings_and_certificate(world, rina):
    record = learner_record(viewer=world["users"]["government"], user_id=rina["user"].pk)

    assert record.resident == rina["user"]
    assert record.profile.kelurahan.parent.name == "Balikpapan Selatan"
    assert record.is_activated
    by_course = {item.enrolment.course.title: item for item in record.enrolments}
    own = by_course["Pengelolaan Sampah"]
    assert own.organisation == world["lestari"]
    assert own.recorded_by_facilitator
    assert (own.counts.done, own.counts.counted, len(own.modules)) == (1, 1, 1)
    assert own.modules[0].best_score == 80
    assert [(a.module_title, a.number, a.score_percent, a.passed) for a in own.attempts] == [
        ("Memilah Sampah", 1, 40, False),
        ("Memilah Sampah", 2, 80, True),
    ]
    assert [(row.session.title, row.attended) for row in own.meetings] == [
        ("Pertemuan 1", True),
        ("Pertemuan 2", False),
    ]
    assert own.meetings[0].attendance.method == Attendance.Method.QR
    assert own.certificate.display_code == "7KQ2-MX9D-4T"
    assert own.certificate.status == "issued"
    assert [version.number for version in own.certificate.versions] == [2, 1]
    other = by_course["Anggaran Kelurahan"]
    assert other.organisation == world["cerdas"]
    assert not other.recorded_by_facilitator
    assert (other.counts.done, other.counts.counted, len(other.modules)) == (0, 1, 1)
    assert other.certificate is None


@pytest.mark.parametrize(
    ("revoked", "failed", "versions", "status"),
    [
        (False, False, 0, "making"),
        (False, True, 0, "failed"),
        (False, False, 1, "issued"),
        (True, False, 1, "revoked"),
    ],
)
def test_the_certificate_says_where_it_stands_and_since_when(world, revoked, failed, versions, status):
    user = factories.learner(full_name="Sari Dewi")
    enrolment = enrol(user, world["own_course"], world["own"], completed_at=timezone.now())
    issued = certificate(enrolment, "ABCD234567", versions=versions)
    moment = datetime.datetime(2026, 11, 25, 8, 0, tzinfo=WITA)
    if revoked:
        Certificate.objects.filter(pk=issued.pk).update(revoked_at=moment, revocation_reason="Nama salah.")
    if failed:
        Certificate.objects.filter(pk=issued.pk).update(failed_at=moment, failure_reason="Disk penuh.")

    record = learner_record(viewer=world["users"]["facilitator"], user_id=user.pk).enrolments[0].certificate

    assert record.status == status
    if revoked or failed:
        assert record.status_at == moment


def test_a_facilitator_sees_only_their_organisations_enrolment(client, world, rina):
    client.force_login(world["users"]["facilitator"])

    response = client.get(record_url(rina["user"]))

    assert response.status_code == 200
    page = response.text
    assert "Rina Marlina" in page and "Pengelolaan Sampah" in page and "Memilah Sampah" in page
    # Nothing of Rina's learning with Cerdas.
    for hidden in ["Kelas Sepinggan", "Anggaran Kelurahan", "Musrenbang", "Pertemuan Sepinggan", "33 %"]:
        assert hidden not in page


def test_a_class_less_enrolment_belongs_to_the_courses_organisation(client, world):
    user = factories.learner(full_name="Tono Mandiri")
    enrol(user, world["own_course"])  # Lestari's course, no class: Lestari answers for Tono
    client.force_login(world["users"]["facilitator"])

    page = client.get(record_url(user)).text

    assert "Tono Mandiri" in page and "Pengelolaan Sampah" in page


def test_a_resident_with_only_another_organisations_enrolments_is_not_found(client, world):
    user = factories.learner(full_name="Umar Sepinggan", email="umar@contoh.id")
    enrol(user, world["other_course"], world["other"])  # Cerdas's class
    client.force_login(world["users"]["facilitator"])

    response = client.get(record_url(user))

    assert response.status_code == 404
    assert "Umar Sepinggan" not in response.text and "umar@contoh.id" not in response.text


def test_an_account_without_enrolments_is_not_found_even_for_staff(client, world):
    client.force_login(world["users"]["government"])

    assert client.get(record_url(world["users"]["reviewer"])).status_code == 404
    assert client.get(reverse("reports_learner_record", args=[999_999])).status_code == 404


@pytest.mark.parametrize("role", ["reviewer", "author", "resident", "anonymous"])
def test_people_who_read_no_learners_are_refused(client, world, rina, role):
    if role != "anonymous":
        client.force_login(world["users"][role])

    response = client.get(record_url(rina["user"]))

    # Wagtail's refusals: a redirect to the login page (no admin access) or away from the screen.
    assert response.status_code == 302
    expected = reverse("wagtailadmin_login") if role in ("resident", "anonymous") else reverse("wagtailadmin_home")
    assert response.url.startswith(expected)
    followed = client.get(response.url).text
    for personal in ["Rina Marlina", "rina@contoh.id", "+6281234567890", "7KQ2-MX9D-4T"]:
        assert personal not in response.text and personal not in followed


def test_government_staff_see_every_enrolment(client, world, rina):
    client.force_login(world["users"]["government"])

    page = client.get(record_url(rina["user"])).text

    assert "Kelas Gunung Bahagia" in page and "Kelas Sepinggan" in page


def test_the_address_the_completion_records_link_to_opens_the_learner_record(world, rina):
    from django.urls import resolve

    assert resolve(record_url(rina["user"])).url_name == "reports_learner_record"
    assert resolve(record_url(rina["user"])).func.view_class.__name__ == "LearnerRecordView"


# --- Cost -------------------------------------------------------------------------------------------


def busy_resident(world, site_tree, enrolments):
    """A resident with `enrolments` enrolments, each with a module, two attempts, a meeting attended
    and a certificate: Lestari's class, then class-less enrolments in further Lestari courses."""
    user = factories.learner(full_name=f"Warga Sibuk {enrolments}")
    courses = [world["own_course"], world["other_course"]]
    courses += [
        factories.course_page(site_tree["courses"], title=f"Kursus {number}", organisation=world["lestari"])
        for number in range(3, enrolments + 1)
    ]
    for number, course in enumerate(courses[:enrolments]):
        module = module_of(course) or factories.module_page(course, title=f"Modul {number}")
        if number == 0:
            cohort = world["own"]
        else:
            cohort = make_cohort(course=course, organisation=world["lestari"], name=f"Kelas {enrolments}-{number}")
        enrolment = enrol(user, course, cohort, completed_at=timezone.now())
        ModuleProgress.objects.create(enrolment=enrolment, module=module, best_score_percent=90)
        attempt(enrolment, module, 1, score=50, passed=False)
        attempt(enrolment, module, 2, score=90, passed=True)
        (meeting,) = add_meetings(cohort, 1)
        Attendance.objects.create(session=meeting, enrolment=enrolment, method=Attendance.Method.FORM)
        certificate(enrolment, f"CDE{enrolments}{number}FGHJK"[:10], versions=2)
    return user


@pytest.fixture
def one_and_three(world, site_tree):
    return busy_resident(world, site_tree, 1), busy_resident(world, site_tree, 3)


@pytest.mark.parametrize("role", ["government", "facilitator"])
def test_the_record_takes_as_many_queries_for_three_enrolments_as_for_one(
    client, world, one_and_three, role, django_assert_max_num_queries
):
    client.force_login(world["users"][role])
    client.get(record_url(one_and_three[0]))  # Wagtail's first-request caches (site, locale) warmed up

    for user in one_and_three:
        # One of them writes the access log; one asks whether the person belongs to an organisation (the
        # admin menu's "Course grants").
        with django_assert_max_num_queries(21):
            response = client.get(record_url(user))
        assert response.status_code == 200
        assert response.text.count("<h3") == 4 * len(user.enrolments.all())


def test_the_selector_runs_the_same_queries_whatever_the_number_of_enrolments(world, one_and_three):
    counts = []
    for user in one_and_three:
        # A fresh viewer each time, as each request has: courses.scope remembers answers on the user object.
        viewer = get_user_model().objects.get(pk=world["users"]["facilitator"].pk)
        with CaptureQueriesContext(connection) as queries:
            record = learner_record(viewer=viewer, user_id=user.pk)
        counts.append(len(queries))
        assert len(record.enrolments) == user.enrolments.count()
        assert all(item.attempts and item.meetings and item.certificate for item in record.enrolments)
    assert counts[0] == counts[1] <= 10
