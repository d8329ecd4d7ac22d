"""Campaigns API: scoped lists, create, activities, totals, Vietnamese refusals."""

from antq.campaigns.models import Activity, Campaign
from antq.core.roles import Role

BASE = "/api/v1/campaigns"


def _activity(**extra):
    return {
        "unit": "16417",
        "kind": "Mít tinh",
        "date": "2026-08-10",
        "attendees": 200,
        "propaganda_sessions": 2,
        "gifts_value": 3_000_000,
        **extra,
    }


def test_list_and_detail_are_scoped(tree, days, staff, persona, client, bearer):
    mine = client.get(BASE, headers=bearer(staff)).json()
    assert mine["count"] == 3
    other = persona(Role.PROVINCE_STAFF, "01")
    assert client.get(BASE, headers=bearer(other)).json()["count"] == 0
    pk = days["festival_19_8"].pk
    response = client.get(f"{BASE}/{pk}", headers=bearer(other))
    assert response.status_code == 404 and response.json()["detail"]
    detail = client.get(f"{BASE}/{pk}", headers=bearer(staff)).json()
    assert set(detail["units"]) == {"16417", "16522"}
    assert "Điều 6" in detail["legal_basis"] and detail["totals"]["unit"] == "38"


def test_create_with_units_by_kind_and_refusal(tree, staff, officer, client, bearer):
    payload = {
        "name": "Cao điểm Tết",
        "kind": "peak_drive",
        "start": "2026-12-15",
        "end": "2027-02-28",
        "units_kinds": ["commune"],
        "units_codes": ["38-CQ01"],
    }
    response = client.post(BASE, payload, content_type="application/json", headers=bearer(staff))
    assert response.status_code == 201
    assert set(response.json()["units"]) == {"16417", "16522", "38-CQ01"}
    bad = client.post(
        BASE,
        {**payload, "end": "2026-01-01"},
        content_type="application/json",
        headers=bearer(staff),
    )
    assert bad.status_code == 400 and bad.json()["errors"]["end"] == (
        "Thời gian kết thúc trước khi bắt đầu."
    )
    assert Campaign.objects.count() == 1


def test_officer_records_and_totals_roll_up(tree, days, staff, officer, client, bearer):
    pk = days["festival_19_8"].pk
    url = f"{BASE}/{pk}/activities"
    made = client.post(url, _activity(), content_type="application/json", headers=bearer(officer))
    assert made.status_code == 201 and made.json()["unit"] == "16417"
    refused = client.post(
        url, _activity(unit="16522"), content_type="application/json", headers=bearer(officer)
    )
    assert refused.status_code == 404 and "16522" in refused.json()["detail"]
    late = client.post(
        url, _activity(date="2026-09-01"), content_type="application/json", headers=bearer(officer)
    )
    assert late.status_code == 400 and "19/08/2026" in late.json()["errors"]["date"]
    assert Activity.objects.count() == 1
    totals = client.get(f"{BASE}/{pk}/totals", headers=bearer(staff)).json()
    assert totals["unit"] == "38" and totals["attendees"] == 200
    assert totals["gifts_value"] == 3_000_000
    listed = client.get(url, headers=bearer(staff)).json()
    assert listed["count"] == 1 and listed["items"][0]["kind"] == "Mít tinh"
    out = client.get(f"{BASE}/{pk}/totals?unit=00004", headers=bearer(staff))
    assert out.status_code == 404
