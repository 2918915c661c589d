"""`manage.py seed_demo` builds a realistic site once, and a second run changes nothing."""

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page, Revision

from accounts.models import PrivacyNoticeSettings
from certificates.models import Certificate
from classes.models import Attendance, Cohort
from cms_pages.models import HomePage
from courses.models import CourseGrant, CoursePage, Enrolment, ModulePage, ModuleProgress, QuizAttempt, QuizQuestion
from organisations.models import Organisation
from participation.models import BudgetingCallPage, ForumPage
from regions.models import Region

pytestmark = pytest.mark.django_db

DEMO_USERNAMES = [
    "admin",
    "warga1",
    "warga2",
    "penulis-lestari",
    "fasilitator-lestari",
    "penulis-cerdas",
    "fasilitator-cerdas",
    "pemkot",
    "peninjau",
]


def database_state():
    User = get_user_model()
    return {
        "regions": list(Region.objects.order_by("code").values_list("code", "name", "parent_id")),
        "organisations": list(Organisation.objects.order_by("slug").values_list("slug", "name")),
        "users": list(User.objects.order_by("username").values_list("username", "password")),
        "pages": list(Page.objects.order_by("path").values_list("path", "title", "latest_revision_id", "live")),
        "revisions": Revision.objects.count(),
        "questions": list(QuizQuestion.objects.order_by("id").values_list("id", "prompt")),
        "enrolments": list(Enrolment.objects.order_by("id").values_list("user__username", "status", "completed_at")),
        "attempts": QuizAttempt.objects.count(),
        "progress": ModuleProgress.objects.count(),
        "classes": list(Cohort.objects.order_by("id").values_list("name", "enrolment_code")),
        "attendance": Attendance.objects.count(),
        "certificates": list(Certificate.objects.order_by("id").values_list("code", "versions__number")),
        "privacy_notice": list(PrivacyNoticeSettings.objects.values_list("site_id", "privacy_notice_page_id")),
    }


def test_seed_demo_builds_the_demo_site_and_a_second_run_changes_nothing(client):
    call_command("seed_demo")
    first = database_state()
    call_command("seed_demo")
    assert database_state() == first

    # Balikpapan's regions come with the command itself.
    assert Region.objects.filter(level="district", parent_id="6471").count() == 6
    assert Region.objects.filter(level="village", parent__parent_id="6471").count() == 34
    assert Region.objects.get(code="6471010006").name == "Gunung Bahagia"

    assert set(Organisation.objects.values_list("name", flat=True)) >= {
        "Yayasan Lingkungan Lestari",
        "Perkumpulan Warga Cerdas",
    }
    assert Organisation.objects.filter(kind="government").exists()

    courses = CoursePage.objects.live()
    assert courses.count() == 3
    assert set(courses.values_list("topic", flat=True)) == {"hak-warga", "lingkungan", "anggaran"}
    for course in courses:
        modules = ModulePage.objects.child_of(course).live()
        assert modules.count() >= 3, course.title
        assert QuizQuestion.objects.filter(module__in=modules).count() >= 5, course.title

    # The city's office lets Perkumpulan Warga Cerdas run its budget course.
    grant = CourseGrant.objects.active().select_related("course", "organisation").get()
    assert (grant.course.organisation.kind, grant.organisation.name) == ("government", "Perkumpulan Warga Cerdas")

    forums = ForumPage.objects.live().select_related("kelurahan")
    assert forums.count() >= 2
    assert {forum.kelurahan.name for forum in forums} == {"Gunung Bahagia"}
    assert BudgetingCallPage.objects.live().get().area.name == "Balikpapan Selatan"

    for username in DEMO_USERNAMES:
        assert authenticate(username=username, password="demo12345") is not None, username
    assert get_user_model().objects.get(username="admin").is_superuser

    # warga2 has finished a course (for the certificate demo); warga1 is on their way.
    graduate = Enrolment.objects.get(user__username="warga2")
    assert graduate.status == Enrolment.Status.COMPLETED
    assert Enrolment.objects.get(user__username="warga1").status == Enrolment.Status.ACTIVE
    # ... and its certificate, to try the verification page at once.
    certificate = Certificate.objects.get(enrolment=graduate)
    assert certificate.versions.get().name == graduate.user.get_full_name()
    verification = client.get(f"/sertifikat/verifikasi/{certificate.code}/")
    assert verification.status_code == 200
    assert graduate.user.get_full_name() in verification.text

    # Sign-up links to the demo's privacy notice, chosen in its settings.
    assert PrivacyNoticeSettings.objects.get().privacy_notice_page.url_path == "/home/privasi/"
    assert 'href="/privasi/"' in client.get("/akun/daftar/").text

    home = HomePage.objects.get()
    response = client.get("/")
    assert response.status_code == 200
    assert home.hero_title in response.text
    response = client.get("/kursus/")
    for course in courses:
        assert course.title in response.text


def test_every_demo_quiz_question_has_a_valid_answer_key():
    call_command("seed_demo")
    for question in QuizQuestion.objects.all():
        correct = [choice for choice in question.choices if choice.value["is_correct"]]
        if question.kind == "multiple":
            assert correct, question.prompt
        else:
            assert len(correct) == 1, question.prompt
        assert question.explanation.strip(), question.prompt


def test_seed_demo_is_refused_under_production_settings(settings):
    settings.DEMO_CONTENT_ALLOWED = False
    with pytest.raises(CommandError, match="refused"):
        call_command("seed_demo")
    assert not get_user_model().objects.exists()


def test_if_empty_leaves_a_database_in_use_alone():
    get_user_model().objects.create_user("petugas", password="rahasia-sekali")
    call_command("seed_demo", "--if-empty")
    assert not CoursePage.objects.exists()
    assert not Organisation.objects.exists()


def test_demo_partners_write_only_their_own_organisations_courses(client):
    """The demo accounts of DESIGN.md show the partners' scope in the admin."""
    call_command("seed_demo")
    User = get_user_model()
    lestari_course = CoursePage.objects.get(organisation__slug="yayasan-lingkungan-lestari")
    cerdas_course = CoursePage.objects.get(organisation__slug="perkumpulan-warga-cerdas")
    author = User.objects.get(username="penulis-lestari")
    assert lestari_course.permissions_for_user(author).can_edit()
    assert not lestari_course.permissions_for_user(author).can_publish()
    assert not cerdas_course.permissions_for_user(author).can_edit()
    assert not lestari_course.permissions_for_user(User.objects.get(username="fasilitator-lestari")).can_edit()
    assert lestari_course.get_workflow().name == "Tinjauan konten"
    reviewer = User.objects.get(username="peninjau")
    assert reviewer.groups.filter(name="Peninjau konten").exists()
    assert User.objects.get(username="pemkot").groups.filter(name="Pemkot").exists()
    for username in ("penulis-lestari", "fasilitator-cerdas", "peninjau", "pemkot"):
        assert User.objects.get(username=username).is_staff, username  # they work in the CMS
    assert not User.objects.get(username="warga1").is_staff
    client.force_login(author)
    assert client.get(f"/admin/pages/{lestari_course.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{cerdas_course.pk}/edit/").status_code != 200


def test_demo_facilitators_run_their_own_organisations_class(client):
    call_command("seed_demo")
    User = get_user_model()
    lestari_class = Cohort.objects.get(organisation__slug="yayasan-lingkungan-lestari")
    cerdas_class = Cohort.objects.get(organisation__slug="perkumpulan-warga-cerdas")
    assert lestari_class.requires_attendance and lestari_class.sessions.count() == 4
    # Phone-only learners from a roster, waiting for their invitation codes; warga1 joined with the code.
    lestari_learners = Enrolment.objects.filter(cohort_enrolment__cohort=lestari_class)
    assert lestari_learners.filter(source="roster", user__email__isnull=True).count() == 3
    assert not lestari_learners.first().user.has_usable_password()
    assert Enrolment.objects.filter(cohort_enrolment__cohort=cerdas_class, user__username="warga1").exists()
    assert Attendance.objects.filter(session__cohort=lestari_class).count() == 3

    client.force_login(User.objects.get(username="fasilitator-lestari"))
    listing = client.get("/admin/kelas/").text
    assert lestari_class.name in listing and cerdas_class.name not in listing
    assert client.get(f"/admin/kelas/{cerdas_class.pk}/kemajuan/").status_code == 404
    client.force_login(User.objects.get(username="pemkot"))
    assert cerdas_class.name in client.get("/admin/kelas/").text
