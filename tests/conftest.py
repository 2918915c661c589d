import threading
import time

import django_ratelimit.core
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import connection, connections
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Collection, Locale, Page

from tests import factories


@pytest.fixture(autouse=True)
def empty_caches():
    """Every test starts with empty caches: the next test's pages reuse the same ids and addresses."""
    for cache in caches.all():
        cache.clear()


class RateLimitClock:
    """django-ratelimit's clock, held still: its windows are lined up with the clock, so a test whose
    requests straddled a window's end would see its count split in two. ``advance`` moves it on."""

    def __init__(self):
        self.now = time.time()

    def time(self):
        return self.now

    def advance(self, delta):
        self.now += delta.total_seconds()


@pytest.fixture(autouse=True)
def rate_limit_clock(monkeypatch):
    clock = RateLimitClock()
    monkeypatch.setattr(django_ratelimit.core, "time", clock)
    return clock


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


@pytest.fixture
def migrate_to(migration_executor):
    """A function that migrates the database to `targets` (forwards or back) and returns the historical
    apps of that state, for rows made and read as they were then. A target `(app, None)` unapplies the
    app, which has no state to return. The database is migrated to the latest again afterwards."""

    def migrate(targets):
        migration_executor.loader.build_graph()  # what the previous migrate applied or unapplied
        migration_executor.migrate(targets)
        migration_executor.loader.build_graph()
        return migration_executor.loader.project_state([key for key in targets if key[1] is not None]).apps

    return migrate


def _run_together(*calls):
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - the test inspects it
            results[index] = error
        finally:
            connections.close_all()  # this thread's own connections

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.fixture
def run_together(transactional_db):
    """A function that starts the calls in threads at the same moment and returns what each returned or
    raised: two tabs or a double click at once. Each thread has its own database connection, so the
    race is real on PostgreSQL (mark such tests to skip on SQLite)."""
    return _run_together
