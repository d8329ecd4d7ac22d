import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from antq.core.roles import Role
from antq.reports import periods
from antq.reports.defaults import load_default_forms
from antq.reports.models import CrossRule, FormIndicator, Indicator, Report, ReportForm
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
    # submitting asks first; refusing keeps the page and sends nothing
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.locator("#submit-report").click()
    expect(page).to_have_url(re.compile(r"/reports/entry/"))
    assert asked and "khóa" in asked[0]
    assert not Report.objects.exists()
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#submit-report").click()
    expect(page).to_have_url(re.compile(r"/reports/\d+/$"))
    expect(page.get_by_text("Đã gửi báo cáo")).to_be_visible()
    expect(page.get_by_test_id("report-status")).to_have_attribute("data-status", "submitted")

    log_in(page, staff)
    page.goto(rollup)
    expect(page.get_by_test_id("child-16417")).to_have_attribute("data-missing", "0")
    expect(page.get_by_test_id("received")).to_have_text("1")
    expect(page.get_by_test_id("total-propaganda_sessions")).to_have_text("4")
    expect(page.get_by_test_id("total-firecrackers_kg_recovered")).to_have_text("13,85")


def test_the_approval_inbox_shows_its_count_and_pages_through_every_report(page, tree, persona):
    load_default_forms(Indicator, ReportForm, FormIndicator, CrossRule)
    form = ReportForm.objects.get(code="movement-monthly")
    month, rows = periods.parse("2021-01"), []
    for i in range(55):
        moment = timezone.make_aware(timezone.datetime(2021, 2, 1, 9)) + timedelta(days=31 * i)
        rows.append(
            Report(
                form=form,
                unit=tree["16522"],
                period_key=month.key,
                period_start=month.start,
                period_end=month.end,
                status="submitted",
                submitted_at=moment,
                first_submitted_at=moment,
            )
        )
        month = month.next()
    Report.objects.bulk_create(rows)
    log_in(page, persona(Role.PROVINCE_STAFF))
    page.goto("/reports/")
    expect(page.get_by_test_id("queue-total")).to_have_text("55")
    expect(page.get_by_test_id("queue-row")).to_have_count(50)
    expect(page.get_by_test_id("queue-row").first).to_contain_text("Tháng 07/2025")  # newest
    page.locator("nav.pager a", has_text="Sau").or_(page.locator("nav.pager a").last).click()
    expect(page.get_by_test_id("queue-row")).to_have_count(5)
    expect(page.get_by_test_id("queue-row").last).to_contain_text("Tháng 01/2021")  # oldest
    # approve two at once, after one confirmation naming the count
    page.locator('input[name="report"]').nth(0).check()
    page.locator('input[name="report"]').nth(1).check()
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.locator("#approve-selected").click()
    expect(page.get_by_text("Đã duyệt 2 báo cáo")).to_be_visible()
    assert asked and "2" in asked[0]
    assert Report.objects.filter(status="approved").count() == 2
