import re
from datetime import date

from playwright.sync_api import expect

from antq.core.roles import Role
from antq.funding import services
from antq.funding.models import Norm
from antq.funding.norms import seed_norms
from antq.units.selectors import today
from conftest import PASSWORD


def test_staff_is_refused_over_a_norm_then_records_within_and_the_statement_shows_it(
    page, tree, persona
):
    seed_norms(Norm)  # a browser test's database is flushed after each test, migrations' data too
    staff = persona(Role.PROVINCE_STAFF)
    year = today().year
    line = services.budget_line_create(
        actor=staff,
        unit=tree.commune,
        year=year,
        source="state",
        level="commune",
        estimate=10_000_000,
        allocated=10_000_000,
        decision="QĐ 1/QĐ-UBND",
    )
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(staff.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))

    def record(amount):
        page.goto("/funding/new/")
        page.locator("#id_line").select_option(str(line.pk))
        page.locator("#id_date").fill(date(year, 1, 2).strftime("%d/%m/%Y"))
        page.locator("#id_head").select_option("fuel")
        page.locator("#id_amount").fill(str(amount))
        page.locator("#id_payee").fill("Xăng xe vận động")
        page.locator("#id_distance_km").fill("10")
        page.locator("#entry-submit").click()

    record(130_000)
    expect(page.locator(".problem").first).to_contain_text("130.000")
    expect(page.locator(".problem").first).to_contain_text("120.000")
    record(120_000)
    expect(page).to_have_url(re.compile(r"/funding/$"))
    page.goto(f"/funding/statement/?unit=16417&year={year}")
    expect(page.get_by_test_id("spent")).to_contain_text("120")
