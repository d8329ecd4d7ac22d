"""Issue 9, phones: the main page of each role at a desk (1366 px) and on a phone (390 px).

What is asserted is what a person sees: the page does not scroll sideways, the main action
(the "Nhập" link, the approval button, a unit of the drill-down) is on the screen, values are
not squeezed to a letter a line, long tables stay a row or a card per unit instead of growing
to thousands of pixels, charts keep their text inside the drawing, and breadcrumbs never lead
out of the account's scope.
"""

import pytest
from playwright.sync_api import expect

from antq.core.roles import Role
from antq.evaluation import services as evaluation
from antq.reports import periods
from antq.reports import services as reports
from antq.reports.defaults import load_default_forms
from antq.reports.models import CrossRule, FormIndicator, Indicator, ReportForm
from antq.reports.tests.conftest import FIGURES
from antq.units import services as units
from antq.units.selectors import today
from conftest import PASSWORD, _Root

DESK, PHONE = (1366, 900), (390, 844)
VIEWPORTS = pytest.mark.parametrize("viewport", [DESK, PHONE], ids=["1366", "390"])
MONTHLY = "movement-monthly"
COMMUNES = (
    "Xã Hoằng Phong", "Xã Hoằng Châu", "Xã Quảng Ngọc", "Xã Nga Thắng", "Xã Thiệu Trung",
    "Xã Yên Định", "Xã Thọ Xuân", "Xã Triệu Sơn", "Xã Nông Cống", "Xã Tĩnh Gia",
    "Xã Hậu Lộc", "Xã Hà Trung", "Xã Vĩnh Lộc", "Xã Cẩm Thủy", "Xã Thạch Thành",
    "Xã Ngọc Lặc", "Xã Lang Chánh", "Xã Bá Thước", "Xã Quan Hóa", "Xã Quan Sơn",
    "Xã Mường Lát", "Xã Thường Xuân", "Xã Như Thanh", "Xã Như Xuân", "Xã Đông Tiến",
    "Xã Thiệu Hóa", "Xã Hoằng Hóa", "Xã Nga Sơn", "Xã Quảng Xương", "Xã Nghi Sơn Bắc",
)  # fmt: skip
AREAS = ("Thôn", "Tổ dân phố", "Khu phố", "Bản")
# A row of a long table on a phone: two lines of text at most (names wrap once).
COMPACT_ROW_PX = 60
# A card of a table with an action per row: a heading of two lines, three lines of values.
CARD_PX = 180


@pytest.fixture
def province(tree, persona):
    """Thirty more communes, twelve more areas in the officer's commune, an open year, the
    month's report due, and ten communes' reports waiting for the province's approval."""
    root = _Root()
    load_default_forms(Indicator, ReportForm, FormIndicator, CrossRule)
    for index, name in enumerate(COMMUNES):
        units.unit_create(
            actor=root,
            code=f"169{index:02}",
            name=name,
            kind="commune",
            parent=tree.province,
            division_type="xã",
        )
    for index in range(3, 15):
        units.unit_create(
            actor=root,
            code=f"16417-KDC{index:02}",
            name=f"{AREAS[index % 4]} Đông Quang {index}",
            kind="residential_area",
            parent=tree.commune,
        )
    year = today().year
    evaluation.year_open(actor=persona(Role.PROVINCE_STAFF), year=year)
    month = periods.period_containing(today(), "month").previous().key
    form = ReportForm.objects.get(code=MONTHLY)
    for index in range(10):
        code = f"169{index:02}"
        reports.report_save(
            actor=persona(Role.COMMUNE_OFFICER, code),
            form=form,
            unit=tree[code],
            period_key=month,
            values={**FIGURES, "propaganda_sessions": 3 + index},
            submit=True,
        )
    return {"year": year, "month": month, "communes": len(COMMUNES) + 2}


def _open(page, log_in, account, viewport, path):
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    log_in(account, PASSWORD)
    response = page.goto(path)
    assert response.status == 200, path


def _no_sideways_scroll(page, width):
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width + 1
    wider = page.evaluate(
        """(width) => [...document.querySelectorAll('main *')]
            .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
            .filter(e => { const r = e.getBoundingClientRect();
                           return r.right > width + 1 || r.left < -1; })
            .map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className)""",
        width,
    )
    assert wider == []


def _on_screen(locator, width):
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, box


def _row_height(page, selector):
    return page.evaluate(
        """(sel) => { const rows = [...document.querySelectorAll(sel)];
            const total = rows.reduce((sum, r) => sum + r.getBoundingClientRect().height, 0);
            return total / rows.length; }""",
        selector,
    )


@VIEWPORTS
def test_commune_officer_sees_the_enter_link_and_status_of_each_due_report(
    page, log_in, persona, province, viewport
):
    _open(page, log_in, persona(Role.COMMUNE_OFFICER), viewport, "/reports/")
    width = viewport[0]
    _no_sideways_scroll(page, width)
    row = page.get_by_test_id(f"due-{MONTHLY}-{province['month']}")
    _on_screen(row.get_by_test_id(f"enter-{MONTHLY}-{province['month']}"), width)
    _on_screen(row.locator("td").nth(4), width)  # the status: not started
    expect(row).to_contain_text("chưa")
    if width == PHONE[0]:
        assert _row_height(page, "[data-testid=due] tbody tr") <= CARD_PX
        # a card says which column each value is: the deadline is named
        label = row.locator("td").nth(3).evaluate("td => getComputedStyle(td, '::before').content")
        assert "Hạn" in label


@VIEWPORTS
def test_commune_officer_reads_the_years_facts_and_worklist(
    page, log_in, persona, province, viewport
):
    _open(
        page, log_in, persona(Role.COMMUNE_OFFICER), viewport, f"/evaluation/38/{province['year']}/"
    )
    width = viewport[0]
    _no_sideways_scroll(page, width)
    values = page.locator("dl.facts dd")
    assert values.count() >= 8
    for index in range(values.count()):
        # one letter a line was 10 px wide; a date needs about 80 px
        assert values.nth(index).bounding_box()["width"] >= 90, values.nth(index).inner_text()
    tasks = page.get_by_test_id("task")
    assert tasks.count() >= 1
    _on_screen(tasks.first.locator("a").first, width)
    if width == PHONE[0]:
        assert _row_height(page, "#worklist tbody tr") <= CARD_PX
        # the menu and the year's facts take about 3,500 px; each task a card
        height = page.evaluate("document.scrollingElement.scrollHeight")
        assert height <= 4500 + tasks.count() * CARD_PX


@VIEWPORTS
def test_province_staff_select_and_approve_from_the_queue_at_any_width(
    page, log_in, persona, province, viewport
):
    width = viewport[0]
    staff = persona(Role.PROVINCE_STAFF)
    _open(page, log_in, staff, viewport, "/")
    _no_sideways_scroll(page, width)
    page.goto("/awards/")  # its menu of eight sections wraps
    _no_sideways_scroll(page, width)
    page.goto("/reports/")
    _no_sideways_scroll(page, width)
    rows = page.get_by_test_id("queue-row")
    expect(rows).to_have_count(10)
    _on_screen(rows.first.locator("input[type=checkbox]"), width)
    _on_screen(rows.first.locator("a").first, width)
    _on_screen(page.locator("#approve-selected"), width)
    if width == PHONE[0]:
        assert _row_height(page, "[data-testid=queue-row]") <= CARD_PX


@VIEWPORTS
def test_leader_drills_down_a_province_of_thirty_communes(
    page, log_in, persona, province, viewport
):
    width = viewport[0]
    _open(page, log_in, persona(Role.LEADER), viewport, f"/targets/?year={province['year']}")
    _no_sideways_scroll(page, width)
    rows = page.locator("#drilldown tbody tr")
    expect(rows).to_have_count(20)  # a page of them; test_phone_long_lists goes through all
    total = str(province["communes"] + 1)  # and the province's own agency
    expect(page.get_by_test_id("drilldown-total")).to_have_text(total)
    _on_screen(page.get_by_test_id("drill-16417"), width)
    _on_screen(rows.last.locator("td").last, width)  # the share, on the row's own line
    more = page.locator("#drilldown th.more").first
    if width == PHONE[0]:
        assert _row_height(page, "#drilldown tbody tr") <= COMPACT_ROW_PX
        expect(more).to_be_hidden()  # the area counts are one tap away
        page.get_by_text("Hiện tất cả các cột").first.click()
        expect(more).to_be_visible()
    else:
        expect(more).to_be_visible()
        expect(page.get_by_text("Hiện tất cả các cột")).to_be_hidden()
    page.get_by_test_id("drill-16417").click()
    expect(page.locator("h1")).to_contain_text("Phường Đông Quang")


@VIEWPORTS
def test_leader_reads_the_rollup_by_unit_one_line_a_commune(
    page, log_in, persona, province, viewport
):
    width = viewport[0]
    path = f"/reports/rollup/?form={MONTHLY}&period={province['month']}&unit=38"
    _open(page, log_in, persona(Role.LEADER), viewport, path)
    _no_sideways_scroll(page, width)
    rows = page.locator("[data-testid=children] tbody tr")
    expect(rows).to_have_count(20)  # a page of them; test_phone_long_lists goes through all
    expect(page.get_by_test_id("children-total")).to_have_text(str(province["communes"]))
    _on_screen(page.get_by_test_id("own-report-16900"), width)
    _on_screen(page.get_by_test_id("child-16929").locator("a").first, width)
    expect(page.get_by_test_id("child-16929")).to_have_attribute("data-missing", "1")
    if width == PHONE[0]:
        assert _row_height(page, "[data-testid=children] tbody tr") <= COMPACT_ROW_PX


@VIEWPORTS
def test_dashboard_charts_have_y_values_and_labels_inside_the_drawing(
    page, log_in, persona, province, viewport
):
    _open(page, log_in, persona(Role.LEADER), viewport, f"/targets/?year={province['year']}")
    problems = page.evaluate(
        """() => {
        const out = [];
        const charts = [...document.querySelectorAll('svg.chart')];
        if (!charts.length) out.push('no chart');
        for (const svg of charts) {
            const box = svg.getBoundingClientRect();
            for (const t of svg.querySelectorAll('text')) {
                const r = t.getBoundingClientRect();
                if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1
                    || r.bottom > box.bottom + 1) out.push('outside: ' + t.textContent);
            }
            const months = [...svg.querySelectorAll('text.month')]
                .map(t => t.getBoundingClientRect());
            for (let i = 1; i < months.length; i++)
                if (months[i].left < months[i - 1].right) out.push('month labels overlap');
            const ticks = svg.querySelectorAll('text.tick').length;
            if (months.length && ticks < 2) out.push('no y values');
            if (months.length && months[0].height < 8) out.push('month labels too small');
        }
        return out;
        }"""
    )
    assert problems == []
    assert page.locator("svg.chart text.month").count() >= 3


def _crumb_statuses(page, paths):
    seen = {}
    for path in paths:
        assert page.goto(path).status == 200, path
        for href in page.locator(".crumbs a").evaluate_all("links => links.map(a => a.href)"):
            seen.setdefault(href, page.request.get(href).status)
    return seen


def test_breadcrumbs_of_commune_and_establishment_accounts_stay_in_scope(
    page, log_in, persona, province
):
    year, month = province["year"], province["month"]
    log_in(persona(Role.COMMUNE_OFFICER), PASSWORD)
    commune = _crumb_statuses(
        page,
        [
            "/units/16417/",
            "/units/16417-KDC01/",
            "/targets/",
            "/targets/?unit=16417-KDC01",
            f"/evaluation/38/{year}/",
            f"/evaluation/38/{year}/16417/",
            f"/evaluation/38/{year}/16417-KDC01/assessment/",
            f"/reports/entry/{MONTHLY}/16417/{month}/",
            "/reports/rollup/",
        ],
    )
    assert len(commune) >= 5  # the test follows real links
    assert {href: status for href, status in commune.items() if status != 200} == {}

    page.context.clear_cookies()
    log_in(persona(Role.ESTABLISHMENT_OFFICER), PASSWORD)
    school = _crumb_statuses(
        page, ["/units/16417-TH01/", "/targets/", f"/evaluation/38/{year}/16417-TH01/"]
    )
    assert school
    assert {href: status for href, status in school.items() if status != 200} == {}
