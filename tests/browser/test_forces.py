from datetime import date

from playwright.sync_api import expect

from antq.core.roles import Role
from antq.forces.models import SecurityTeam, TeamMember
from conftest import PASSWORD


def _register_member(page, *, name, identity, birth, role="Tổ viên"):
    page.get_by_role("button", name="Đăng ký thành viên").click()
    page.locator("[name=role]").select_option(label=role)
    page.locator("[name=full_name]").fill(name)
    page.locator("[name=birth_date]").fill(birth)
    page.locator("[name=sex]").select_option(label="Nam")
    page.locator("[name=identity_number]").fill(identity)
    page.locator("[name=residence]").fill("Thôn Đông Hưng, phường Đông Quang")
    page.locator("[name=resident_since]").fill("01/01/2010")
    page.locator("[name=education]").select_option(label="Trung học cơ sở")
    page.locator("[name=record_document]").fill("Phiếu lý lịch tư pháp số 15")
    page.locator("[name=health_document]").fill("Giấy khám sức khỏe số 7")
    page.locator("[name=joined_on]").fill(date.today().strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Lưu").click()


def test_a_commune_officer_registers_a_team_and_three_members_one_refused_for_age(
    page, log_in, tree, persona
):
    officer = persona(Role.COMMUNE_OFFICER)
    log_in(officer, PASSWORD)
    page.goto("/forces/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Phường Đông Quang")
    page.get_by_role("button", name="Đăng ký tổ").click()
    page.locator("[name=name]").fill("Tổ bảo vệ ANTT thôn Đông Hưng")
    page.get_by_role("checkbox", name="Thôn Đông Hưng").check()
    page.locator("[name=decision_number]").fill("125/QĐ-UBND")
    page.locator("[name=decision_date]").fill("02/01/2025")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tổ bảo vệ ANTT thôn Đông Hưng")

    _register_member(
        page,
        name="Nguyễn Văn Trưởng",
        identity="038080000001",
        birth="10/03/1980",
        role="Tổ trưởng",
    )
    expect(page.get_by_text("Đã đăng ký Nguyễn Văn Trưởng vào tổ.")).to_be_visible()
    _register_member(page, name="Lê Văn Phó", identity="038085000002", birth="05/07/1985")
    expect(page.get_by_text("Đã đăng ký Lê Văn Phó vào tổ.")).to_be_visible()

    _register_member(page, name="Trần Văn Nhỏ", identity="038112000003", birth="01/01/2012")
    refusal = page.locator("#refusals")
    expect(refusal).to_be_visible()
    expect(refusal).to_contain_text("M-AGE")
    expect(refusal).to_contain_text("thành viên phải đủ 18 tuổi trở lên")
    page.locator("[name=birth_date]").fill("01/01/1990")
    page.locator("[name=identity_number]").fill("038090000003")
    page.locator("[name=full_name]").fill("Trần Văn Ba")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã đăng ký Trần Văn Ba vào tổ.")).to_be_visible()

    table = page.locator("#member-table")
    expect(table.get_by_role("link", name="Nguyễn Văn Trưởng")).to_be_visible()
    expect(table.get_by_text("038090000003")).to_be_visible()
    expect(table.get_by_text("Trần Văn Nhỏ")).to_have_count(0)
    team = SecurityTeam.objects.get()
    assert list(team.members.values_list("full_name", flat=True).order_by("pk")) == [
        "Nguyễn Văn Trưởng",
        "Lê Văn Phó",
        "Trần Văn Ba",
    ]
    assert not TeamMember.objects.filter(identity_number="038112000003").exists()
