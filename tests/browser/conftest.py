"""Real-browser tests: Playwright driving Debian's Chromium against the live test server."""

import os
import threading
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Playwright's sync API keeps an event loop in the test thread; the ORM calls the tests make
# for set-up are still synchronous and safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (Debian's chromium package).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server, transactional_db):
    context = browser.new_context(base_url=live_server.url, locale="vi-VN")
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()
    _wait_for_live_server_requests()


def _wait_for_live_server_requests(timeout: float = 30.0) -> None:
    """Let the live server finish the requests still running when the browser closed.

    Each request runs in a daemon thread of the live server, which closes its own database
    connection when it ends; one still running at the end of the session would hold its
    connection, and PostgreSQL then refuses to drop the test database ("being accessed by
    other users"). Closing the tab does not wait for them; this does (bounded).
    """
    for thread in threading.enumerate():
        if "process_request_thread" in thread.name and thread is not threading.current_thread():
            thread.join(timeout)


@pytest.fixture
def log_in(page):
    """Log an account in through the log-in page, as a person would."""

    def do(account, password):
        page.goto("/accounts/login/")
        page.locator("input[name=username]").fill(account.username)
        page.locator("input[name=password]").fill(password)
        page.locator("#login-submit").click()
        page.wait_for_url(lambda url: "/accounts/login/" not in url)

    return do
