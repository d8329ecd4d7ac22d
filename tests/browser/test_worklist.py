"""The home page's worklist in a real browser: counts per role, and a link that leads there."""

import re

from playwright.sync_api import expect

from antq.core.roles import Role
from antq.evaluation import services as evaluation_services
from antq.evaluation.tests.support import all_yes, open_year, register
from antq.reports import periods
from antq.reports import services as report_services
from antq.reports.defaults import load_default_forms
from antq.reports.models import CrossRule, FormIndicator, Indicator, ReportForm
from antq.reports.tests.conftest import FIGURES
from antq.units.selectors import today
from conftest import PASSWORD


def _work(tree, persona):
    """Last month: both wards report, the province returns Đông Quang's; one self-assessment
    of Đông Quang is returned by the ward's own verifier."""
    load_default_forms(Indicator, ReportForm, FormIndicator, CrossRule)
    form = ReportForm.objects.get(code="movement-monthly")
    month = periods.period_containing(today(), "month").previous().key
    staff, officer = persona(Role.PROVINCE_STAFF), persona(Role.COMMUNE_OFFICER)
    sent = {}
    for account, unit in (
        (officer, tree.commune),
        (persona(Role.COMMUNE_OFFICER, "16522"), tree.commune2),
    ):
        sent[unit.code] = report_services.report_save(
            actor=account, form=form, unit=unit, period_key=month, values=FIGURES, submit=True
        )
    report_services.report_return(actor=staff, report=sent["16417"], reason="Thiếu số liệu")
    campaign = open_year(persona, today().year)
    register(officer, campaign, tree.area)
    saved = evaluation_services.assessment_save(
        actor=officer,
        campaign=campaign,
        unit=tree.area,
        answers=all_yes("residential_area"),
        figures={"households_resident": 10, "households_registered": 10},
    )
    evaluation_services.assessment_submit(actor=officer, assessment=saved)
    evaluation_services.assessment_return(actor=officer, assessment=saved, reason="Thiếu biên bản")
    return staff, officer, month


def test_a_commune_officer_and_province_staff_find_their_work_counted(page, log_in, tree, persona):
    staff, officer, month = _work(tree, persona)

    log_in(officer, PASSWORD)
    page.goto("/")
    returned = page.get_by_test_id("work-reports-returned")
    expect(returned).to_have_text("1 báo cáo bị trả lại")
    expect(page.get_by_test_id("work-evaluation-returned")).to_contain_text(
        "1 tự đánh giá bị trả lại"
    )
    expect(page.get_by_test_id("work-reports-to-approve")).to_have_count(0)
    returned.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/reports/#inbox-due$"))
    expect(page.get_by_test_id(f"due-movement-monthly-{month}")).to_be_visible()

    page.context.clear_cookies()
    log_in(staff, PASSWORD)
    page.goto("/")
    waiting = page.get_by_test_id("work-reports-to-approve")
    expect(waiting).to_have_text("1 báo cáo chờ bạn duyệt")
    expect(page.get_by_test_id("work-evaluation-returned")).to_have_count(0)
    waiting.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/reports/\?status=submitted#inbox-approve$"))
    expect(page.get_by_test_id("queue-total")).to_have_text("1")
    expect(page.get_by_test_id("queue-row")).to_have_count(1)
    expect(page.get_by_test_id("queue-row")).to_contain_text("Quảng Phú")
