"""Deliberate bugs the suite once missed (issue 16, item 3): a refusal needs its reasons."""

from antq.core.roles import Role
from antq.evaluation import selectors

from .support import YEAR, open_year, verify

DECISION = {
    "decision_number": "12/QĐ-UBND",
    "decision_date": f"{YEAR}-11-20",
    "signer": "Lê Thị Hoa",
    "issuing_body": "Ủy ban nhân dân phường Đông Quang",
}


def _verified_area(tree, persona):
    officer = persona(Role.COMMUNE_OFFICER)
    campaign = open_year(persona)
    unit = tree["16417-KDC01"]
    verify(officer, campaign, unit)
    return officer, campaign, unit


def test_a_refusal_with_empty_reasons_is_refused_with_a_message(tree, persona, login):
    officer, campaign, unit = _verified_area(tree, persona)
    client = login(officer)
    url = f"/evaluation/38/{YEAR}/16417-KDC01/refuse/"
    for blank in ("", "   \n "):
        response = client.post(url, {**DECISION, "reason": blank}, follow=True)
        assert "Vui lòng nêu lý do không công nhận." in response.content.decode()
        assert selectors.recognition_for(campaign=campaign, unit=unit) is None
    client.post(url, {**DECISION, "reason": "Còn 2 vụ trộm cắp chưa xử lý"})
    refused = selectors.recognition_for(campaign=campaign, unit=unit)
    assert refused is not None and not refused.in_force
    assert refused.reasons == "Còn 2 vụ trộm cắp chưa xử lý"
