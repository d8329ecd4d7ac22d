import io
import re
from datetime import timedelta

from playwright.sync_api import expect

from antq.core.roles import Role
from antq.units.selectors import today
from conftest import PASSWORD

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def _docx() -> bytes:
    from docx import Document

    out = io.BytesIO()
    document = Document()
    document.add_paragraph("Kế hoạch triển khai của phường")
    document.save(out)
    return out.getvalue()


def log_in(page, account):
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(account.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def test_province_issues_a_commune_acknowledges_and_plans_the_province_sees_it(
    page, tree, persona, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    staff, officer = persona(Role.PROVINCE_STAFF), persona(Role.COMMUNE_OFFICER)
    day = today()

    log_in(page, staff)
    page.goto("/directives/")
    page.locator("#issue-directive").click()
    page.locator("#id_issuing_body").fill("Ban Chỉ đạo 138 tỉnh Thanh Hóa")
    page.locator("#id_number").fill("67/KH-BCĐ")
    page.locator("#id_issued_on").fill(day.strftime("%d/%m/%Y"))
    page.locator("#id_kind").select_option("plan")
    page.locator("#id_summary").fill("Triển khai phong trào toàn dân bảo vệ an ninh Tổ quốc")
    page.locator("#id_file").set_input_files(
        files=[{"name": "ke-hoach-67.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.locator("#id_requires_plan").check()
    page.locator("#id_report_deadline").fill((day + timedelta(days=30)).strftime("%d/%m/%Y"))
    page.locator("input[name=kinds][value=commune]").check()
    page.locator("input[name=kinds][value=school]").check()
    page.locator("#issue-submit").click()
    expect(page).to_have_url(re.compile(r"/directives/\d+/$"))
    detail = page.url
    page.locator("#open-tracking").click()
    tracking = page.url
    expect(page.get_by_test_id("expected")).to_have_text("3")
    expect(page.get_by_test_id("read")).to_have_text("0")
    expect(page.get_by_test_id("missing-16417")).to_be_visible()

    log_in(page, officer)
    page.goto("/directives/inbox/")
    pk = detail.rstrip("/").rsplit("/", 1)[-1]
    page.get_by_test_id(f"ack-{pk}-16417").click()
    expect(page.get_by_test_id(f"todo-{pk}-16417")).to_have_attribute("data-todo", "plan")
    page.goto(f"{detail}units/16417/")
    expect(page.get_by_test_id("read")).to_contain_text(day.strftime("%d/%m/%Y"))
    page.locator("#plan-form #id_number").fill("12/KH-UBND")
    page.locator("#plan-form #id_plan_date").fill(day.strftime("%d/%m/%Y"))
    page.locator("#plan-form #id_file").set_input_files(
        files=[
            {
                "name": "ke-hoach-phuong.docx",
                "mimeType": "application/octet-stream",
                "buffer": _docx(),
            }
        ]
    )
    page.locator("#plan-submit").click()
    expect(page.get_by_test_id("plan")).to_contain_text("12/KH-UBND")

    log_in(page, staff)
    page.goto(tracking)
    expect(page.get_by_test_id("read")).to_have_text("1")
    expect(page.get_by_test_id("planned")).to_have_text("1")
    expect(page.get_by_test_id("missing-16417")).to_have_count(0)
    expect(page.get_by_test_id("missing-16522")).to_be_visible()
