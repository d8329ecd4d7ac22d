"""Deliberate bugs the suite once missed (issue 16, item 3): the unit page's merge direction."""

from datetime import date

from antq.core.roles import Role
from antq.units import selectors

AFTER = date(2026, 4, 2)


def test_the_unit_pages_merge_brings_the_others_into_this_unit(tree, persona, login):
    staff = persona(Role.PROVINCE_STAFF)
    client = login(staff)
    response = client.post(
        "/units/16417/reorganise/",
        {
            "action": "merge",
            "effective_date": "01/04/2026",
            "other_codes": "16522",
            "basis": "Nghị quyết số 1686/NQ-UBTVQH15",
            "reason": "Sáp nhập",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0].endswith("/units/16417/")
    live = {row.unit.code for row in selectors.unit_list(user=staff, as_of=AFTER)}
    assert "16417" in live and "16522" not in live  # this unit survives, the other closes
    children = selectors.unit_list(user=staff, as_of=AFTER, parent=tree["16417"])
    assert "16522-KDC01" in {row.unit.code for row in children}
