"""Authors cannot put a page in the wrong place: each type has its parents and children."""

import pytest
from wagtail.models import Page

from cms_pages.models import HomePage, StandardPage
from courses.models import CourseIndexPage, CoursePage, ModulePage
from participation.models import BudgetingCallIndexPage, BudgetingCallPage, ForumIndexPage, ForumPage

pytestmark = pytest.mark.django_db

ALLOWED_CHILDREN = {
    HomePage: {CourseIndexPage, ForumIndexPage, BudgetingCallIndexPage, StandardPage},
    CourseIndexPage: {CoursePage},
    CoursePage: {ModulePage},
    ModulePage: set(),
    ForumIndexPage: {ForumPage},
    ForumPage: set(),
    BudgetingCallIndexPage: {BudgetingCallPage},
    BudgetingCallPage: set(),
    StandardPage: {StandardPage},
}


@pytest.mark.parametrize("parent", ALLOWED_CHILDREN, ids=lambda model: model.__name__)
def test_each_page_type_accepts_only_its_own_children(parent):
    allowed = set(parent.allowed_subpage_models())
    our_page_types = set(ALLOWED_CHILDREN)
    assert allowed & our_page_types == ALLOWED_CHILDREN[parent]


def test_a_module_cannot_be_created_directly_under_the_course_index():
    assert not ModulePage.can_create_at(CourseIndexPage())


def test_a_course_cannot_be_created_under_a_forum_index():
    assert not CoursePage.can_create_at(ForumIndexPage())


def test_index_pages_exist_once(site_tree):
    home = site_tree["home"]
    for index in (CourseIndexPage, ForumIndexPage, BudgetingCallIndexPage):
        assert not index.can_create_at(home), f"a second {index.__name__} was allowed"


def test_home_page_sits_only_at_the_root():
    assert HomePage.allowed_parent_page_models() == [Page]


def test_admin_refuses_to_add_a_module_under_a_forum_index(client, site_tree, admin_user):
    """The editor's "add child page" screen itself refuses the wrong type, not only the menu."""
    client.force_login(admin_user)
    forums = site_tree["forums"]
    response = client.get(f"/admin/pages/add/courses/modulepage/{forums.pk}/", follow=True)
    assert response.redirect_chain, "the add form was shown"
    assert not ModulePage.objects.exists()
    response = client.post(f"/admin/pages/add/courses/modulepage/{forums.pk}/", {"title": "Salah tempat"})
    assert not ModulePage.objects.exists()


def test_admin_offers_course_index_children_only_courses(client, site_tree, admin_user):
    client.force_login(admin_user)
    response = client.get(f"/admin/pages/{site_tree['courses'].pk}/add_subpage/", follow=True)
    assert response.status_code == 200
    # With one allowed type Wagtail goes straight to that type's form.
    assert response.redirect_chain[-1][0].endswith(f"/admin/pages/add/courses/coursepage/{site_tree['courses'].pk}/")
