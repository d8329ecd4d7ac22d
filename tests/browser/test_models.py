from playwright.sync_api import expect

from antq.core.roles import Role
from antq.models import selectors
from antq.models.models import SelfManagementModel
from conftest import PASSWORD


def test_a_commune_officer_registers_a_model_replicates_it_and_judges_it(
    page, log_in, tree, persona
):
    officer = persona(Role.COMMUNE_OFFICER)
    log_in(officer, PASSWORD)
    page.goto("/models/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Phường Đông Quang")
    page.get_by_role("button", name="Đăng ký mô hình").click()
    page.locator("[name=name]").fill("Mô hình “Camera an ninh”")
    page.get_by_role("checkbox", name="Tự phòng").check()
    page.get_by_role("checkbox", name="Tự bảo vệ").check()
    page.locator("[name=field]").select_option("residential")
    page.locator("[name=level]").select_option(label="Cấp xã")
    page.locator("[name=decision_number]").fill("12/QĐ-UBND")
    page.locator("[name=decision_date]").fill("15/03/2024")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mô hình “Camera an ninh”")

    page.get_by_text("Thêm điểm nhân rộng").click()
    site_form = page.locator("form[action$='/do/site/']")
    site_form.locator("[name=unit]").fill("16417-KDC01")
    site_form.locator("[name=started_on]").fill("01/06/2024")
    site_form.get_by_role("button", name="Lưu").click()
    expect(page.locator("#site-table")).to_contain_text("Thôn Đông Hưng")

    page.get_by_text("Thêm tổ").click()
    team_form = page.locator("form[action$='/do/team/']")
    team_form.locator("[name=name]").fill("Tổ camera số 1")
    team_form.locator("[name=member_count]").fill("9")
    team_form.get_by_role("button", name="Lưu").click()
    expect(page.locator("#site-table")).to_contain_text("Tổ camera số 1 (9)")

    page.get_by_text("Ghi nhận đánh giá").click()
    judged = page.locator("form[action$='/do/judgement/']")
    judged.locator("[name=effective]").select_option(label="Hiệu quả")
    judged.locator("[name=grade]").select_option(label="Tốt")
    judged.locator("[name=judged_by]").fill("Công an phường Đông Quang")
    judged.get_by_role("button", name="Lưu").click()
    expect(page.locator("#judgement-table")).to_contain_text("Hiệu quả")
    expect(page.locator("#judgement-table")).to_contain_text("thang tạm thời")

    model = SelfManagementModel.objects.get()
    year = model.judgements.get().year
    assert selectors.effective_models_count(unit=tree.commune, year=year) == 1
    page.goto(f"/models/statistics/?year={year}")
    expect(page.locator("#model-figures")).to_contain_text("Số mô hình: 1")
    expect(page.locator("#model-figures")).to_contain_text("Số tổ: 1")
