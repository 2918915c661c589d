"""Every page type renders for an anonymous visitor, in Bahasa Indonesia, with its heading."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db


def heading_of(response):
    return BeautifulSoup(response.content, "html.parser").h1.get_text(strip=True)


def test_home_page_lists_courses_and_coming_forums(client, site_tree):
    course = factories.course_page(site_tree["courses"], title="Hak Atas Informasi Publik")
    factories.forum_page(site_tree["forums"], title="Forum Warga Desember")
    response = client.get("/")
    assert response.status_code == 200
    assert heading_of(response) == "Belajar jadi warga aktif"
    assert course.title in response.text
    assert "Forum Warga Desember" in response.text


def test_course_index_is_at_kursus_and_lists_published_courses(client, site_tree):
    factories.course_page(site_tree["courses"], title="Pengelolaan Sampah", topic="lingkungan")
    draft = factories.course_page(site_tree["courses"], title="Kursus Draf")
    draft.unpublish()
    response = client.get("/kursus/")
    assert response.status_code == 200
    assert heading_of(response) == "Kursus"
    assert "Pengelolaan Sampah" in response.text
    assert "Kursus Draf" not in response.text


def test_course_index_filters_by_topic(client, site_tree):
    factories.course_page(site_tree["courses"], title="Pengelolaan Sampah", topic="lingkungan")
    factories.course_page(site_tree["courses"], title="Dana Kelurahan", topic="anggaran")
    response = client.get("/kursus/?topik=lingkungan")
    assert "Pengelolaan Sampah" in response.text
    assert "Dana Kelurahan" not in response.text


@pytest.mark.parametrize("query", ["topik=tidak-ada", "topik=", "topik=anggaran&topik=lingkungan"])
def test_course_index_sends_an_unknown_topic_to_the_whole_list(client, site_tree, query):
    factories.course_page(site_tree["courses"], title="Dana Kelurahan", topic="anggaran")
    response = client.get(f"/kursus/?{query}", follow=True)
    assert response.redirect_chain == [("/kursus/", 302)]
    assert "Dana Kelurahan" in response.text


def test_course_index_query_count_does_not_grow_with_courses(client, site_tree, django_assert_max_num_queries):
    organisation = factories.OrganisationFactory()
    for number in range(2):
        factories.course_page(site_tree["courses"], title=f"Kursus {number}", organisation=organisation)
    client.get("/kursus/")  # warm the site and routing caches
    with django_assert_max_num_queries(12) as few:
        client.get("/kursus/")
    query_count = len(few.captured_queries)  # read now: the next request resets the query log
    for number in range(2, 8):
        factories.course_page(
            site_tree["courses"], title=f"Kursus {number}", organisation=factories.OrganisationFactory()
        )
    client.get("/kursus/")  # publishing emptied the caches: warm them again
    with django_assert_max_num_queries(query_count):
        response = client.get("/kursus/")
    assert response.text.count('class="card"') == 8


def test_course_page_lists_its_modules_in_order(client, site_tree):
    course = factories.course_page(site_tree["courses"], title="Hak dan Kewajiban Warga")
    factories.module_page(course, title="UUD 1945")
    factories.module_page(course, title="Keterbukaan Informasi")
    response = client.get("/kursus/hak-dan-kewajiban-warga/")
    assert response.status_code == 200
    assert heading_of(response) == "Hak dan Kewajiban Warga"
    assert response.text.index("UUD 1945") < response.text.index("Keterbukaan Informasi")
    assert "3 jam" in response.text  # plural forms come from the Indonesian catalogue


def test_module_page_shows_its_place_in_the_course_and_hides_the_answers(client, site_tree):
    course = factories.course_page(site_tree["courses"], title="Hak dan Kewajiban Warga")
    factories.module_page(course, title="UUD 1945")
    second = factories.module_page(course, title="Keterbukaan Informasi", questions=2)
    factories.module_page(course, title="Pelayanan Publik")
    response = client.get(second.url)
    assert response.status_code == 200
    assert heading_of(response) == "Keterbukaan Informasi"
    assert "Modul 2 dari 3" in response.text
    assert 'rel="prev"' in response.text and 'rel="next"' in response.text
    assert "Jawaban benar" not in response.text


def test_forum_index_splits_coming_and_past_meetings(client, site_tree):
    factories.forum_page(
        site_tree["forums"], title="Forum Bulan Lalu", starts_at=timezone.now() - datetime.timedelta(days=30)
    )
    factories.forum_page(site_tree["forums"], title="Forum Bulan Depan")
    response = client.get("/forum/")
    assert response.status_code == 200
    assert heading_of(response) == "Forum Warga"
    assert response.text.index("Forum Bulan Depan") < response.text.index("Forum Bulan Lalu")


def test_forum_page_shows_kelurahan_date_in_indonesian_and_related_courses(client, site_tree):
    course = factories.course_page(site_tree["courses"], title="Hak dan Kewajiban Warga")
    starts_at = timezone.make_aware(datetime.datetime(2026, 12, 14, 19, 30))
    forum = factories.forum_page(site_tree["forums"], title="Forum Warga Desember", starts_at=starts_at)
    forum.related_courses.add(course)
    forum.save_revision().publish()
    response = client.get(forum.url)
    assert response.status_code == 200
    assert heading_of(response) == "Forum Warga Desember"
    assert "Gunung Bahagia" in response.text
    assert "14 Desember 2026, 19.30" in response.text
    assert "Hak dan Kewajiban Warga" in response.text


def test_budgeting_call_page_formats_money_and_dates_the_indonesian_way(client, site_tree):
    call = factories.budgeting_call_page(
        site_tree["budgeting"],
        ceiling_rupiah=150_000_000,
        proposals_open=datetime.date(2027, 1, 4),
        proposals_close=datetime.date(2027, 2, 28),
    )
    response = client.get(call.url)
    assert response.status_code == 200
    assert heading_of(response) == call.title
    assert "Rp 150.000.000" in response.text
    assert "4 Januari 2027" in response.text and "28 Februari 2027" in response.text


def test_budgeting_call_index_lists_calls(client, site_tree):
    factories.budgeting_call_page(site_tree["budgeting"], title="Usulan Warga 2027")
    response = client.get("/penganggaran/")
    assert response.status_code == 200
    assert heading_of(response) == "Penganggaran Partisipatif"
    assert "Usulan Warga 2027" in response.text


def test_standard_page_renders(client, site_tree):
    page = factories.standard_page(site_tree["home"], title="Tentang Sekolah Warga")
    response = client.get(page.url)
    assert response.status_code == 200
    assert heading_of(response) == "Tentang Sekolah Warga"


def test_the_site_speaks_indonesian_even_to_an_english_browser(client, site_tree):
    response = client.get("/kursus/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="id">' in response.text
    assert "Semua topik" in response.text


def test_a_visitor_can_switch_to_english_and_back(client, site_tree):
    response = client.get("/bahasa/en/?next=/kursus/", follow=True)
    assert response.redirect_chain == [("/kursus/", 302)]
    assert '<html lang="en">' in response.text
    assert "All topics" in response.text
    response = client.get("/bahasa/id/?next=/kursus/", follow=True)
    assert "Semua topik" in response.text


def test_language_switch_never_redirects_off_site(client, site_tree):
    response = client.get("/bahasa/en/?next=https://jahat.example/")
    assert response["Location"] == "/"


def test_anonymous_public_pages_set_no_cookies(client, site_tree):
    course = factories.course_page(site_tree["courses"])
    factories.module_page(course, title="Modul Satu")
    for url in ("/", "/kursus/", course.url, course.url + "modul-satu/", "/forum/", "/penganggaran/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, f"{url} set {list(response.cookies)}: it could not be cached"
