"""Real pages in a real browser: Debian's Chromium driven by Playwright.

The browser is the system's (`/usr/bin/chromium`, from Debian's package); nothing is
downloaded. Where it is missing the tests skip with the reason; CI installs it.
"""

import os
import shutil
import threading

import pytest

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


class RequestsInFlight:
    """The live server's WSGI application, counting the requests it has not finished answering.

    A request is finished when the server closes its response, after the last byte is sent or
    the browser has gone away.
    """

    def __init__(self, application):
        self.application = application
        self.count = 0
        self.changed = threading.Condition()

    def __call__(self, environ, start_response):
        with self.changed:
            self.count += 1
        try:
            response = self.application(environ, start_response)
        except BaseException:
            self.finished()
            raise
        return ClosingResponse(response, on_close=self.finished)

    def finished(self):
        with self.changed:
            self.count -= 1
            self.changed.notify_all()

    def wait_until_none(self, timeout):
        with self.changed:
            if not self.changed.wait_for(lambda: self.count == 0, timeout=timeout):
                raise AssertionError(f"The live server was still answering {self.count} request(s) after {timeout} s.")


class ClosingResponse:
    """A WSGI response that tells someone when the server closes it."""

    def __init__(self, response, on_close):
        self.response = response
        self.on_close = on_close

    def __iter__(self):
        return iter(self.response)

    def close(self):
        try:
            if hasattr(self.response, "close"):
                self.response.close()
        finally:
            self.on_close()


@pytest.fixture(scope="session")
def live_server(live_server):
    """pytest-django's live server, counting the requests it is answering."""
    server = live_server.thread.httpd
    server.set_app(RequestsInFlight(server.get_app()))
    return live_server


@pytest.fixture(autouse=True)
def _browser_quiet_before_the_tables_are_emptied(request, transactional_db):
    """Close the test's tabs and let the live server finish their requests before Django empties the tables.

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
        request.getfixturevalue("live_server").thread.httpd.get_app().wait_until_none(timeout=30)
