"""A facilitator follows their learners' progress and helps them: attempts, reset codes (a completion recorded on
paper: tests/courses/test_completion.py)."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from accounts.models import AccountInvitation
from classes.models import Attendance
from classes.services import password_reset_code_for_learner
from courses.models import Enrolment, ModulePage
from courses.models.pages import QuizReview
from courses.services import module_mark_read, quiz_attempt_open, quiz_attempt_submit
from organisations.models import GOVERNMENT_STAFF_GROUP, Membership, Organisation
from tests import factories
from tests.classes.conftest import add_meetings

pytestmark = pytest.mark.django_db


@pytest.fixture
def course_with_quiz(world):
    course = world["own"].course  # the course of Lestari's class
    factories.module_with_quiz(
        course,
        title="Kuis Anggaran",
        questions=[
            factories.quiz_question(prompt="Apa itu musrenbang?", choices=[("Musyawarah", True), ("Pasar", False)])
        ],
    )
    course.max_quiz_attempts = 1
    course.save()
    return course


def enrol(cohort, name, **contact):
    learner = factories.learner(full_name=name, **contact)
    return factories.enrolment(user=learner, course=cohort.course, cohort=cohort)


def answer(enrolment, module, *, correct):
    attempt = quiz_attempt_open(user=enrolment.user, module=module)
    question = attempt.questions[0]
    chosen = [choice["id"] for choice in question["choices"] if choice["is_correct"] == correct][:1]
    return quiz_attempt_submit(user=enrolment.user, token=attempt.token, answers={str(question["id"]): chosen})


@pytest.fixture
def facilitator(client, world):
    client.force_login(world["users"]["facilitator"])
    return world["users"]["facilitator"]


def test_progress_shows_each_learner_modules_done_best_scores_and_attendance(
    client, world, course_with_quiz, facilitator
):
    cohort = world["own"]
    first, quiz = ModulePage.objects.child_of(course_with_quiz).order_by("path")
    ani = enrol(cohort, "Ani", phone="+6281200000001")
    budi = enrol(cohort, "Budi", phone="+6281200000002")
    module_mark_read(user=ani.user, module=first)
    answer(ani, quiz, correct=True)
    meetings = add_meetings(cohort, 2)
    Attendance.objects.create(session=meetings[0], enrolment=budi, method="form")

    rows = list(
        csv.reader(
            io.StringIO(client.get(reverse("cohorts:progress_csv", args=[cohort.pk])).content.decode("utf-8-sig"))
        )
    )

    assert rows[0][:4] == ["Nama", "Kontak", "Modul selesai", "Modul"]
    # The phone as residents write it (text in a spreadsheet); counts and scores are plain numbers.
    assert rows[1][:8] == ["Ani", "0812 0000 0001", "1", "2", "", "100", "0", "2"]
    assert rows[2][:8] == ["Budi", "0812 0000 0002", "0", "2", "", "", "1", "2"]


def test_a_name_that_looks_like_a_formula_stays_text_in_the_csv(client, world, facilitator):
    enrol(world["own"], '=HYPERLINK("http://contoh.id","klik")', phone="+6281200000009")

    csv_text = client.get(reverse("cohorts:progress_csv", args=[world["own"].pk])).content.decode("utf-8-sig")
    name, contact = list(csv.reader(io.StringIO(csv_text)))[1][:2]

    assert name == '\'=HYPERLINK("http://contoh.id","klik")'
    assert contact == "0812 0000 0009"


def test_progress_sorts_by_modules_done(client, world, course_with_quiz, facilitator):
    cohort = world["own"]
    first = ModulePage.objects.child_of(course_with_quiz).order_by("path").first()
    enrol(cohort, "Ani", phone="+6281200000001")
    module_mark_read(user=enrol(cohort, "Zainal", phone="+6281200000002").user, module=first)

    page = client.get(reverse("cohorts:progress", args=[cohort.pk]), {"urutan": "-modul"}).text

    assert page.index("Zainal") < page.index("Ani")


def test_the_progress_page_names_itself_and_the_class_in_the_browser_tab(client, world, facilitator):
    cohort = world["own"]

    page = client.get(reverse("cohorts:progress", args=[cohort.pk])).text

    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert " ".join(title.split()).startswith("Kemajuan peserta: Kelas Gunung Bahagia - ")


def test_the_progress_page_takes_the_same_queries_for_any_class_size(client, world, course_with_quiz, facilitator):
    cohort = world["own"]
    add_meetings(cohort, 2)
    url = reverse("cohorts:progress", args=[cohort.pk])
    client.get(url)  # the admin's own first-visit queries (menu, user profile) out of the way

    def queries_with(learners):
        for number in range(Enrolment.objects.filter(cohort_enrolment__cohort=cohort).count(), learners):
            enrolment = enrol(cohort, f"Peserta {number}", phone=f"+62812000{number:05d}")
            Attendance.objects.create(session=cohort.sessions.first(), enrolment=enrolment, method="form")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert queries_with(3) == queries_with(30)


def test_one_more_attempt_lets_a_learner_take_the_quiz_again(client, world, course_with_quiz, facilitator):
    cohort = world["own"]
    quiz = ModulePage.objects.child_of(course_with_quiz).order_by("path").last()
    enrolment = enrol(cohort, "Ani", phone="+6281200000001")
    answer(enrolment, quiz, correct=False)
    assert quiz_attempt_open(user=enrolment.user, module=quiz) is None

    client.post(reverse("cohorts:grant_quiz_attempt", args=[cohort.pk, enrolment.pk]))

    assert quiz_attempt_open(user=enrolment.user, module=quiz) is not None
    entry = ModelLogEntry.objects.get(action="sekolah_warga.quiz_attempts_grant")
    assert (entry.user, entry.object_id) == (facilitator, str(enrolment.pk))


ANSWERS_SEEN = (
    "%(name)s has already been shown which answers were right in a quiz they have not passed, and the new "
    "attempt has the same questions: go through the lesson with them before they try again."
)


@pytest.mark.parametrize(
    "review, warned",
    [(QuizReview.AFTER_FINISHING, True), (QuizReview.ALWAYS, True), (QuizReview.NEVER, False)],
)
def test_one_more_attempt_warns_the_facilitator_when_the_learner_has_seen_the_answers(
    client, world, course_with_quiz, facilitator, review, warned
):
    course_with_quiz.review_marks = course_with_quiz.review_answers = review
    course_with_quiz.save()
    cohort = world["own"]
    quiz = ModulePage.objects.child_of(course_with_quiz).order_by("path").last()
    enrolment = enrol(cohort, "Ani", phone="+6281200000001")
    answer(enrolment, quiz, correct=False)  # the only attempt allowed: the answers are shown

    response = client.post(reverse("cohorts:grant_quiz_attempt", args=[cohort.pk, enrolment.pk]), follow=True)

    with translation.override("id"):
        warning = translation.gettext(ANSWERS_SEEN) % {"name": "Ani"}
    assert (warning in response.text) is warned


def test_a_phone_only_learner_gets_a_one_time_reset_code_from_the_facilitator(client, world, facilitator):
    cohort = world["own"]
    enrolment = enrol(cohort, "Ani", phone="+6281200000001")

    response = client.post(reverse("cohorts:password_reset_link", args=[cohort.pk, enrolment.pk]))

    assert response.status_code == 200
    assert "<svg" in response.text
    invitation = AccountInvitation.objects.get(user=enrolment.user)
    assert invitation.kind == AccountInvitation.Kind.PASSWORD_RESET
    assert ModelLogEntry.objects.filter(action="sekolah_warga.password_reset_code").exists()


def _in_government_staff_group(user):
    """Put in the group as Wagtail's Users screen does: staff status stays unset."""
    user.groups.add(Group.objects.get(name=GOVERNMENT_STAFF_GROUP))


def _member_of_an_organisation(user):
    """A membership written without membership_set, so that staff status stays unset."""
    Membership.objects.create(
        user=user, organisation=Organisation.objects.get(slug="cerdas"), role=Membership.Role.AUTHOR
    )


@pytest.mark.parametrize("role", [_in_government_staff_group, _member_of_an_organisation])
def test_a_phone_only_learner_holding_a_role_gets_no_reset_code_from_the_facilitator(client, world, facilitator, role):
    cohort = world["own"]
    enrolment = enrol(cohort, "Ani", phone="+6281200000001")
    role(enrolment.user)
    enrolment.user.refresh_from_db()
    assert not enrolment.user.is_staff

    response = client.post(reverse("cohorts:password_reset_link", args=[cohort.pk, enrolment.pk]), follow=True)

    assert response.status_code == 200
    assert not AccountInvitation.objects.filter(user=enrolment.user).exists()
    assert not ModelLogEntry.objects.filter(action="sekolah_warga.password_reset_code").exists()
    with pytest.raises(ValidationError):
        password_reset_code_for_learner(enrolment=enrolment, by=facilitator)
    assert not AccountInvitation.objects.filter(user=enrolment.user).exists()


def test_a_learner_with_an_email_address_resets_their_password_themselves(client, world, facilitator):
    cohort = world["own"]
    enrolment = enrol(cohort, "Ani", email="ani@contoh.id")

    response = client.post(reverse("cohorts:password_reset_link", args=[cohort.pk, enrolment.pk]), follow=True)

    assert not AccountInvitation.objects.filter(user=enrolment.user).exists()
    assert response.status_code == 200
