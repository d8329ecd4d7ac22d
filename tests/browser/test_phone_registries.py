"""Issue 9, phones: the registers of models, teams, campaigns and funding at 1366 and 390 px.

On a phone (390 px) each register is read without sideways scrolling: the page does not
scroll sideways, no table (nor the box around it) scrolls inside itself, each row is a card
whose values are named by their column, and the row's main link is on the screen. At a desk
(1366 px) the same register is a normal table under its header row. The directives, tips and
recognition decisions registers, made cards earlier, are held to the same phone checks.
"""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from antq.campaigns import services as campaigns
from antq.core.roles import Role
from antq.directives import services as directives
from antq.evaluation import services as evaluation
from antq.evaluation.tests.support import YEAR, open_year, verify
from antq.forces import services as forces
from antq.funding import services as funding
from antq.models import services as models
from antq.tips.services import tip_submit
from antq.units.selectors import today
from conftest import PASSWORD

DESK, PHONE = (1366, 900), (390, 844)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def _models(tree, persona):
    officer = persona(Role.COMMUNE_OFFICER)
    for n, name in enumerate(
        (
            "Mô hình “Camera an ninh kết nối” khu dân cư Đông Hưng",
            "Mô hình “Tổ liên gia tự quản an toàn phòng cháy chữa cháy”",
            "Mô hình “Dòng họ, giáo xứ không có tội phạm và tệ nạn xã hội”",
        ),
        start=12,
    ):
        models.model_create(
            actor=officer,
            owner=tree.commune,
            name=name,
            serves=["tu_phong", "tu_quan", "tu_bao_ve"],
            field="residential",
            level="commune",
            decision_number=f"{n}/QĐ-UBND",
            decision_date=date(2024, 3, 15),
        )
    return officer, "/models/", "#model-table"


def _examples(tree, persona):
    officer = persona(Role.COMMUNE_OFFICER)
    model = models.model_create(
        actor=officer,
        owner=tree.commune,
        name="Mô hình “Camera an ninh kết nối” khu dân cư Đông Hưng",
        serves=["tu_quan"],
        field="residential",
        level="commune",
        decision_number="12/QĐ-UBND",
        decision_date=date(2024, 3, 15),
    )
    for n, (kind, name) in enumerate(
        (
            ("collective", "Ban công tác Mặt trận thôn Đông Hưng"),
            ("individual", "Nguyễn Văn Trưởng, Trưởng thôn Đông Hưng"),
            ("individual", "Lê Thị Hoa, Tổ trưởng tổ liên gia số 3"),
        ),
        start=30,
    ):
        models.example_create(
            actor=officer,
            unit=tree.commune,
            model=model,
            kind=kind,
            name=name,
            level="commune",
            decision_number=f"{n}/QĐ-UBND",
            decision_date=date(2025, 8, 19),
            reason="Phát hiện, tố giác nhiều vụ việc, góp phần giữ vững an ninh trật tự",
        )
    return officer, "/models/examples/", "#example-table"


def _teams_and_members(tree, persona, *, rated=False):
    officer = persona(Role.COMMUNE_OFFICER)
    n = 0
    for area in (tree.area, tree.area2):
        team = forces.team_create(
            actor=officer,
            commune=tree.commune,
            name=f"Tổ bảo vệ an ninh, trật tự ở cơ sở {area.name}",
            areas=[area],
            decision_number=f"{125 + n}/QĐ-UBND",
            decision_date=date(2024, 12, 1),
        )
        for role, name in (("leader", "Nguyễn Văn Trưởng"), ("member", "Lê Thị Phương Thảo")):
            n += 1
            forces.member_register(
                actor=officer,
                team=team,
                role=role,
                full_name=f"{name} {n}",
                birth_date=date(1985, 3, 10),
                sex="male",
                identity_number=f"0380850{n:05d}",
                residence=f"{area.name}, phường Đông Quang",
                resident_since=date(2010, 1, 1),
                education="lower_secondary",
                joined_on=date(2025, 1, 2),
                record_document="Phiếu lý lịch tư pháp số 12/2024",
                health_document="Giấy khám sức khỏe BV Đa khoa tỉnh, 05/12/2024",
                phone="0912345678",
            )
        if rated:
            forces.rating_record(
                actor=officer,
                team=team,
                year=2025,
                level="good",
                decided_on=date(2025, 11, 20),
                decision_number=f"{200 + n}/QĐ-UBND",
            )
    return officer


def _teams(tree, persona):
    return _teams_and_members(tree, persona), "/forces/", "#team-table"


def _members(tree, persona):
    return _teams_and_members(tree, persona), "/forces/members/", "#member-table"


def _ratings(tree, persona):
    officer = _teams_and_members(tree, persona, rated=True)
    return officer, "/forces/ratings/?year=2025", "#rating-table"


def _campaigns(tree, persona):
    staff, officer = persona(Role.PROVINCE_STAFF), persona(Role.COMMUNE_OFFICER)
    day = today()
    for name, kind in (
        ("Cao điểm tấn công, trấn áp tội phạm dịp Tết Nguyên đán", "peak_drive"),
        ("Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm nay", "festival_19_8"),
        ("Tháng hành động phòng, chống ma túy", "anti_drug_26_6"),
    ):
        campaign = campaigns.campaign_create(
            actor=staff,
            owner=tree.province,
            name=name,
            kind=kind,
            start=day - timedelta(days=5),
            end=day + timedelta(days=25),
            units=[tree.commune, tree.commune2],
        )
        campaigns.activity_record(
            actor=officer,
            campaign=campaign,
            unit=tree.commune,
            kind="Mít tinh, lễ phát động",
            date=day,
            attendees=320,
            propaganda_sessions=2,
        )
    return staff, "/campaigns/", "#campaign-table table"


def _lines(tree, persona):
    staff = persona(Role.PROVINCE_STAFF)
    year = today().year
    made = []
    for unit, source, estimate in (
        (tree.commune, "state", 120_000_000),
        (tree.commune, "voluntary", 35_500_000),
        (tree.commune2, "programme", 87_250_000),
    ):
        made.append(
            funding.budget_line_create(
                actor=staff,
                unit=unit,
                year=year,
                source=source,
                level="commune",
                estimate=estimate,
                allocated=estimate,
                decision="Quyết định số 1234/QĐ-UBND ngày 02/01 của Ủy ban nhân dân tỉnh",
            )
        )
    return staff, made


def _budget_lines(tree, persona):
    return _lines(tree, persona)[0], "/funding/lines/", "#line-table"


def _entries(tree, persona):
    staff, lines = _lines(tree, persona)
    year = today().year
    for n, (head, payee) in enumerate(
        (
            ("propaganda", "In tờ rơi tuyên truyền phòng, chống tội phạm cho các khu dân cư"),
            ("training", "Bồi dưỡng nghiệp vụ cho lực lượng bảo vệ an ninh, trật tự ở cơ sở"),
            ("other", "Mua loa cầm tay phục vụ tuần tra"),
        ),
        start=1,
    ):
        funding.spending_create(
            actor=staff,
            line=lines[0],
            date=date(year, 1, 2 + n),
            head=head,
            amount=1_250_000 * n,
            payee=payee,
            voucher=f"PC-{year}-{n:04}",
        )
    return staff, "/funding/", "#entry-table"


REGISTERS = {
    "models": _models,
    "examples": _examples,
    "teams": _teams,
    "members": _members,
    "ratings": _ratings,
    "campaigns": _campaigns,
    "budget-lines": _budget_lines,
    "entries": _entries,
}


def _open(page, log_in, account, viewport, path):
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    log_in(account, PASSWORD)
    response = page.goto(path)
    assert response.status == 200, path


def _nothing_scrolls_sideways(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
        page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    )
    scrolling = page.evaluate(
        """() => [...document.querySelectorAll('main table')]
            .flatMap(t => [t, t.parentElement])
            .filter(e => e.scrollWidth > e.clientWidth + 1)
            .map(e => `${e.tagName}#${e.id}.${e.className}: ${e.scrollWidth} > ${e.clientWidth}`)"""
    )
    assert scrolling == []


def _on_screen(locator, width):
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, box


def _main_link(table):
    """The first row's main link, or its first cell where a row has no page of its own."""
    first = table.locator("tbody tr").first.locator("td").first
    return first.locator("a").first if first.locator("a").count() else first


def _unlabelled_cells(table):
    """The first row's cells shown on a phone whose label is not their column's header."""
    return table.evaluate(
        """t => { const heads = [...t.querySelectorAll('thead th')].map(h => h.textContent.trim());
            return [...t.querySelector('tbody tr').children]
              .map((td, i) => [td, i])
              .filter(([td, i]) => i > 0 && getComputedStyle(td).display !== 'none')
              .filter(([td, i]) => td.dataset.label !== heads[i])
              .map(([td, i]) => `${i}: ${td.dataset.label} != ${heads[i]}`); }"""
    )


@pytest.mark.parametrize("register", list(REGISTERS))
def test_a_register_is_cards_on_a_phone(page, log_in, tree, persona, register):
    account, path, selector = REGISTERS[register](tree, persona)
    _open(page, log_in, account, PHONE, path)
    table = page.locator(selector)
    expect(table.locator("tbody tr").first).to_be_visible()
    assert table.locator("tbody tr").count() >= 2  # rows of data, not "no match"
    _nothing_scrolls_sideways(page)
    _on_screen(_main_link(table), PHONE[0])
    assert _unlabelled_cells(table) == []
    # the header row is kept for screen readers only: one pixel, clipped
    assert table.locator("thead").bounding_box()["height"] <= 1
    # a card: its cells follow each other on the row's lines, not in columns of a table
    assert table.locator("tbody td").first.evaluate("td => getComputedStyle(td).display") == (
        "block"
    )


@pytest.mark.parametrize("register", list(REGISTERS))
def test_a_register_stays_a_table_at_a_desk(page, log_in, tree, persona, register):
    account, path, selector = REGISTERS[register](tree, persona)
    _open(page, log_in, account, DESK, path)
    table = page.locator(selector)
    expect(table.locator("thead tr")).to_be_visible()
    expect(table.locator("tbody tr").first).to_be_visible()
    assert table.locator("tbody tr").count() >= 2  # rows of data, not "no match"
    assert table.locator("tbody td").first.evaluate("td => getComputedStyle(td).display") == (
        "table-cell"
    )
    _nothing_scrolls_sideways(page)
    _on_screen(_main_link(table), DESK[0])


def _directive(tree, persona, number):
    day = today()
    return directives.directive_issue(
        actor=persona(Role.PROVINCE_STAFF),
        issuing_body="Ban Chỉ đạo 138 tỉnh Thanh Hóa",
        number=number,
        issued_on=day,
        kind="plan",
        summary="Triển khai phong trào toàn dân bảo vệ an ninh Tổ quốc trong tình hình mới, "
        "gắn với xây dựng khu dân cư, xã, phường an toàn về an ninh, trật tự",
        file=SimpleUploadedFile("ke-hoach.pdf", PDF, content_type="application/pdf"),
        requires_plan=True,
        report_deadline=day + timedelta(days=30),
        audience=directives.Audience(root=tree.province, kinds=["commune", "school"], codes=[]),
    )


@pytest.fixture
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_directives_register_and_inbox_fit_a_phone(page, log_in, tree, persona, _media):
    made = [_directive(tree, persona, f"{n}/KH-BCĐ") for n in (67, 68, 69)]
    _open(page, log_in, persona(Role.PROVINCE_STAFF), PHONE, "/directives/")
    _nothing_scrolls_sideways(page)
    expect(page.locator("[data-testid^=directive-]")).to_have_count(len(made))
    _on_screen(page.locator("[data-testid^=directive-] a").first, PHONE[0])

    page.context.clear_cookies()
    _open(page, log_in, persona(Role.COMMUNE_OFFICER), PHONE, "/directives/inbox/")
    _nothing_scrolls_sideways(page)
    row = page.locator("[data-testid=inbox] tbody tr").first
    _on_screen(row.locator("a").first, PHONE[0])
    _on_screen(row.locator("button[data-testid^=ack-]"), PHONE[0])


def test_the_officers_tips_list_fits_a_phone(page, log_in, tree, persona):
    for kind, text in (
        ("theft", "Mất trộm xe máy trước cổng chợ lúc 7 giờ sáng."),
        ("drugs", "Có người lạ tụ tập sử dụng ma túy ở nhà văn hóa thôn vào ban đêm."),
        ("theft", "Trộm cắp tài sản ở khu trọ công nhân."),
    ):
        tip_submit(province=tree.province, kind=kind, text=text, place=tree.area)
    _open(page, log_in, persona(Role.COMMUNE_OFFICER), PHONE, "/tips/")
    _nothing_scrolls_sideways(page)
    _on_screen(page.locator("[data-testid^=tip-] a").first, PHONE[0])


def test_the_recognition_decisions_register_fits_a_phone(page, log_in, tree, persona, _media):
    officer = persona(Role.COMMUNE_OFFICER)
    campaign = open_year(persona)
    verify(officer, campaign, tree["16417-KDC01"])
    evaluation.recognition_grant(
        actor=officer,
        campaign=campaign,
        units=[tree["16417-KDC01"]],
        decision_number="9/QĐ-UBND",
        decision_date=date(YEAR, 11, 10),
        signer="Lê Thị Hoa",
        signer_title="Chủ tịch",
        issuing_body="Ủy ban nhân dân phường Đông Quang",
    )
    verify(officer, campaign, tree["16417-KDC02"])  # awaits its decision
    _open(page, log_in, officer, PHONE, f"/evaluation/38/{YEAR}/decisions/")
    _nothing_scrolls_sideways(page)
    _on_screen(page.locator("#pending tbody tr").first.locator("a").first, PHONE[0])
    _on_screen(page.locator("#pick-16417-KDC02"), PHONE[0])
    _on_screen(page.get_by_test_id("issued-16417-KDC01").locator("a").first, PHONE[0])
    _on_screen(page.get_by_test_id("certificate-pdf-16417-KDC01"), PHONE[0])
