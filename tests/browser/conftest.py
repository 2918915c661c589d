"""Real pages in a real browser: Debian's Chromium driven by Playwright.

The browser is the system's (`/usr/bin/chromium`, from Debian's package); nothing is
downloaded. Where it is missing the tests skip with the reason; CI installs it.
"""

import os
import shutil
import threading
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
PHONE = {"width": 360, "height": 740}  # a cheap Android phone


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's chromium package to run browser tests")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls made by
    # the test itself (building data) are still synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    """A browser tab the size of a small phone, speaking English like many residents' phones do."""
    context = browser.new_context(viewport=PHONE, locale="en-US")
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_without_javascript(browser):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.fixture
def demo_site(wagtail_root):
    """The demo content, as a newcomer's `make run` shows it."""
    call_command("seed_demo")


@pytest.fixture
def session_cookie(live_server):
    """A function giving the session cookie of a user (a User or a username) logged in on the live server,
    for a browser context's ``add_cookies``: the tests start logged in without typing a password."""

    def cookie_of(user):
        if isinstance(user, str):
            user = get_user_model().objects.get(username=user)
        client = Client()
        client.force_login(user)
        host = urlsplit(live_server.url).hostname
        return {"name": "sessionid", "value": client.cookies["sessionid"].value, "domain": host, "path": "/"}

    return cookie_of


@pytest.fixture
def log_in(session_cookie):
    """A function that logs a browser tab in as a user (a User or a username): ``log_in(page, "warga1")``."""

    def log_in_tab(page, user):
        page.context.add_cookies([session_cookie(user)])
        return page

    return log_in_tab


@pytest.fixture
def new_tab(browser, session_cookie):
    """A function that opens a browser tab, logged in when given a user (a User or a username):
    ``new_tab("warga2", javascript=False)``. Its context is closed after the test with every other."""

    def open_tab(user=None, *, viewport=PHONE, javascript=True):
        context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
        if user is not None:
            context.add_cookies([session_cookie(user)])
        return context.new_page()

    return open_tab


class ConnectionsInFlight:
    """Counts the connections the live server has accepted and not finished with.

    Counted from the moment a connection is accepted until its thread has answered it and closed
    its database connections, whatever happens in between (socketserver ends every request thread
    in a finally). A tab's keep-alive connection counts until the tab is closed.
    """

    def __init__(self, server):
        self.count = 0
        self.changed = threading.Condition()
        # socketserver's own hooks, wrapped on this one server: process_request runs in the accepting
        # thread and starts the request's thread, which runs process_request_thread.
        process_request, process_request_thread = server.process_request, server.process_request_thread

        def counted_process_request(request, client_address):
            self._add(1)
            try:
                process_request(request, client_address)
            except BaseException:
                self._add(-1)
                raise

        def counted_process_request_thread(request, client_address):
            try:
                process_request_thread(request, client_address)
            finally:
                self._add(-1)

        server.process_request = counted_process_request
        server.process_request_thread = counted_process_request_thread

    def _add(self, change):
        with self.changed:
            self.count += change
            self.changed.notify_all()

    def wait_until_none(self, timeout):
        with self.changed:
            if not self.changed.wait_for(lambda: self.count == 0, timeout=timeout):
                raise AssertionError(f"The live server still had {self.count} connection(s) open after {timeout} s.")


@pytest.fixture(scope="session")
def live_server(live_server):
    """pytest-django's live server, counting the connections it is answering."""
    live_server.connections_in_flight = ConnectionsInFlight(live_server.thread.httpd)
    return live_server


@pytest.fixture(autouse=True)
def _browser_quiet_before_the_tables_are_emptied(request, transactional_db):
    """Close the test's tabs and let the live server finish with them before Django empties the tables.

    After each browser test Django empties every table with one TRUNCATE. A tab still open, say one
    whose last click is still loading results, keeps a server thread reading those tables: its
    locks and TRUNCATE's can deadlock, PostgreSQL then cancels the TRUNCATE, and the test errors
    in its teardown (CI saw it once). Depending on transactional_db makes this run before that.
    """
    yield
    if "browser" in request.fixturenames:
        for context in request.getfixturevalue("browser").contexts:
            context.close()
    if "live_server" in request.fixturenames:
        request.getfixturevalue("live_server").connections_in_flight.wait_until_none(timeout=30)
