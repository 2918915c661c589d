"""What a quiz attempt reveals, on every exit: the result page, the data download (data.json and
kuis.csv) and the learner record staff read in the admin.

An open attempt shows its questions only, everywhere. A submitted one always shows its score; which
answers were right and the correct answers with their explanations follow the course's two settings
(never / after passing or the last allowed attempt / always). Staff see the answers whatever the setting.
"""

import csv
import io
import json
import zipfile

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from classes.services import quiz_attempts_grant
from courses.models import Enrolment, QuizAttempt
from courses.models.pages import QuizReview
from organisations.services import GOVERNMENT_STAFF_GROUP, government_role_grant
from tests import factories

pytestmark = pytest.mark.django_db

EXPLANATION = "PENJELASAN-SATU"  # the first question's explanation (tests/courses/conftest.py)
RIGHT_MARK, WRONG_MARK, KEY_MARK = "(benar)", "(salah)", "jawaban benar"


@pytest.fixture
def learner_client(client, course):
    user = factories.learner(full_name="Rahmat Hidayat", email="rahmat@contoh.id")
    client.force_login(user)
    client.post(course.url + "ikuti/")
    client.user = user
    return client


@pytest.fixture
def staff_client(db):
    staff = factories.resident(username="pemkot")
    government_role_grant(user=staff, group_name=GOVERNMENT_STAFF_GROUP)
    staff_client = Client()
    staff_client.force_login(staff)
    staff_client.user = staff
    return staff_client


def set_review(course, *, marks=QuizReview.NEVER, answers=QuizReview.NEVER):
    course.review_marks, course.review_answers = marks, answers
    course.save_revision().publish()


def take_quiz(client, module, *, right):
    """Start an attempt and submit it through the quiz views: every answer right, or every answer wrong
    (the first wrong choice)."""
    client.post(module.url + "kuis/")
    attempt = QuizAttempt.objects.get(module=module, submitted_at__isnull=True)
    answers = {
        f"q-{question['id']}": [c["id"] for c in question["choices"] if c["is_correct"]]
        if right
        else [next(c["id"] for c in question["choices"] if not c["is_correct"])]
        for question in attempt.questions
    }
    response = client.post(module.url + "kuis/", {"token": str(attempt.token), **answers})
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.is_submitted and attempt.passed == right
    return attempt


def result_page(client, module, attempt):
    response = client.get(module.url + f"kuis/{attempt.token}/")
    assert response.status_code == 200
    return response.text


def download(client):
    response = client.get(reverse("privacy:data_download"))
    assert response.status_code == 200
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def downloaded_attempt(client, number):
    """The attempt numbered `number` in data.json, and its first question's row in kuis.csv (a row per question)."""
    archive = download(client)
    (from_json,) = [a for a in json.loads(archive.read("data.json"))["quiz_attempts"] if a["number"] == number]
    rows = csv.DictReader(io.StringIO(archive.read("kuis.csv").decode("utf-8-sig")))
    from_csv = [row for row in rows if row["Percobaan"] == str(number)][0]
    return from_json, from_csv


def in_indonesian(message):
    with translation.override("id"):
        return translation.gettext(message)


def learner_record(staff_client, user):
    response = staff_client.get(reverse("reports_learner_record", args=[user.pk]))
    assert response.status_code == 200
    return response.text


# --- An open attempt ------------------------------------------------------------------------


def test_a_data_download_taken_during_an_attempt_holds_no_answer_key(learner_client, staff_client, modules):
    learner_client.post(modules[1].url + "kuis/")  # the attempt is open: the resident is taking it

    archive = download(learner_client)

    everything = b"".join(archive.read(name) for name in archive.namelist())
    assert b"10 hari kerja" in everything  # the questions and choices are the resident's data
    for secret in (b"is_correct", b'"correct"', b"PENJELASAN", b'"right"', b'"explanation"'):
        assert secret not in everything
    (attempt,) = json.loads(archive.read("data.json"))["quiz_attempts"]
    assert attempt["submitted_at"] is None and attempt["answers"] is None
    assert attempt["questions"][0] == {
        "number": 1,
        "kind": "single",
        "prompt": "Berapa lama batas pemberitahuan tertulis?",
        "choices": [{"text": "3 hari kerja"}, {"text": "10 hari kerja"}, {"text": "30 hari"}],
    }


def test_the_learner_record_shows_staff_no_question_of_an_open_attempt(learner_client, staff_client, modules):
    learner_client.post(modules[1].url + "kuis/")

    html = learner_record(staff_client, learner_client.user)

    assert "belum dikirim" in html  # "Started at …, not submitted"
    assert EXPLANATION not in html and "10 hari kerja" not in html


# --- A submitted attempt: the course's settings ----------------------------------------------

SETTINGS = [QuizReview.NEVER, QuizReview.AFTER_FINISHING, QuizReview.ALWAYS]


def shown(setting, finished):
    return setting == QuizReview.ALWAYS or (setting == QuizReview.AFTER_FINISHING and finished)


@pytest.mark.parametrize("finished", [False, True], ids=["attempts left", "passed since"])
@pytest.mark.parametrize("setting", SETTINGS)
@pytest.mark.parametrize("field", ["marks", "answers"])
def test_a_failed_attempt_reveals_what_the_course_setting_allows_on_every_exit(
    learner_client, staff_client, course, modules, field, setting, finished
):
    # One setting under test, the other "never"; the failed first attempt is looked at, before or
    # after the resident passed the second.
    set_review(course, **{field: setting})
    failed = take_quiz(learner_client, modules[1], right=False)
    if finished:
        take_quiz(learner_client, modules[1], right=True)
    answers_shown = field == "answers" and shown(setting, finished)
    # The correct answers show which answers were right too.
    marks_shown = answers_shown or (field == "marks" and shown(setting, finished))

    page = result_page(learner_client, modules[1], failed)
    from_json, from_csv = downloaded_attempt(learner_client, 1)

    assert "Nilai: 0%" in page  # the score, always
    assert "jawaban Anda" in page and from_json["answers"] == {"1": ["3 hari kerja"], "2": ["Warung kopi"]}
    assert (WRONG_MARK in page) is marks_shown and (RIGHT_MARK in page) is False
    assert (KEY_MARK in page) is answers_shown
    assert (EXPLANATION in page) is answers_shown
    question = from_json["questions"][0]
    assert ("right" in question) is marks_shown
    assert ("explanation" in question) is answers_shown
    assert ("correct" in question["choices"][0]) is answers_shown
    assert (EXPLANATION in from_csv[in_indonesian("Explanation")]) is answers_shown
    assert bool(from_csv[in_indonesian("Correct answer")]) is answers_shown
    if marks_shown:
        assert question["right"] is False
    if answers_shown:
        assert [choice["correct"] for choice in question["choices"]] == [False, True, False]
        assert question["explanation"].startswith(EXPLANATION)

    # Staff see the answers in the admin whatever the resident may see.
    record = learner_record(staff_client, learner_client.user)
    assert EXPLANATION in record and "jawaban benar" in record


def test_by_default_the_answers_are_shown_once_the_last_attempt_is_used(learner_client, course, modules):
    assert (course.review_marks, course.review_answers) == (QuizReview.AFTER_FINISHING,) * 2
    first = take_quiz(learner_client, modules[1], right=False)
    take_quiz(learner_client, modules[1], right=False)

    page = result_page(learner_client, modules[1], first)
    assert EXPLANATION not in page and KEY_MARK not in page and WRONG_MARK not in page
    assert (
        in_indonesian(
            "Which answers were right, and the correct answers, are shown here once you pass this quiz "
            "or have used all your attempts."
        )
        in page
    )
    assert "explanation" not in downloaded_attempt(learner_client, 1)[0]["questions"][0]

    take_quiz(learner_client, modules[1], right=False)  # the third and last allowed

    page = result_page(learner_client, modules[1], first)
    assert EXPLANATION in page and KEY_MARK in page and WRONG_MARK in page
    assert downloaded_attempt(learner_client, 1)[0]["questions"][0]["explanation"].startswith(EXPLANATION)


def test_an_extra_attempt_granted_hides_the_answers_again_until_it_is_used(
    learner_client, staff_client, course, modules
):
    attempts = [take_quiz(learner_client, modules[1], right=False) for _ in range(course.max_quiz_attempts)]
    assert EXPLANATION in result_page(learner_client, modules[1], attempts[0])

    enrolment = Enrolment.objects.get(user=learner_client.user, course=course)
    quiz_attempts_grant(enrolment=enrolment, by=staff_client.user)

    # Otherwise the resident would copy the answers into the attempt they were just given.
    for attempt in attempts:
        page = result_page(learner_client, modules[1], attempt)
        assert EXPLANATION not in page and KEY_MARK not in page
    assert "explanation" not in downloaded_attempt(learner_client, 1)[0]["questions"][0]

    take_quiz(learner_client, modules[1], right=False)

    assert EXPLANATION in result_page(learner_client, modules[1], attempts[0])


def test_with_both_settings_never_a_passed_quiz_shows_only_its_score(learner_client, course, modules):
    set_review(course, marks=QuizReview.NEVER, answers=QuizReview.NEVER)
    passed = take_quiz(learner_client, modules[1], right=True)

    page = result_page(learner_client, modules[1], passed)

    assert "Nilai: 100%" in page and "jawaban Anda" in page
    assert RIGHT_MARK not in page and KEY_MARK not in page and EXPLANATION not in page
    assert in_indonesian("This course shows only the score of its quizzes.") in page


def test_the_module_page_counts_an_extra_attempt_granted_in_the_attempts_allowed(
    learner_client, staff_client, course, modules
):
    for _ in range(course.max_quiz_attempts):
        take_quiz(learner_client, modules[1], right=False)
    enrolment = Enrolment.objects.get(user=learner_client.user, course=course)
    quiz_attempts_grant(enrolment=enrolment, by=staff_client.user)

    page = learner_client.get(modules[1].url).text

    assert "Mulai kuis (percobaan 4 dari 4)" in page


def test_staff_who_take_a_course_see_their_own_learner_record_as_a_resident_would(learner_client, modules):
    # A member of staff learning too: their own record must not hand them the key of a retake.
    government_role_grant(user=learner_client.user, group_name=GOVERNMENT_STAFF_GROUP)
    take_quiz(learner_client, modules[1], right=False)  # attempts left, default settings

    record = learner_record(learner_client, learner_client.user)

    assert "<td>0 %</td>" in record  # the score, as to any resident
    assert EXPLANATION not in record and KEY_MARK not in record
