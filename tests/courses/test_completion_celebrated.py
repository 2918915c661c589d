"""Completion is celebrated and leads on (issue 22, item 4).

The result of the quiz that completes the course, and the course page once it is complete, say so with the
certificate's state (certificates' dashboard part: being made, ready to download, revoked) and what the course
prepares for (courses.hooks.course_leads_to: coming forums, open budgeting calls). A revoked certificate's
notice gives the contact of the organisation that ran the class, else of the course's owner.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from certificates import services as certificate_services
from certificates.models import Certificate
from courses.models import Enrolment, ModulePage, QuizAttempt
from courses.services import (
    enrolment_complete,
    enrolment_create,
    module_mark_read,
    quiz_attempt_open,
    quiz_attempt_submit,
)
from organisations.services import organisation_create
from tests import factories
from tests.classes.conftest import make_cohort
from tests.courses.test_leads_to import forum_for

pytestmark = pytest.mark.django_db


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def celebration(response):
    heading = BeautifulSoup(response.content, "html.parser").find(id="kursus-selesai")
    return " ".join(heading.find_parent("section").get_text(" ").split()) if heading else None


def answer(user, module, *, correct=True):
    attempt = quiz_attempt_open(user=user, module=module)
    answers = {
        str(question["id"]): [choice["id"] for choice in question["choices"] if choice["is_correct"] == correct][:1]
        for question in attempt.questions
    }
    return quiz_attempt_submit(user=user, token=attempt.token, answers=answers)


@pytest.fixture
def lestari(db):
    return organisation_create(
        name="Yayasan Lingkungan Lestari",
        slug="lestari",
        kind="ngo",
    )


@pytest.fixture
def course(site_tree, lestari):
    """Two modules, the last with a quiz; a coming forum it prepares for."""
    course = factories.course_page(site_tree["courses"], title="Musrenbang Kelurahan", organisation=lestari)
    factories.module_page(course, title="Apa itu Musrenbang")
    factories.module_with_quiz(
        course,
        title="Usulan Warga",
        questions=[
            factories.quiz_question(prompt="Siapa boleh mengusulkan?", choices=[("Warga", True), ("Tak ada", False)])
        ],
    )
    forum_for(site_tree["forums"], course, title="Forum Warga Gunung Bahagia Bulan Depan")
    return course


@pytest.fixture
def modules(course):
    return list(ModulePage.objects.child_of(course).order_by("path"))


@pytest.fixture
def learner(client):
    user = factories.learner(full_name="Dewi Lestari")
    in_english(client).force_login(user)
    return user


def test_the_result_of_the_quiz_that_completes_the_course_celebrates_with_certificate_and_next_forum(
    client, course, modules, learner
):
    enrolment_create(user=learner, course=course)
    module_mark_read(user=learner, module=modules[0])
    module_mark_read(user=learner, module=modules[1])
    attempt = answer(learner, modules[1])
    assert Enrolment.objects.get(user=learner).completed_at is not None

    response = client.get(f"{modules[1].url}kuis/{attempt.token}/")

    text = celebration(response)
    assert text.startswith("Congratulations, course complete!")
    assert "Certificate being made" in text  # its state, from certificates' part
    assert "Forum Warga Gunung Bahagia Bulan Depan" in text
    assert "What next" in text


def test_a_quiz_passed_before_the_course_is_complete_is_not_celebrated(client, course, modules, learner):
    enrolment_create(user=learner, course=course)
    module_mark_read(user=learner, module=modules[1])
    attempt = answer(learner, modules[1])  # the first module is still unread

    response = client.get(f"{modules[1].url}kuis/{attempt.token}/")

    assert response.status_code == 200
    assert celebration(response) is None


def test_a_failed_attempt_is_not_celebrated(client, course, modules, learner):
    enrolment_create(user=learner, course=course)
    module_mark_read(user=learner, module=modules[0])
    module_mark_read(user=learner, module=modules[1])
    failed = answer(learner, modules[1], correct=False)

    assert celebration(client.get(f"{modules[1].url}kuis/{failed.token}/")) is None


def test_the_course_page_after_completion_celebrates_with_the_download_and_what_next(client, course, modules, learner):
    enrolment = Enrolment.objects.create(
        user=learner, course=course, status=Enrolment.Status.COMPLETED, completed_at=timezone.now()
    )
    certificate = certificate_services.certificate_issue(enrolment_id=enrolment.pk)

    response = client.get(course.url)

    text = celebration(response)
    assert text.startswith("Congratulations, course complete!")
    assert "Download certificate (PDF)" in text and certificate.display_code in text
    assert "Forum Warga Gunung Bahagia Bulan Depan" in text
    # What it prepares for is listed once: in the celebration, not again below.
    assert BeautifulSoup(response.content, "html.parser").find(id="menyiapkan") is None


def test_the_course_page_in_progress_has_no_celebration_and_lists_what_it_prepares_for(
    client, course, modules, learner
):
    enrolment_create(user=learner, course=course)

    response = client.get(course.url)

    assert celebration(response) is None
    assert BeautifulSoup(response.content, "html.parser").find(id="menyiapkan") is not None


def test_a_visitor_sees_no_celebration(client, course):
    assert celebration(client.get(course.url)) is None


# --- A revoked certificate: whom to ask -----------------------------------------------------------


def revoked_certificate(enrolment):
    return Certificate.objects.create(enrolment=enrolment, revoked_at=timezone.now(), revocation_reason="Data keliru.")


def completed(course, user, cohort=None):
    return factories.enrolment(user=user, course=course, cohort=cohort, completed_at=timezone.now())


def test_a_revoked_certificate_names_the_contact_of_the_organisation_that_ran_the_class(
    client, course, learner, lestari
):
    cerdas = organisation_create(name="Perkumpulan Warga Cerdas", slug="cerdas", kind="ngo")
    cerdas.contact_email, cerdas.contact_phone = "kelas@wargacerdas.id", "0542 123 456"
    cerdas.save()
    lestari.contact_email = "info@lestari.id"
    lestari.save()
    cohort = make_cohort(course=course, organisation=cerdas)
    revoked_certificate(completed(course, learner, cohort))

    notice = " ".join(
        BeautifulSoup(client.get("/saya/").content, "html.parser").select_one(".certificate").get_text(" ").split()
    )

    assert "was revoked on" in notice
    assert "Contact: Perkumpulan Warga Cerdas" in notice
    assert "kelas@wargacerdas.id" in notice and "0542 123 456" in notice
    assert "info@lestari.id" not in notice


def test_without_a_class_the_course_owners_contact_is_given(client, course, learner, lestari):
    lestari.contact_phone = "0812 3456 7890"
    lestari.save()
    revoked_certificate(completed(course, learner))

    page = client.get("/saya/").text

    assert "Contact: Yayasan Lingkungan Lestari" in page and "0812 3456 7890" in page


def test_a_class_organisation_without_contact_details_falls_back_to_the_course_owner(client, course, learner, lestari):
    cerdas = organisation_create(name="Perkumpulan Warga Cerdas", slug="cerdas", kind="ngo")
    lestari.contact_email = "info@lestari.id"
    lestari.save()
    revoked_certificate(completed(course, learner, make_cohort(course=course, organisation=cerdas)))

    page = client.get("/saya/").text

    assert "Contact: Yayasan Lingkungan Lestari" in page and "info@lestari.id" in page


def test_the_verification_page_of_a_revoked_certificate_gives_the_contact_and_nothing_of_the_reason(
    client, course, learner, lestari
):
    lestari.contact_email = "info@lestari.id"
    lestari.save()
    certificate = revoked_certificate(completed(course, learner))
    client.logout()

    page = in_english(client).get(f"/sertifikat/verifikasi/{certificate.code}/").text

    assert "Contact: Yayasan Lingkungan Lestari" in page and "info@lestari.id" in page
    assert "Data keliru" not in page


def test_a_valid_certificates_verification_page_gives_no_contact(client, course, learner, lestari):
    lestari.contact_email = "info@lestari.id"
    lestari.save()
    certificate = Certificate.objects.create(enrolment=completed(course, learner))
    client.logout()

    assert "info@lestari.id" not in client.get(f"/sertifikat/verifikasi/{certificate.code}/").text


def test_the_dashboard_with_revoked_certificates_takes_the_same_queries_for_more_of_them(
    client, site_tree, course, learner, lestari
):
    revoked_certificate(completed(course, learner))
    client.get("/saya/")
    with CaptureQueriesContext(connection) as one:
        client.get("/saya/")
    for title in ("Kursus Dua", "Kursus Tiga"):
        other = factories.course_page(site_tree["courses"], title=title, organisation=lestari)
        revoked_certificate(completed(other, learner))
    client.get("/saya/")
    with CaptureQueriesContext(connection) as three:
        client.get("/saya/")

    assert len(three) == len(one)


# --- Only the submission that completed the course celebrates (review C4) -------------------------


def test_an_earlier_passed_attempts_result_does_not_celebrate_only_the_completing_one_does(
    client, site_tree, lestari, learner
):
    course = factories.course_page(site_tree["courses"], title="Anggaran Kelurahan", organisation=lestari)
    for title in ("Membaca APBDes", "Mengawasi Belanja"):
        factories.module_with_quiz(
            course,
            title=title,
            questions=[factories.quiz_question(prompt=f"{title}?", choices=[("Ya", True), ("Tidak", False)])],
        )
    first, second = ModulePage.objects.child_of(course).order_by("path")
    enrolment_create(user=learner, course=course)
    module_mark_read(user=learner, module=first)
    module_mark_read(user=learner, module=second)
    earlier = answer(learner, first)
    completing = answer(learner, second)
    assert Enrolment.objects.get(user=learner, course=course).completed_at is not None

    # Reopened after the course completed, a moment later: the first module's pass did not complete it.
    assert celebration(client.get(f"{first.url}kuis/{earlier.token}/")) is None
    assert celebration(client.get(f"{second.url}kuis/{completing.token}/")).startswith(
        "Congratulations, course complete!"
    )


def test_a_pass_whose_course_was_completed_later_does_not_celebrate(client, course, modules, learner):
    enrolment_create(user=learner, course=course)
    module_mark_read(user=learner, module=modules[1])
    attempt = answer(learner, modules[1])  # passed yesterday; the first module still unread
    QuizAttempt.objects.filter(pk=attempt.pk).update(submitted_at=attempt.submitted_at - datetime.timedelta(days=1))
    module_mark_read(user=learner, module=modules[0])  # today: this completes the course
    assert Enrolment.objects.get(user=learner).completed_at is not None

    assert celebration(client.get(f"{modules[1].url}kuis/{attempt.token}/")) is None


def test_a_pass_whose_course_a_facilitator_then_recorded_done_on_paper_does_not_celebrate(
    client, course, modules, learner
):
    enrolment = enrolment_create(user=learner, course=course)
    module_mark_read(user=learner, module=modules[1])
    attempt = answer(learner, modules[1])  # the first module still unread: not complete online
    facilitator = factories.resident(username="fasilitator")
    enrolment_complete(enrolment=enrolment, by=facilitator, note="Ujian kertas 85")  # moments later

    assert celebration(client.get(f"{modules[1].url}kuis/{attempt.token}/")) is None
    assert celebration(client.get(course.url)).startswith("Congratulations, course complete!")
