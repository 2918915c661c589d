"""A resident enrols, reads and takes the quiz; every refusal changes nothing (completing the course:
tests/courses/test_completion.py)."""

import pytest
from bs4 import BeautifulSoup
from django.db import IntegrityError, transaction

from courses.models import Enrolment, ModuleProgress, QuizAttempt
from tests import factories

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def correct_answers(attempt):
    return {
        f"q-{question['id']}": [choice["id"] for choice in question["choices"] if choice["is_correct"]]
        for question in attempt.questions
    }


def wrong_answers(attempt):
    return {
        f"q-{question['id']}": [next(c["id"] for c in question["choices"] if not c["is_correct"])]
        for question in attempt.questions
    }


def start_quiz(client, module):
    client.post(module.url + "kuis/")
    return QuizAttempt.objects.filter(module=module, submitted_at__isnull=True).get()


def submit(client, module, attempt, answers):
    return client.post(module.url + "kuis/", {"token": str(attempt.token), **answers})


# --- Enrolment -------------------------------------------------------------------------------


def test_enrolling_twice_creates_one_enrolment_and_leads_to_the_first_module(resident_client, course, modules):
    first = resident_client.post(course.url + "ikuti/")
    second = resident_client.post(course.url + "ikuti/")
    assert first.status_code == second.status_code == 302
    assert first["Location"] == modules[0].url
    assert Enrolment.objects.filter(course=course).count() == 1


def test_the_database_refuses_a_second_enrolment(resident, course):
    Enrolment.objects.create(user=resident, course=course)
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.create(user=resident, course=course)


def test_anonymous_visitor_is_sent_to_log_in_before_enrolling(client, course):
    response = client.post(course.url + "ikuti/")
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/masuk/?next=")
    assert not Enrolment.objects.exists()


def test_enrolling_by_get_link_is_refused(resident_client, course):
    assert resident_client.get(course.url + "ikuti/").status_code == 405
    assert not Enrolment.objects.exists()


# --- Reading ---------------------------------------------------------------------------------


def test_marking_a_module_read_without_enrolling_is_refused(resident_client, course, modules):
    response = resident_client.post(modules[0].url + "selesai/", follow=True)
    assert "Ikuti kursus ini terlebih dahulu." in response.text
    assert not ModuleProgress.objects.exists()


def test_module_page_shows_where_the_resident_is_and_progress(resident_client, course, modules):
    resident_client.post(course.url + "ikuti/")
    resident_client.post(modules[0].url + "selesai/")
    response = resident_client.get(modules[1].url)
    page = soup(response)
    assert "Modul 2 dari 3" in page.get_text()
    assert "1 dari 3 modul selesai (33%)" in page.get_text()
    assert page.select_one("a[rel=prev]")["href"] == modules[0].url
    assert page.select_one("a[rel=next]")["href"] == modules[2].url


# --- Quizzes ---------------------------------------------------------------------------------


def test_the_quiz_page_never_contains_the_answer_key(resident_client, course, modules):
    resident_client.post(course.url + "ikuti/")
    start_quiz(resident_client, modules[1])
    response = resident_client.get(modules[1].url + "kuis/")
    html = response.text
    assert response.status_code == 200
    assert "10 hari kerja" in html and "3 hari kerja" in html
    assert "PENJELASAN-SATU" not in html and "PENJELASAN-DUA" not in html
    assert "is_correct" not in html
    # Right and wrong choices carry exactly the same markup apart from their value.
    for kind in ("radio", "checkbox"):
        inputs = soup(response).select(f"input[type={kind}]")
        assert inputs
        assert len({tuple((k, v) for k, v in sorted(i.attrs.items()) if k != "value") for i in inputs}) == 1


def test_a_passed_quiz_shows_the_score_the_result_and_the_explanations(resident_client, course, modules):
    # That passing it completes the course is tests/courses/test_completion.py's.
    resident_client.post(course.url + "ikuti/")
    attempt = start_quiz(resident_client, modules[1])
    response = submit(resident_client, modules[1], attempt, correct_answers(attempt))
    assert response.status_code == 302
    result = resident_client.get(response["Location"])
    assert "Nilai: 100%" in result.text and "Lulus" in result.text
    assert "PENJELASAN-SATU" in result.text and "PENJELASAN-DUA" in result.text


def test_a_double_submission_counts_once(resident_client, course, modules):
    resident_client.post(course.url + "ikuti/")
    attempt = start_quiz(resident_client, modules[1])
    submit(resident_client, modules[1], attempt, wrong_answers(attempt))
    again = submit(resident_client, modules[1], attempt, correct_answers(attempt))
    assert again.status_code == 302
    attempt.refresh_from_db()
    assert attempt.score_percent == 0 and attempt.passed is False
    assert QuizAttempt.objects.count() == 1
    assert "sudah dikirim" in resident_client.get(again["Location"]).text


def test_no_attempt_beyond_the_limit(resident_client, course, modules):
    resident_client.post(course.url + "ikuti/")
    for _ in range(course.max_quiz_attempts):
        attempt = start_quiz(resident_client, modules[1])
        submit(resident_client, modules[1], attempt, wrong_answers(attempt))
    response = resident_client.post(modules[1].url + "kuis/", follow=True)
    assert QuizAttempt.objects.count() == course.max_quiz_attempts
    assert "Tidak ada lagi kesempatan kuis" in response.text


def test_the_best_attempt_counts(resident_client, course, modules):
    resident_client.post(course.url + "ikuti/")
    attempt = start_quiz(resident_client, modules[1])
    answers = correct_answers(attempt)
    first_question = next(iter(answers))
    half_right = {**answers, first_question: wrong_answers(attempt)[first_question]}
    submit(resident_client, modules[1], attempt, half_right)
    second = start_quiz(resident_client, modules[1])
    submit(resident_client, modules[1], second, correct_answers(second))
    progress = ModuleProgress.objects.get(module=modules[1])
    assert progress.best_score_percent == 100 and progress.quiz_passed_at


def test_multiple_choice_needs_every_correct_answer(resident_client, course, modules):
    resident_client.post(course.url + "ikuti/")
    attempt = start_quiz(resident_client, modules[1])
    answers = correct_answers(attempt)
    multiple = next(q for q in attempt.questions if q["kind"] == "multiple")
    answers[f"q-{multiple['id']}"] = answers[f"q-{multiple['id']}"][:1]
    submit(resident_client, modules[1], attempt, answers)
    attempt.refresh_from_db()
    assert attempt.score_percent == 50 and attempt.passed is False


def test_another_residents_attempt_is_refused(resident_client, course, modules, client):
    resident_client.post(course.url + "ikuti/")
    attempt = start_quiz(resident_client, modules[1])
    other = factories.resident(username="warga-lain")
    from django.test import Client

    intruder = Client()
    intruder.force_login(other)
    intruder.post(course.url + "ikuti/")
    response = intruder.post(
        modules[1].url + "kuis/", {"token": str(attempt.token), **correct_answers(attempt)}, follow=True
    )
    assert "bukan milik Anda" in response.text
    attempt.refresh_from_db()
    assert not attempt.is_submitted
    assert intruder.get(modules[1].url + f"kuis/{attempt.token}/").status_code == 404


def test_missing_answers_are_named_and_nothing_is_saved(resident_client, course, modules):
    resident_client.post(course.url + "ikuti/")
    attempt = start_quiz(resident_client, modules[1])
    first_only = dict(list(correct_answers(attempt).items())[:1])
    response = submit(resident_client, modules[1], attempt, first_only)
    assert response.status_code == 400
    assert "Pertanyaan 2 belum dijawab." in response.text
    chosen = soup(response).select("input[checked]")
    assert len(chosen) == 1  # the answer already given is kept on the form
    attempt.refresh_from_db()
    assert not attempt.is_submitted


def test_a_choice_from_another_question_is_refused(resident_client, course, modules):
    resident_client.post(course.url + "ikuti/")
    attempt = start_quiz(resident_client, modules[1])
    first, second = attempt.questions
    answers = {f"q-{first['id']}": [second["choices"][0]["id"]], f"q-{second['id']}": [second["choices"][0]["id"]]}
    response = submit(resident_client, modules[1], attempt, answers)
    assert response.status_code == 400
    assert "Pertanyaan 1 memiliki jawaban yang bukan pilihannya." in response.text
    attempt.refresh_from_db()
    assert not attempt.is_submitted


def test_editing_the_quiz_later_keeps_past_results(resident_client, course, modules):
    resident_client.post(course.url + "ikuti/")
    attempt = start_quiz(resident_client, modules[1])
    response = submit(resident_client, modules[1], attempt, correct_answers(attempt))
    module = modules[1].specific
    question = module.quiz_questions.first()
    question.prompt = "Pertanyaan yang sudah diubah?"
    question.choices = [
        ("choice", {"text": "Pilihan baru", "is_correct": True}),
        ("choice", {"text": "Lain", "is_correct": False}),
    ]
    module.save_revision().publish()
    result = resident_client.get(response["Location"])
    assert "Berapa lama batas pemberitahuan tertulis?" in result.text
    assert "Pertanyaan yang sudah diubah?" not in result.text
    assert "Nilai: 100%" in result.text


def test_a_passed_quiz_cannot_be_started_again(resident_client, course, modules):
    resident_client.post(course.url + "ikuti/")
    attempt = start_quiz(resident_client, modules[1])
    submit(resident_client, modules[1], attempt, correct_answers(attempt))
    response = resident_client.post(modules[1].url + "kuis/", follow=True)
    assert "Anda sudah lulus kuis ini." in response.text
    assert QuizAttempt.objects.count() == 1


def test_the_result_of_an_unsubmitted_attempt_is_not_shown(resident_client, course, modules):
    resident_client.post(course.url + "ikuti/")
    attempt = start_quiz(resident_client, modules[1])
    assert resident_client.get(modules[1].url + f"kuis/{attempt.token}/").status_code == 404
