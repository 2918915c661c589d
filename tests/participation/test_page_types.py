"""The forum and budgeting indexes sit under the home page without naming it (cms_pages is a higher app)."""

import pytest
from wagtail.models import Page

from participation.models import BudgetingCallIndexPage, ForumIndexPage

pytestmark = pytest.mark.django_db

SECTION_INDEXES = [ForumIndexPage, BudgetingCallIndexPage]


@pytest.mark.parametrize("index", SECTION_INDEXES, ids=lambda model: model.__name__)
def test_a_section_index_cannot_be_added_at_wagtails_tree_root(home_page, index):
    root = Page.get_first_root_node()

    assert index in home_page.specific_class.allowed_subpage_models()
    assert index.can_create_at(home_page)
    assert not index.can_create_at(root)


@pytest.mark.parametrize("key", ["forums", "budgeting"])
def test_a_section_index_cannot_be_moved_to_wagtails_tree_root(site_tree, key):
    assert not site_tree[key].can_move_to(Page.get_first_root_node())
