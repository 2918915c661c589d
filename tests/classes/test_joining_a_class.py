"""Residents join a class with its code: typed on the course page, or from its link or QR code."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from classes.selectors import cohort_of
from courses.models import Enrolment
from tests import factories
from tests.classes.conftest import make_cohort

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(world):
    return world["own"]


@pytest.fixture
def resident(world, client):
    client.force_login(world["users"]["resident"])
    return world["users"]["resident"]


def join_url(cohort):
    return reverse("class_join", args=[cohort.enrolment_code])


def test_the_code_typed_on_the_course_page_leads_to_the_class(client, cohort, resident):
    typed = f" {cohort.enrolment_code[:5].lower()}-{cohort.enrolment_code[5:]} "

    response = client.get(reverse("class_join_lookup"), {"kode": typed})

    assert response.status_code == 302
    assert response.url == join_url(cohort)


def test_the_course_page_offers_the_class_code_form_to_visitors(client, cohort):
    page = client.get(cohort.course.url).text

    assert 'action="/kelas/gabung/"' in page
    assert "Kode kelas dari fasilitator Anda" in page


def test_a_resident_joins_the_class_from_its_link(client, cohort, resident):
    page = client.get(join_url(cohort))
    assert cohort.name in page.text and "Gabung ke kelas ini" in page.text

    response = client.post(join_url(cohort))

    assert response.status_code == 302
    enrolment = Enrolment.objects.get(user=resident)
    assert (cohort_of(enrolment), enrolment.course_id, enrolment.source) == (cohort, cohort.course_id, "class-code")


def test_joining_twice_changes_nothing(client, cohort, resident):
    client.post(join_url(cohort))
    client.post(join_url(cohort))

    assert Enrolment.objects.filter(user=resident).count() == 1
    assert "Anda adalah peserta kelas ini." in client.get(join_url(cohort)).text


def test_a_resident_already_in_the_course_keeps_their_progress_and_joins(client, cohort, resident):
    enrolment = Enrolment.objects.create(user=resident, course=cohort.course)

    client.post(join_url(cohort))

    enrolment.refresh_from_db()
    assert cohort_of(enrolment) == cohort


def test_a_visitor_who_is_not_logged_in_is_asked_to_log_in_and_comes_back(client, cohort):
    response = client.get(join_url(cohort))

    assert response.status_code == 302
    assert response.url == "/akun/masuk/?next=" + join_url(cohort)


def test_an_unknown_code_says_so(client, resident):
    response = client.get(reverse("class_join", args=["AAAAAAAAAA"]))

    assert response.status_code == 404
    assert "Tidak ada kelas dengan kode ini." in response.text


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"enrolment_open": False}, "Kelas ini sudah ditutup"),
        ({"ends_on": timezone.localdate() - datetime.timedelta(days=1)}, "Kelas ini sudah ditutup"),
        ({"capacity": 1}, "Kelas ini sudah penuh."),
    ],
)
def test_a_closed_or_full_class_says_so_and_takes_nobody(client, world, cohort, resident, change, message):
    if change.get("ends_on"):
        change["starts_on"] = change["ends_on"] - datetime.timedelta(days=30)
    if change.get("capacity"):
        factories.enrolment(user=factories.learner(full_name="Sudah Ada"), course=cohort.course, cohort=cohort)
    for field, value in change.items():
        setattr(cohort, field, value)
    cohort.save()

    page = client.get(join_url(cohort)).text
    response = client.post(join_url(cohort), follow=True)

    assert message in page
    assert message in response.text
    assert not Enrolment.objects.filter(user=resident).exists()


def test_a_learner_of_another_class_of_the_course_is_told_so(client, world, cohort, resident):
    other = make_cohort(course=cohort.course, organisation=world["cerdas"], name="Kelas Lain")
    factories.enrolment(user=resident, course=cohort.course, cohort=other)

    response = client.post(join_url(cohort), follow=True)

    assert "Anda sudah menjadi peserta kelas lain untuk kursus ini: Kelas Lain." in response.text
    assert cohort_of(Enrolment.objects.get(user=resident)) == other


def test_the_dashboard_names_the_residents_class(client, cohort, resident):
    client.post(join_url(cohort))

    assert f"Kelas: {cohort.name}" in client.get("/saya/").text
