import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Collection, Locale, Page

from tests import factories


@pytest.fixture(autouse=True)
def empty_caches():
    """Every test starts with empty caches: the next test's pages reuse the same ids and addresses."""
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def home_page(db):
    return factories.home_page()


@pytest.fixture
def site_tree(home_page):
    """The skeleton of the public site: home with its course, forum and budgeting indexes."""
    return factories.site_tree(home_page)


@pytest.fixture
def wagtail_root(transactional_db):
    """The rows Wagtail's migrations create: the default locale and the root page.

    Transactional tests (browser tests need a live server; race tests need real concurrent
    transactions) end with Django emptying the tables, migration data included, and
    pytest-django's serialized_rollback does not restore it reliably (pytest-django issues
    #329 and #1117). Put them back.
    """
    locale, _ = Locale.objects.get_or_create(language_code="id")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@pytest.fixture
def migration_executor(wagtail_root):
    """Django's MigrationExecutor, for the tests that migrate back to before a model moved between apps
    and forward again (docs/architecture.md). Every other test expects a fully migrated database: the
    latest migrations are applied again afterwards."""
    executor = MigrationExecutor(connection)
    yield executor
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()
