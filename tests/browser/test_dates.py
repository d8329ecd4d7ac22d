"""Dates are typed and shown day first in a browser whose language is English.

The browser's own date picker followed the browser's language: month first in English, so
"04/01/2026" meant 1 April. The date boxes are text boxes read as dd/mm/yyyy.
"""

import pytest
from playwright.sync_api import expect

from antq.core.roles import Role
from antq.evaluation.tests.support import YEAR, open_year
from conftest import PASSWORD


@pytest.fixture
def english_page(browser, live_server, transactional_db):
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()


def test_a_registration_date_typed_day_first_is_saved_and_shown_day_first(
    english_page, tree, persona
):
    page = english_page
    officer = persona(Role.COMMUNE_OFFICER)
    open_year(persona)
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(officer.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(f"/evaluation/38/{YEAR}/16417-KDC01/")

    box = page.locator("#registration-form input[name=registered_on]")
    expect(box).to_have_attribute("type", "text")
    expect(box).to_have_attribute("placeholder", "dd/mm/yyyy")
    box.fill("1 tháng 4")  # the browser itself flags what is not a date as typed
    assert box.evaluate("el => el.validity.patternMismatch") is True
    box.fill("01/04/2026")
    assert box.evaluate("el => el.validity.valid") is True
    box.fill("31/02/2026")
    page.locator("#registration-form button[type=submit]").click()
    expect(page.locator("#registration-form")).to_contain_text("ngày có thật")
    expect(page.locator("#registered")).to_have_count(0)  # nothing saved

    page.locator("#registration-form input[name=registered_on]").fill("01/04/2026")
    page.locator("#registration-form button[type=submit]").click()
    expect(page.locator("#registered")).to_contain_text("01/04/2026")
    expect(page.locator("#registration-form input[name=registered_on]")).to_have_value("01/04/2026")
