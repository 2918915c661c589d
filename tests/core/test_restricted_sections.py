"""The view restrictions read once per publish (core.page_cache.public, restricted_sections), not on each
``.public()`` of a render: private pages stay out of every list and are never served to a visitor who may
not see them, as soon as a restriction is added, and the list is read from the cache until one changes."""

import pytest
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from cms_pages.templatetags.navigation_tags import main_menu
from core.page_cache import public, restricted_sections
from courses.models import ModulePage
from courses.selectors import course_modules
from participation.selectors import budgeting_calls_prepared_by, forums_prepared_by
from tests import factories
from tests.courses.test_leads_to import call_for, forum_for

pytestmark = pytest.mark.django_db


def titles(pages):
    return [page.title for page in pages]


@pytest.fixture
def course(site_tree):
    course = factories.course_page(site_tree["courses"])
    factories.module_page(course, title="Modul Terbuka")
    factories.module_page(course, title="Modul Tertutup")
    return course


def test_a_module_made_private_leaves_the_course_list_at_once_and_comes_back_when_opened(course):
    assert titles(course_modules(course=course)) == ["Modul Terbuka", "Modul Tertutup"]  # the empty list kept
    closed = ModulePage.objects.get(title="Modul Tertutup")

    restriction = PageViewRestriction.objects.create(page=closed, restriction_type=PageViewRestriction.LOGIN)
    assert titles(course_modules(course=course)) == ["Modul Terbuka"]

    restriction.delete()
    assert titles(course_modules(course=course)) == ["Modul Terbuka", "Modul Tertutup"]


def test_a_module_moved_under_a_private_page_leaves_the_list(site_tree, course):
    private_course = factories.course_page(site_tree["courses"], title="Kursus Staf", topic="lingkungan")
    PageViewRestriction.objects.create(page=private_course, restriction_type=PageViewRestriction.LOGIN)
    assert titles(course_modules(course=course)) == ["Modul Terbuka", "Modul Tertutup"]

    ModulePage.objects.get(title="Modul Tertutup").move(private_course, pos="last-child")

    assert titles(course_modules(course=course)) == ["Modul Terbuka"]
    assert titles(course_modules(course=private_course)) == []


def test_public_is_wagtails_public_for_nested_and_sibling_sections(site_tree, course):
    other = factories.course_page(site_tree["courses"], title="Kursus Lain", topic="lingkungan")
    factories.module_page(other, title="Modul Lain")
    PageViewRestriction.objects.create(page=other, restriction_type=PageViewRestriction.LOGIN)
    closed = ModulePage.objects.get(title="Modul Tertutup")
    PageViewRestriction.objects.create(page=closed, restriction_type=PageViewRestriction.PASSWORD, password="x")

    assert set(public(Page.objects.all())) == set(Page.objects.public())
    assert "Modul Terbuka" in titles(public(Page.objects.all()))


def test_forums_and_calls_made_private_leave_the_course_page_at_once(site_tree, course):
    forum = forum_for(site_tree["forums"], course, title="Forum Warga Bulan Depan")
    call = call_for(site_tree["budgeting"], course, title="Usulan Dibuka Sekarang")
    assert titles(forums_prepared_by(course=course, now=timezone.now())) == [forum.title]

    PageViewRestriction.objects.create(page=forum, restriction_type=PageViewRestriction.LOGIN)
    PageViewRestriction.objects.create(page=call, restriction_type=PageViewRestriction.LOGIN)

    assert list(forums_prepared_by(course=course, now=timezone.now())) == []
    assert list(budgeting_calls_prepared_by(course=course, today=timezone.localdate())) == []


def test_a_menu_page_made_private_leaves_the_main_menu(rf, site_tree):
    page = factories.standard_page(site_tree["home"], title="Tentang Kami", show_in_menus=True)
    request = rf.get("/", HTTP_HOST="localhost")
    assert "Tentang Kami" in [item["title"] for item in main_menu({"request": request})["menu_items"]]

    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    assert "Tentang Kami" not in [item["title"] for item in main_menu({"request": request})["menu_items"]]


def test_the_first_restriction_ever_added_is_enforced_at_once(client, site_tree):
    """The empty list was kept (no page private); adding a restriction must not leave it in use."""
    page = factories.standard_page(site_tree["home"], title="Catatan Staf", intro="RAHASIA-RAPAT")
    assert client.get(page.url).status_code == 200
    assert restricted_sections() == []

    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(page.url)

    assert response.status_code == 302
    assert "RAHASIA-RAPAT" not in response.text


def test_the_restrictions_are_read_once_per_publish(course, django_assert_num_queries):
    PageViewRestriction.objects.create(
        page=ModulePage.objects.get(title="Modul Tertutup"), restriction_type=PageViewRestriction.LOGIN
    )
    with django_assert_num_queries(2):  # the restrictions, then the modules
        assert titles(course_modules(course=course)) == ["Modul Terbuka"]
    with django_assert_num_queries(1):  # the modules only
        assert titles(course_modules(course=course)) == ["Modul Terbuka"]


def test_without_any_restriction_a_page_is_served_without_asking_about_its_own(course, django_assert_num_queries):
    restricted_sections()  # read once, as the first page of a publish does

    with django_assert_num_queries(0):
        assert list(course.get_view_restrictions()) == []
