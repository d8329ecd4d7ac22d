import re

from playwright.sync_api import expect

from antq.core.roles import Role
from conftest import PASSWORD


def test_commune_officer_finds_an_area_without_diacritics_opens_it_and_logs_out(
    page, tree, persona
):
    officer = persona(Role.COMMUNE_OFFICER)
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))
    page.get_by_label("Tên đăng nhập").fill(officer.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_text("Phường Đông Quang").first).to_be_visible()

    page.get_by_role("link", name="Đơn vị", exact=True).click()
    page.get_by_placeholder("Tên hoặc mã").fill("thon dong")
    # HTMX replaces the table as the officer types; no page reload
    table = page.locator("#unit-table")
    expect(table.get_by_role("link", name="Thôn Đông Hưng", exact=True)).to_be_visible()
    expect(table.get_by_role("link", name="Tổ dân phố Lê Lợi")).to_have_count(0)
    table.get_by_role("link", name="Thôn Đông Hưng", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Thôn Đông Hưng")
    expect(page.get_by_text("16417-KDC01").first).to_be_visible()

    page.get_by_text(officer.username).first.click()
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    page.goto("/units/16417-KDC01/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/units/16417-KDC01/$"))
