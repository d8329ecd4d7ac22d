import re

from playwright.sync_api import expect

from antq.core.roles import Role
from antq.reports import periods
from antq.reports.defaults import load_default_forms
from antq.reports.models import CrossRule, FormIndicator, Indicator, ReportForm
from antq.units.selectors import today
from conftest import PASSWORD

FIGURES = {
    "propaganda_sessions": "4",
    "propaganda_attendances": "250",
    "prestigious_people_contacted": "6",
    "tips_received": "12",
    "tips_valuable": "9",
    "cases_solved_from_tips": "2",
    "wanted_surrendered": "1",
    "offenders_reeducated": "5",
    "guns_recovered": "1",
    "explosives_kg_recovered": "0,5",
    "firecrackers_kg_recovered": "13,85",
    "crude_weapons_recovered": "3",
    "self_management_teams": "7",
    "models_active": "2",
}


def log_in(page, account):
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(account.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def test_a_commune_submits_its_month_and_the_province_sees_it_at_once(page, tree, persona):
    # a transactional test before this one may have emptied the forms the migration loads
    load_default_forms(Indicator, ReportForm, FormIndicator, CrossRule)
    month = periods.period_containing(today(), "month").previous().key
    rollup = f"/reports/rollup/?form=movement-monthly&period={month}&unit=38"
    staff, officer = persona(Role.PROVINCE_STAFF), persona(Role.COMMUNE_OFFICER)

    log_in(page, staff)
    page.goto(rollup)
    expect(page.get_by_test_id("child-16417")).to_have_attribute("data-missing", "1")
    expect(page.get_by_test_id("received")).to_have_text("0")
    expect(page.get_by_test_id("total-propaganda_sessions")).to_have_text("—")

    log_in(page, officer)
    page.goto("/reports/")
    page.get_by_test_id(f"enter-movement-monthly-{month}").click()
    for code, value in FIGURES.items():
        page.locator(f"#v-{code}").fill(value)
    page.locator("#v-tips_valuable").fill("30")  # more valuable tips than tips received
    expect(page.get_by_test_id("problem-tips_valuable")).to_be_visible()  # as one types
    page.locator("#v-tips_valuable").fill("9")
    expect(page.get_by_test_id("problem-tips_valuable")).to_have_count(0)
    page.locator("#submit-report").click()
    expect(page).to_have_url(re.compile(r"/reports/\d+/$"))
    expect(page.get_by_test_id("report-status")).to_have_attribute("data-status", "submitted")

    log_in(page, staff)
    page.goto(rollup)
    expect(page.get_by_test_id("child-16417")).to_have_attribute("data-missing", "0")
    expect(page.get_by_test_id("received")).to_have_text("1")
    expect(page.get_by_test_id("total-propaganda_sessions")).to_have_text("4")
    expect(page.get_by_test_id("total-firecrackers_kg_recovered")).to_have_text("13,85")
