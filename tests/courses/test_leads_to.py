"""A course page lists what the course prepares for: the coming forums and the open budgeting calls
(courses.hooks, filled by participation), never a past forum, a closed call, a draft or a private page."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import PageViewRestriction

from courses import hooks
from participation.models import ForumPage
from tests import factories

pytestmark = pytest.mark.django_db


def forum_for(index, course, *, title, starts_in_days=7, live=True):
    """A forum whose related courses include `course`, published unless `live` is False."""
    page = ForumPage(
        title=title,
        kelurahan=factories.region_chain(),
        starts_at=timezone.now() + datetime.timedelta(days=starts_in_days),
        ends_at=timezone.now() + datetime.timedelta(days=starts_in_days, hours=2),
        venue="Aula Kantor Kelurahan Gunung Bahagia",
        agenda="<p>Laporan kelurahan</p>",
        live=live,
    )
    page.related_courses = [course]
    index.add_child(instance=page)
    if live:
        page.save_revision().publish()
    return page


def call_for(index, course, *, title, opens_in_days=-1, closes_in_days=30, **fields):
    today = timezone.localdate()
    return factories.budgeting_call_page(
        index,
        title=title,
        prerequisite_course=course,
        proposals_open=today + datetime.timedelta(days=opens_in_days),
        proposals_close=today + datetime.timedelta(days=closes_in_days),
        **fields,
    )


def leads_section(response):
    heading = BeautifulSoup(response.content, "html.parser").find(id="menyiapkan")
    return heading.find_parent("section") if heading else None


@pytest.fixture
def course(site_tree):
    return factories.course_page(site_tree["courses"], title="Musrenbang Kelurahan")


def test_course_page_lists_the_coming_forums_and_open_calls_it_prepares_for(client, site_tree, course):
    forums, calls = site_tree["forums"], site_tree["budgeting"]
    coming = forum_for(forums, course, title="Forum Warga Bulan Depan")
    forum_for(forums, course, title="Forum Bulan Lalu", starts_in_days=-30)
    forum_for(forums, course, title="Forum Masih Draf", live=False)
    private = forum_for(forums, course, title="Forum Tertutup")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    factories.forum_page(forums, title="Forum Tanpa Kursus")
    open_call = call_for(calls, course, title="Usulan Dibuka Sekarang")
    soon = call_for(calls, course, title="Usulan Dibuka Minggu Depan", opens_in_days=7, closes_in_days=40)
    call_for(calls, course, title="Usulan Sudah Ditutup", opens_in_days=-60, closes_in_days=-1)
    other_course = factories.course_page(site_tree["courses"], title="Pengelolaan Sampah", topic="lingkungan")
    call_for(calls, other_course, title="Usulan Kursus Lain")

    section = leads_section(client.get(course.url))

    assert section is not None
    links = {link.get_text(strip=True): link["href"] for link in section.find_all("a")}
    assert links == {
        "Forum Warga Bulan Depan": coming.url,
        "Usulan Dibuka Sekarang": open_call.url,
        "Usulan Dibuka Minggu Depan": soon.url,
    }
    text = section.get_text(" ", strip=True)
    assert "Gunung Bahagia" in text  # where the forum meets
    assert "Balikpapan Selatan" in text  # the call's area
    closes = open_call.proposals_close
    assert f"{closes.day} " in text and str(closes.year) in text


def test_course_page_without_coming_forums_or_open_calls_shows_no_such_section(client, site_tree, course):
    forum_for(site_tree["forums"], course, title="Forum Bulan Lalu", starts_in_days=-30)
    call_for(site_tree["budgeting"], course, title="Usulan Sudah Ditutup", opens_in_days=-60, closes_in_days=-1)

    response = client.get(course.url)

    assert response.status_code == 200
    assert leads_section(response) is None
    assert "Forum Bulan Lalu" not in response.text


def test_course_page_queries_do_not_grow_with_what_it_prepares_for(
    client, site_tree, course, django_assert_max_num_queries
):
    # Signed in: an anonymous visitor's second request would come from the page cache.
    client.force_login(factories.resident())
    forum_for(site_tree["forums"], course, title="Forum 0")
    call_for(site_tree["budgeting"], course, title="Usulan 0")
    client.get(course.url)  # warm the site and routing caches
    with django_assert_max_num_queries(100) as few:
        client.get(course.url)
    for number in range(1, 4):
        forum_for(site_tree["forums"], course, title=f"Forum {number}", starts_in_days=7 + number)
        call_for(site_tree["budgeting"], course, title=f"Usulan {number}", closes_in_days=30 + number)
    client.get(course.url)
    with django_assert_max_num_queries(100) as many:
        response = client.get(course.url)

    assert len(leads_section(response).find_all("a")) == 8
    assert len(many.captured_queries) == len(few.captured_queries)


def test_each_finder_is_registered_once_and_asked_in_order(monkeypatch, site_tree, course):
    monkeypatch.setattr(hooks, "_course_leads_to_finders", [])
    first = hooks.Lead(kind="A", title="Pertama", url="/a/", when="besok")
    second = hooks.Lead(kind="B", title="Kedua", url="/b/", when="lusa")

    def finder_a(course, *, now):
        return [first]

    def finder_b(course, *, now):
        return [second]

    hooks.register_course_leads_to(finder_a)
    hooks.register_course_leads_to(finder_b)
    hooks.register_course_leads_to(finder_a)

    assert hooks.course_leads_to(course, now=timezone.now()) == [first, second]
