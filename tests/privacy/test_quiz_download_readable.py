"""The data download reads like a document: kuis.csv gives a row per question with the question, the answer
chosen, whether it was right and the correct answer, in words, as far as the course's review settings
allow (courses.quiz_review.attempt_review, the one rule); profil.csv names the gender as the form did."""

import csv
import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import LearnerProfile
from courses.models.pages import QuizReview
from tests import factories
from tests.courses import conftest as course_fixtures
from tests.courses.test_quiz_review import learner_client, set_review, take_quiz  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

course, modules = course_fixtures.course, course_fixtures.modules

SETTINGS = [QuizReview.NEVER, QuizReview.AFTER_FINISHING, QuizReview.ALWAYS]
FIRST_PROMPT = "Berapa lama batas pemberitahuan tertulis?"
SECOND_PROMPT = "Siapa saja yang termasuk badan publik?"


def id_(message):
    with translation.override("id"):
        return translation.gettext(message)


def kuis_rows(client):
    response = client.get(reverse("privacy:data_download"))
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    raw = archive.read("kuis.csv")
    assert raw.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def shown(setting, finished):
    return setting == QuizReview.ALWAYS or (setting == QuizReview.AFTER_FINISHING and finished)


@pytest.mark.parametrize("finished", [False, True], ids=["attempts left", "last attempt used"])
@pytest.mark.parametrize("answers", SETTINGS, ids=lambda s: f"answers {s}")
@pytest.mark.parametrize("marks", SETTINGS, ids=lambda s: f"marks {s}")
def test_kuis_csv_says_each_question_and_answer_in_words_as_far_as_the_course_allows(
    learner_client,  # noqa: F811
    course,
    modules,
    marks,
    answers,
    finished,
):
    set_review(course, marks=marks, answers=answers)
    for _ in range(course.max_quiz_attempts if finished else 1):
        take_quiz(learner_client, modules[1], right=False)
    answers_shown = shown(answers, finished)
    marks_shown = answers_shown or shown(marks, finished)

    rows = [row for row in kuis_rows(learner_client) if row[id_("Attempt")] == "1"]

    first, second = rows
    assert [row[id_("Question no.")] for row in rows] == ["1", "2"]
    assert (first[id_("Question")], second[id_("Question")]) == (FIRST_PROMPT, SECOND_PROMPT)
    # The answer chosen as the resident read it, never a choice's id or a JSON list.
    assert (first[id_("Your answers")], second[id_("Your answers")]) == ("3 hari kerja", "Warung kopi")
    assert first[id_("Score (%)")] == "0" and first[id_("Passed")] == "tidak"
    assert first[id_("Right or wrong")] == (id_("Wrong") if marks_shown else "")
    assert first[id_("Correct answer")] == ("10 hari kerja" if answers_shown else "")
    assert second[id_("Correct answer")] == ("Kantor kelurahan; Dinas kota" if answers_shown else "")
    assert first[id_("Explanation")].startswith("PENJELASAN-SATU") is answers_shown
    # What is hidden is said, as on the result page; nothing hidden, nothing said.
    assert bool(first[id_("Note")]) is not (marks_shown and answers_shown)
    everything = "".join("".join(row.values()) for row in rows)
    assert "{" not in everything and "is_correct" not in everything


def test_a_right_answer_reads_right_once_the_course_shows_it(learner_client, course, modules):  # noqa: F811
    set_review(course, marks=QuizReview.ALWAYS, answers=QuizReview.NEVER)
    take_quiz(learner_client, modules[1], right=True)

    first, second = kuis_rows(learner_client)

    assert first[id_("Right or wrong")] == second[id_("Right or wrong")] == id_("Right")
    assert second[id_("Your answers")] == "Kantor kelurahan; Dinas kota"
    assert first[id_("Correct answer")] == first[id_("Explanation")] == ""
    assert first[id_("Note")] == id_("This course does not show the correct answers of its quizzes.")


def test_an_attempt_being_taken_lists_its_questions_without_answers_or_marks(
    learner_client,  # noqa: F811
    course,
    modules,
):
    set_review(course, marks=QuizReview.ALWAYS, answers=QuizReview.ALWAYS)
    learner_client.post(modules[1].url + "kuis/")  # started, not submitted

    first, second = kuis_rows(learner_client)

    assert (first[id_("Question")], second[id_("Question")]) == (FIRST_PROMPT, SECOND_PROMPT)
    for row in (first, second):
        assert row[id_("Submitted")] == row[id_("Your answers")] == row[id_("Right or wrong")] == ""
        assert row[id_("Correct answer")] == row[id_("Explanation")] == ""


def test_profil_csv_names_the_gender_as_the_sign_up_form_offered_it(client):
    user = factories.learner(full_name="Siti Aminah", email="siti@contoh.id")
    LearnerProfile.objects.filter(user=user).update(gender=LearnerProfile.Gender.FEMALE)
    client.force_login(user)

    response = client.get(reverse("privacy:data_download"))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    (profile,) = csv.DictReader(io.StringIO(archive.read("profil.csv").decode("utf-8-sig")))

    assert profile["Jenis kelamin"] == "Perempuan"  # not the stored "perempuan"
    assert '"gender": "perempuan"' in archive.read("data.json").decode()  # for programs, as stored
