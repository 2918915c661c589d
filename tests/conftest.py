import pytest

from tests import factories


@pytest.fixture
def home_page(db):
    return factories.home_page()


@pytest.fixture
def site_tree(home_page):
    """The skeleton of the public site: home with its course, forum and budgeting indexes."""
    return factories.site_tree(home_page)
