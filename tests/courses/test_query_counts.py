"""The pages that list modules or courses read them in a fixed number of queries."""

import pytest

from courses.models import ModulePage
from courses.services import enrolment_create, module_mark_read
from tests import factories

pytestmark = pytest.mark.django_db


def add_modules(course, count, start=0):
    for number in range(start, start + count):
        factories.module_with_quiz(
            course,
            title=f"Modul {number}",
            questions=[factories.quiz_question(prompt=f"Soal {number}?", choices=[("Ya", True), ("Tidak", False)])],
        )


def queries_for(client, url, django_assert_max_num_queries):
    client.get(url)  # warm the site and routing caches
    with django_assert_max_num_queries(100) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_course_page_queries_do_not_grow_with_modules(client, site_tree, django_assert_max_num_queries):
    resident = factories.resident()
    client.force_login(resident)
    course = factories.course_page(site_tree["courses"])
    add_modules(course, 2)
    enrolment_create(user=resident, course=course)
    module_mark_read(user=resident, module=ModulePage.objects.child_of(course).first())
    few = queries_for(client, course.url, django_assert_max_num_queries)
    add_modules(course, 6, start=2)
    many = queries_for(client, course.url, django_assert_max_num_queries)
    assert many == few


def test_dashboard_queries_do_not_grow_with_courses_or_modules(client, site_tree, django_assert_max_num_queries):
    resident = factories.resident()
    client.force_login(resident)
    first = factories.course_page(site_tree["courses"], title="Kursus Pertama")
    add_modules(first, 2)
    enrolment_create(user=resident, course=first)
    few = queries_for(client, "/saya/", django_assert_max_num_queries)
    for number in range(3):
        course = factories.course_page(site_tree["courses"], title=f"Kursus Tambahan {number}")
        add_modules(course, 4)
        enrolment_create(user=resident, course=course)
        module_mark_read(user=resident, module=ModulePage.objects.child_of(course).first())
    many = queries_for(client, "/saya/", django_assert_max_num_queries)
    assert many == few


def test_dashboard_lists_progress_next_module_and_what_is_missing(client, site_tree):
    resident = factories.resident()
    client.force_login(resident)
    course = factories.course_page(site_tree["courses"], title="Pengelolaan Sampah")
    add_modules(course, 2)
    enrolment_create(user=resident, course=course)
    first, second = ModulePage.objects.child_of(course).order_by("path")
    module_mark_read(user=resident, module=first)
    response = client.get("/saya/")
    assert "Pengelolaan Sampah" in response.text
    assert "0 dari 2 modul selesai (0%)" in response.text
    assert f'href="{first.url}"' in response.text  # the next module: its quiz is not passed yet
    assert "Modul 0: kuis belum lulus" in response.text
    assert "Modul 1: belum ditandai selesai dibaca, kuis belum lulus" in response.text


def test_dashboard_needs_a_logged_in_resident(client, site_tree):
    response = client.get("/saya/")
    assert response.status_code == 302
    assert "next=/saya/" in response["Location"]


def test_module_page_reads_only_the_residents_own_state(client, site_tree, django_assert_num_queries):
    """Routing, the lesson, the course outline and the menu come from the cache: what is left is
    the resident (1 query), their progress in the course (1) and their attempts at this quiz (1)."""
    resident = factories.resident()
    client.force_login(resident)
    course = factories.course_page(site_tree["courses"])
    add_modules(course, 3)
    enrolment_create(user=resident, course=course)
    module = ModulePage.objects.child_of(course).order_by("path")[1]
    module_mark_read(user=resident, module=module)
    client.get(module.url)  # warm the caches, and the session
    with django_assert_num_queries(3):
        response = client.get(module.url)
    assert "Modul 2 dari 3" in response.text
    assert "0 dari 3 modul selesai (0%)" in response.text


def test_module_page_queries_do_not_grow_with_modules(client, site_tree, django_assert_max_num_queries):
    resident = factories.resident()
    client.force_login(resident)
    course = factories.course_page(site_tree["courses"])
    add_modules(course, 2)
    enrolment_create(user=resident, course=course)
    module = ModulePage.objects.child_of(course).first()
    module_mark_read(user=resident, module=module)
    few = queries_for(client, module.url, django_assert_max_num_queries)
    add_modules(course, 6, start=2)
    assert queries_for(client, module.url, django_assert_max_num_queries) == few
