"""Campaigns in a real browser: staff create one, a commune records, staff see the total move."""

import re
from datetime import timedelta

from playwright.sync_api import expect

from antq.core.roles import Role
from antq.units.selectors import today
from conftest import PASSWORD


def log_in(page, account):
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(account.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def test_staff_create_a_campaign_a_commune_records_and_the_total_moves(page, tree, persona):
    staff, officer = persona(Role.PROVINCE_STAFF), persona(Role.COMMUNE_OFFICER)
    day = today()

    log_in(page, staff)
    page.goto("/campaigns/")
    page.locator("#create-campaign").click()
    page.locator("#id_name").fill("Cao điểm bảo đảm an ninh trật tự")
    page.locator("#id_kind").select_option("peak_drive")
    page.locator("#id_start").fill((day - timedelta(days=5)).strftime("%d/%m/%Y"))
    page.locator("#id_end").fill((day + timedelta(days=25)).strftime("%d/%m/%Y"))
    page.locator("input[name=kinds][value=commune]").check()
    page.locator("#campaign-submit").click()
    expect(page).to_have_url(re.compile(r"/campaigns/\d+/$"))
    detail = page.url
    expect(page.get_by_test_id("total-attendees")).to_have_text("0")

    log_in(page, officer)
    page.goto(detail)
    page.locator("#record-activity").click()
    page.locator("#id_unit").select_option("16417")
    page.locator("#id_kind").fill("Mít tinh, lễ phát động")
    page.locator("#id_date").fill(day.strftime("%d/%m/%Y"))
    page.locator("#id_place").fill("Nhà văn hóa phường")
    page.locator("#id_attendees").fill("320")
    page.locator("#id_propaganda_sessions").fill("2")
    page.locator("#activity-submit").click()
    expect(page).to_have_url(re.compile(r"/campaigns/\d+/activities/\d+/$"))

    log_in(page, staff)
    page.goto(detail)
    expect(page.get_by_test_id("total-attendees")).to_have_text("320")
    expect(page.get_by_test_id("commune-16417")).to_contain_text("320")
