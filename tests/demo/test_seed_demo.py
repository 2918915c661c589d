"""`manage.py seed_demo` builds a realistic site once, and a second run changes nothing."""

import datetime
import io

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from wagtail.models import ModelLogEntry, Page, Revision

from accounts.models import PrivacyNoticeSettings
from certificates.models import Certificate
from classes.models import Attendance, Cohort
from cms_pages.models import HomePage
from courses.models import CourseGrant, CoursePage, Enrolment, ModulePage, ModuleProgress, QuizAttempt, QuizQuestion
from notices.models import Notice
from organisations.models import Organisation
from participation.models import (
    BudgetingCallPage,
    Feedback,
    FeedbackCategory,
    ForumPage,
    KelurahanStaffAssignment,
    SuaraWargaPage,
)
from participation.scope import in_kelurahan_scope, is_kelurahan_staff, kelurahan_scope
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
    "staf-gunungbahagia",
]
# The item sent without an account whose tracking code the README names.
README_TRACKING_CODE = "SW-KAMP-UNG7"


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
        "feedback_categories": list(FeedbackCategory.objects.order_by("name").values_list("name", "response_days")),
        "feedback": list(
            Feedback.objects.order_by("code").values_list(
                "code", "status", "sender__username", "received_at", "replied_at", "published_at"
            )
        ),
        "feedback_history": ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Feedback)
        ).count(),
        "notices": list(Notice.objects.order_by("id").values_list("user__username", "subject", "created_at")),
        "kelurahan_staff": list(
            KelurahanStaffAssignment.objects.order_by("id").values_list(
                "user__username", "region_id", "granted_by__username", "withdrawn_at"
            )
        ),
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
    # Three calls of Balikpapan Selatan: taking proposals, in voting, finished (tests/demo/test_demo_budgeting.py).
    assert [call.area.name for call in BudgetingCallPage.objects.live()] == ["Balikpapan Selatan"] * 3

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


def test_demo_suara_warga_has_answered_items_an_overdue_one_and_one_to_follow_by_code(client):
    output = io.StringIO()
    call_command("seed_demo", stdout=output)
    now = timezone.now()
    assert f"/suara-warga/{README_TRACKING_CODE}/" in output.getvalue()  # make run says where to follow it

    page = SuaraWargaPage.objects.live().get()
    assert (page.url, page.title) == ("/suara-warga/", "Suara Warga") and "Sampaikan" in page.intro
    assert dict(FeedbackCategory.objects.values_list("name", "response_days")) == {
        "Jalan dan drainase": 14,
        "Kebersihan dan sampah": 7,
        "Penerangan jalan": 14,
        "Pelayanan kelurahan": 5,
        "Lainnya": 14,
    }

    # Published with the government's reply, in three categories, mostly Gunung Bahagia.
    published = Feedback.objects.published().select_related("category", "kelurahan")
    assert len({item.category.name for item in published}) == 3
    assert {item.kelurahan.name for item in published} == {"Gunung Bahagia", "Sepinggan"}
    for item in published:
        assert item.reply and item.public_text and item.office, item.code
        # Each step on its own day in the past, in order, as the history says.
        assert item.received_at < item.replied_at <= item.published_at < now - datetime.timedelta(days=1)
        history = ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Feedback), object_id=str(item.pk)
        ).order_by("timestamp")
        assert [entry.action for entry in history] == [
            "sekolah_warga.feedback_received",
            "sekolah_warga.feedback_status",
            "sekolah_warga.feedback_status",
            "sekolah_warga.feedback_publish",
        ]
        assert history.first().timestamp == item.received_at and history.last().timestamp == item.published_at

    # One overdue: forwarded, and waiting past its category's target.
    (overdue,) = Feedback.objects.overdue()
    assert (overdue.status, overdue.kelurahan_id) == (Feedback.Status.FORWARDED, "6471010006")

    # Sent without an account (a name and a phone), answered and published: its code is in the README.
    without_account = Feedback.objects.get(code=README_TRACKING_CODE.replace("SW-", "").replace("-", ""))
    assert without_account.sender is None and without_account.sender_name and without_account.sender_phone
    assert without_account.is_published and without_account.channel == Feedback.Channel.ONLINE

    # warga1's own question is answered: an unread notice on /saya/ leads to its tracking page.
    own = Feedback.objects.get(sender__username="warga1")
    assert own.status == Feedback.Status.ANSWERED and not own.is_published
    notice = Notice.objects.get(user__username="warga1")
    assert notice.seen_at is None and notice.link == "/suara-warga/SW-W4RG-A7CE/"
    assert own.received_at < notice.created_at == own.replied_at
    client.force_login(own.sender)
    dashboard = client.get("/saya/").text
    assert notice.subject in dashboard  # the notice, and the item among their participation:
    assert 'href="/suara-warga/SW-W4RG-A7CE/">SW-W4RG-A7CE</a>' in dashboard
    client.logout()

    listing = client.get("/suara-warga/").text
    assert without_account.reply in listing and without_account.public_text in listing
    assert without_account.sender_name not in listing and own.reply not in listing
    tracking = client.get(f"/suara-warga/{README_TRACKING_CODE}/").text
    assert without_account.reply in tracking


def test_demo_kelurahan_staff_act_in_gunung_bahagia_only(client):
    call_command("seed_demo")
    staff = get_user_model().objects.get(username="staf-gunungbahagia")

    assert staff.get_full_name() == "Rahmadani Putri"
    assignment = KelurahanStaffAssignment.objects.get(user=staff)
    assert (assignment.region.name, assignment.granted_by.username) == ("Gunung Bahagia", "pemkot")
    assert is_kelurahan_staff(staff) and kelurahan_scope(staff) == frozenset({"6471010006"})
    in_scope = in_kelurahan_scope(Feedback.objects.all(), staff)
    assert set(in_scope.values_list("kelurahan_id", flat=True)) == {"6471010006"}
    assert Feedback.objects.exclude(kelurahan_id="6471010006").exists()  # there is another kelurahan's to miss

    assert client.login(username="staf-gunungbahagia", password="demo12345")
    assert client.get("/admin/").status_code == 200
    listing = client.get("/admin/suara-warga/").text
    assert "SW-JQ9C-UTKR" in listing  # Gunung Bahagia's overdue item
    assert "SW-DMKX-3FAP" not in listing and "SW-PJU7-HTEK" not in listing  # Damai Baru's, Sepinggan's
