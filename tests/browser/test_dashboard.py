from decimal import Decimal

from playwright.sync_api import expect

from antq.core.roles import Role
from antq.evaluation import services as evaluation
from antq.targets import services as targets
from conftest import PASSWORD


def test_leader_drills_from_province_to_commune_to_area_and_exports(page, tree, persona, log_in):
    staff = persona(Role.PROVINCE_STAFF)
    evaluation.year_open(actor=staff, year=2026)
    targets.target_set(
        actor=staff,
        year=2026,
        unit=tree.province,
        metric="recognised_share",
        subject="residential_area",
        comparison="gt",
        value=Decimal(80),
        basis="KH 67/KH-BCĐ, 08/3/2024",
    )
    log_in(persona(Role.LEADER), PASSWORD)

    page.goto("/targets/?year=2026")
    card = page.get_by_test_id("target-recognised_share-residential_area")
    expect(card.get_by_test_id("met")).to_have_attribute("data-met", "false")
    expect(card.get_by_test_id("current")).to_have_text("0,0%")  # Vietnamese decimal comma
    card.get_by_test_id("closest").locator("summary").click()  # the list loads when opened
    expect(card.get_by_test_id("closest").locator("li")).to_have_count(3)
    expect(card.get_by_test_id("closest")).to_contain_text("Thôn Đông Hưng")

    page.get_by_test_id("drill-16417").click()
    expect(page.locator("h1")).to_contain_text("Phường Đông Quang")
    page.get_by_test_id("drill-16417-KDC01").click()
    expect(page.locator("h1")).to_have_text("Thôn Đông Hưng")

    page.go_back()
    with page.expect_download() as download:
        page.locator("#export-children").click()
    assert download.value.suggested_filename == "chi-tieu-16417-2026.xlsx"
