"""Issue 9, long lists: a province of about 170 communes on a phone (390 px) and at a desk.

The dashboard's units below, the rollup's units and the year's worklist of the province come
a page at a time with their total: on a phone the page stays under about 4,000 px (the
worklist's cards under a bound that does not grow with the province) and never scrolls
sideways; at a desk the page links lead on, keep the filters, and each unit's row still
leads to that unit.
"""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from antq.core.roles import Role
from antq.evaluation import services as evaluation
from antq.evaluation.models import CampaignYear
from antq.units import services as units
from conftest import _Root
from tests.browser.test_phone_layouts import (  # noqa: F401 (province is a fixture)
    CARD_PX,
    DESK,
    MONTHLY,
    PHONE,
    _no_sideways_scroll,
    _open,
    province,
)

MORE = 140  # with the thirty of test_phone_layouts and the tree's two: 172 communes
UNITS_PAGE, TASKS_PAGE = 20, 25
PHONE_PAGE_PX = 4000


@pytest.fixture
def large_province(tree, persona, province):  # noqa: F811
    """172 communes, the 140 added registered for the year and none started."""
    root = _Root()
    campaign = CampaignYear.objects.get(province=tree.province, year=province["year"])
    staff = persona(Role.PROVINCE_STAFF)
    for index in range(MORE):
        commune = units.unit_create(
            actor=root,
            code=f"17{index:03}",
            name=f"Xã Thanh Lâm {index:03}",
            kind="commune",
            parent=tree.province,
            division_type="xã",
            valid_from=date(2025, 7, 1),
        )
        evaluation.registration_record(
            actor=staff,
            campaign=campaign,
            unit=commune,
            registered_on=date(campaign.year, 3, 1),
        )
    return {**province, "communes": province["communes"] + MORE, "campaign": campaign}


def _height(page):
    return page.evaluate("document.documentElement.scrollHeight")


def _total(page, testid):
    return int(page.get_by_test_id(testid).inner_text())


def test_the_dashboards_units_below_on_a_phone(page, log_in, persona, large_province):
    year = large_province["year"]
    _open(page, log_in, persona(Role.LEADER), PHONE, f"/targets/?unit=38&year={year}")
    assert _height(page) <= PHONE_PAGE_PX
    _no_sideways_scroll(page, PHONE[0])
    assert _total(page, "drilldown-total") == large_province["communes"] + 1  # and the agency
    expect(page.locator("#drilldown tbody tr")).to_have_count(UNITS_PAGE)
    # a unit beyond the first page is one search away, and still drills down
    page.get_by_placeholder("Tên hoặc mã").fill("thanh lam 139")
    page.get_by_placeholder("Tên hoặc mã").press("Enter")
    expect(page.locator("#drilldown tbody tr")).to_have_count(1)
    page.get_by_test_id("drill-17139").click()
    expect(page.locator("h1")).to_contain_text("Xã Thanh Lâm 139")


def test_the_dashboards_page_links_at_a_desk(page, log_in, persona, large_province):
    year = large_province["year"]
    _open(page, log_in, persona(Role.LEADER), DESK, f"/targets/?unit=38&year={year}")
    total = _total(page, "drilldown-total")
    seen = set()
    for number in range(1, -(-total // UNITS_PAGE) + 1):
        expect(page.locator(".pager")).to_contain_text(f"Trang {number}/")
        codes = page.locator("#drilldown [data-testid^=drill-]").evaluate_all(
            "links => links.map(a => a.dataset.testid)"
        )
        assert not seen & set(codes)
        seen |= set(codes)
        if number * UNITS_PAGE < total:
            page.locator(".pager").get_by_text("Trang sau").click()
    assert len(seen) == total
    assert f"year={year}" in page.url and "unit=38" in page.url
    page.get_by_test_id("drill-17139").click()
    expect(page.locator("h1")).to_contain_text("Xã Thanh Lâm 139")


def test_the_rollups_units_on_a_phone(page, log_in, persona, large_province):
    path = f"/reports/rollup/?form={MONTHLY}&period={large_province['month']}&unit=38"
    _open(page, log_in, persona(Role.LEADER), PHONE, path)
    assert _height(page) <= PHONE_PAGE_PX
    _no_sideways_scroll(page, PHONE[0])
    assert _total(page, "children-total") == large_province["communes"]
    expect(page.locator("[data-testid=children] tbody tr")).to_have_count(UNITS_PAGE)
    # 162 communes have not reported: counted, and listed one tap away
    missing = large_province["communes"] - 10
    assert _total(page, "missing-total") == missing
    expect(page.get_by_test_id("missing-units")).to_be_hidden()
    page.get_by_test_id("missing-list").locator("summary").click()
    expect(page.get_by_test_id("missing-units").locator("li")).to_have_count(missing)


def test_the_rollups_page_links_at_a_desk(page, log_in, persona, large_province):
    path = f"/reports/rollup/?form={MONTHLY}&period={large_province['month']}&unit=38"
    _open(page, log_in, persona(Role.LEADER), DESK, path)
    first = page.locator("[data-testid=children] tbody tr").first.get_attribute("data-testid")
    page.locator(".pager").get_by_text("Trang sau").click()
    expect(page.locator(".pager")).to_contain_text("Trang 2/")
    assert f"period={large_province['month']}" in page.url and "unit=38" in page.url
    rows = page.locator("[data-testid=children] tbody tr")
    expect(rows).to_have_count(UNITS_PAGE)
    assert first not in rows.evaluate_all("rows => rows.map(r => r.dataset.testid)")
    row = rows.first
    name = row.locator("a").first.inner_text()
    row.locator("a").first.click()
    expect(page.locator("h1")).to_contain_text(name)


def test_the_provinces_worklist_pages_and_keeps_its_filter(page, log_in, persona, large_province):
    year = large_province["year"]
    _open(page, log_in, persona(Role.PROVINCE_STAFF), PHONE, f"/evaluation/38/{year}/")
    # the year's facts, score sheets and policy form take about 4,500 px; then 25 cards
    assert _height(page) <= 4500 + TASKS_PAGE * CARD_PX
    _no_sideways_scroll(page, PHONE[0])
    total = _total(page, "worklist-total")
    assert total >= MORE
    tasks = page.get_by_test_id("task")
    expect(tasks).to_have_count(TASKS_PAGE)

    page.set_viewport_size({"width": DESK[0], "height": DESK[1]})
    page.locator("#worklist-filters select[name=status]").select_option("not_started")
    page.locator("#worklist-filters button").click()
    started = _total(page, "worklist-total")
    assert MORE <= started < total
    page.locator(".pager").get_by_text("Trang sau").click()
    expect(page.locator(".pager")).to_contain_text("Trang 2/")
    assert "status=not_started" in page.url
    assert _total(page, "worklist-total") == started
    assert set(tasks.locator("td:first-child a").all_inner_texts()) == {"Bắt đầu tự đánh giá"}
    link = tasks.first.locator("a").first
    href = link.get_attribute("href")
    assert re.search(rf"/evaluation/38/{year}/[^/]+/assessment/$", href)
    link.click()
    assert page.url.endswith(href)
