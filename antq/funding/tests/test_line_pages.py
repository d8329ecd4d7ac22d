"""Budget lines and the province's own norms on pages: scope, refusals, what staff may do."""

import time_machine

from antq.core.roles import Role
from antq.funding.models import BudgetLine, Norm


@time_machine.travel("2026-04-10 09:00 +0700", tick=False)
def test_an_officer_records_a_line_and_sees_only_its_subtree(tree, persona, login):
    client = login(persona(Role.COMMUNE_OFFICER))
    line = {"unit": "16417", "year": 2026, "source": "state", "level": "commune"}
    refused = client.post("/funding/lines/new/", {**line, "estimate": -5, "allocated": 0})
    assert refused.status_code == 400 and not BudgetLine.objects.exists()
    outside = client.post(
        "/funding/lines/new/", {**line, "unit": "16522", "estimate": 1, "allocated": 0}
    )
    assert outside.status_code == 404 and not BudgetLine.objects.exists()
    made = client.post(
        "/funding/lines/new/",
        {**line, "estimate": 50_000_000, "allocated": 40_000_000, "decision": "15/QĐ-UBND"},
        follow=True,
    )
    assert "Đã ghi dòng kinh phí" in made.content.decode()
    page = client.get("/funding/lines/", {"year": 2026}).content.decode()
    assert "15/QĐ-UBND" in page and "50.000.000" in page
    other = login(persona(Role.COMMUNE_OFFICER, "16522"))
    assert "15/QĐ-UBND" not in other.get("/funding/lines/").content.decode()


def test_province_staff_record_their_own_norm_and_an_officer_cannot(tree, persona, login):
    officer = login(persona(Role.COMMUNE_OFFICER))
    page = officer.get("/funding/norms/").content.decode()
    assert "Thông tư 40/2023/TT-BTC" in page and 'id="norm-form"' not in page
    norm = {
        "kind": "fuel_per_km",
        "level": "commune",
        "limit": 10_000,
        "valid_from": "01/01/2026",
        "decision": "Quyết định 5/2026/QĐ-UBND",
    }
    assert officer.post("/funding/norms/", norm).status_code == 404
    staff = login(persona(Role.PROVINCE_STAFF))
    assert staff.post("/funding/norms/", {**norm, "decision": ""}).status_code == 400
    assert not Norm.objects.filter(province__isnull=False).exists()
    staff.post("/funding/norms/", norm)
    own = Norm.objects.get(province=tree.province)
    assert own.limit == 10_000 and own.decision == "Quyết định 5/2026/QĐ-UBND"
    assert "Quyết định 5/2026/QĐ-UBND" in staff.get("/funding/norms/").content.decode()
