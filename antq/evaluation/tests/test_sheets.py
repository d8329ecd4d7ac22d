"""The province's own score sheets: they replace the provisional ones, and a year keeps its own."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from antq.core.errors import DomainError, PermissionDenied
from antq.core.roles import Role
from antq.evaluation import selectors, services
from antq.evaluation.choices import ClassificationStatus
from antq.evaluation.models import CampaignYear

from .support import YEAR, open_year

DECISION = "15/QĐ-UBND"
DAY = date(YEAR, 1, 5)
ITEMS = [
    {"id": "A", "text": "Xây dựng kế hoạch thực hiện phong trào", "max_points": 50},
    {"id": "B", "text": "Thu hút người dân tham gia", "max_points": 30},
    {"id": "C", "text": "Tổ chức Ngày hội toàn dân bảo vệ ANTQ", "max_points": 20},
]
API = "/api/v1/evaluation"


def _decide(actor, campaign, kind="residential_area", items=ITEMS, number=DECISION, day=DAY):
    return services.year_sheet_decide(
        actor=actor,
        campaign=campaign,
        unit_kind=kind,
        items=items,
        decision_number=number,
        decision_date=day,
    )


def _final(officer, campaign, unit, scores, changes=None):
    made = services.classification_self_score(
        actor=officer, campaign=campaign, unit=unit, scores=scores, submit=True
    )
    return services.classification_review(actor=officer, classification=made, changes=changes or {})


def test_the_provinces_sheet_replaces_the_provisional_one_for_self_scoring_and_review(
    tree, persona, login
):
    staff, officer = persona(Role.PROVINCE_STAFF), persona(Role.COMMUNE_OFFICER)
    campaign = open_year(persona)
    area = tree["16417-KDC01"]
    provisional = selectors.sheet_of(campaign, area)
    assert provisional.provisional

    sheet = _decide(staff, campaign)
    campaign.refresh_from_db()
    in_force = selectors.sheet_of(campaign, area)
    assert in_force == sheet and not in_force.provisional
    assert [i.id for i in in_force.items] == ["A", "B", "C"]
    assert "15/QĐ-UBND" in in_force.label and "05/01/2026" in in_force.label
    # Other kinds keep the provisional sheet.
    assert selectors.sheet_of(campaign, tree["16417"]).provisional

    # The provisional items are no longer on the sheet.
    old_item = provisional.items[0].id
    with pytest.raises(DomainError, match=old_item):
        services.classification_self_score(
            actor=officer, campaign=campaign, unit=area, scores={old_item: 1}
        )
    final = _final(
        officer, campaign, area, {"A": 50, "B": 30, "C": 5}, {"C": (15, "Có biên bản ngày hội")}
    )
    assert final.status == ClassificationStatus.FINAL
    assert final.sheet_id == sheet.id and final.total == 95
    assert final.class_name == "good"  # not recognised: the provisional cap holds it at good

    page = login(officer).get(f"/evaluation/38/{YEAR}/16417-KDC01/classification/")
    html = page.content.decode()
    assert 'id="sheet-label" data-provisional="false"' in html and "15/QĐ-UBND" in html
    assert 'name="s:A"' in html and f'name="s:{old_item}"' not in html


@pytest.mark.parametrize(
    ("items", "named"),
    [
        ([*ITEMS[:2], {"id": "A", "text": "Lặp lại", "max_points": 20}], "A"),
        ([*ITEMS[:2], {"id": "C", "text": "Ngày hội", "max_points": 10}], "90"),
        ([*ITEMS[:2], {"id": "C", "text": "  ", "max_points": 20}], "C"),
        ([*ITEMS[:2], {"id": "C", "text": "Ngày hội", "max_points": 0}], "C"),
        ([*ITEMS[:2], {"id": "", "text": "Ngày hội", "max_points": 20}], "3"),
    ],
    ids=["duplicate-id", "total-not-100", "missing-text", "zero-points", "missing-id"],
)
def test_a_bad_sheet_is_refused_naming_the_item_and_nothing_changes(tree, persona, items, named):
    staff = persona(Role.PROVINCE_STAFF)
    campaign = open_year(persona)
    history = campaign.history.count()
    with pytest.raises(DomainError) as refused:
        _decide(staff, campaign, items=items)
    shown = " ".join([refused.value.message, *map(str, getattr(refused.value, "errors", []))])
    assert named in shown
    campaign.refresh_from_db()
    assert campaign.own_sheets == {} and campaign.history.count() == history
    assert selectors.sheet_of(campaign, tree["16417-KDC01"]).provisional


def test_only_the_provinces_staff_record_its_sheet(tree, persona, login, client, bearer):
    campaign = open_year(persona)
    other_staff = persona(Role.PROVINCE_STAFF, "01")
    path = f"{API}/provinces/38/years/{YEAR}/sheets/residential_area"
    body = {"items": ITEMS, "decision_number": DECISION, "decision_date": str(DAY)}

    def put(account):
        return client.put(path, body, content_type="application/json", headers=bearer(account))

    assert put(other_staff).status_code == 404
    assert (
        login(other_staff).get(f"/evaluation/38/{YEAR}/sheets/residential_area/").status_code == 404
    )
    assert put(persona(Role.COMMUNE_OFFICER)).status_code == 403
    with pytest.raises(PermissionDenied):
        _decide(other_staff, campaign)
    campaign.refresh_from_db()
    assert campaign.own_sheets == {}

    done = put(persona(Role.PROVINCE_STAFF))
    assert done.status_code == 200, done.content
    assert done.json()["provisional"] is False and done.json()["decision_number"] == DECISION
    assert [i["id"] for i in done.json()["items"]] == ["A", "B", "C"]
    got = client.get(path, headers=bearer(persona(Role.VIEWER))).json()
    assert got["id"] == done.json()["id"]
    assert (
        campaign.history.first().history_change_reason.endswith(f"{DECISION} of 05/01/2026")
        or DECISION in campaign.history.first().history_change_reason
    )


def test_the_api_refuses_a_bad_sheet_with_an_error_per_row(tree, persona, client, bearer):
    open_year(persona)
    bad = [*ITEMS[:2], {"id": "B", "max_points": 20}]
    answer = client.put(
        f"{API}/provinces/38/years/{YEAR}/sheets/residential_area",
        {"items": bad, "decision_number": DECISION, "decision_date": str(DAY)},
        content_type="application/json",
        headers=bearer(persona(Role.PROVINCE_STAFF)),
    )
    assert answer.status_code == 400
    errors = answer.json()["errors"]
    assert any("3" in e and "Mã mục" in e and "B" in e for e in errors)
    assert any("3" in e and "Nội dung" in e for e in errors)
    assert CampaignYear.objects.get().own_sheets == {}


def test_once_a_class_is_final_the_kinds_sheet_cannot_be_replaced(tree, persona):
    staff, officer = persona(Role.PROVINCE_STAFF), persona(Role.COMMUNE_OFFICER)
    campaign = open_year(persona)
    first = _decide(staff, campaign)
    # One area is final, another only self-scored on the sheet.
    _final(officer, campaign, tree["16417-KDC01"], {"A": 50, "B": 30, "C": 20})
    draft = services.classification_self_score(
        actor=officer, campaign=campaign, unit=tree["16417-KDC02"], scores={"A": 40, "B": 25}
    )
    changed = [{**ITEMS[0], "max_points": 60}, {**ITEMS[1], "max_points": 20}, ITEMS[2]]
    with pytest.raises(DomainError):
        _decide(staff, campaign, items=changed, number="16/QĐ-UBND")
    campaign.refresh_from_db()
    assert selectors.sheet_of(campaign, tree["16417-KDC01"]) == first
    draft.refresh_from_db()
    assert draft.sheet_id == first.id and draft.self_scores == {"A": 40, "B": 25}


def test_a_sheet_replaced_before_the_final_class_moves_the_self_scores_onto_it(tree, persona):
    staff, officer = persona(Role.PROVINCE_STAFF), persona(Role.COMMUNE_OFFICER)
    campaign = open_year(persona)
    _decide(staff, campaign)
    submitted = services.classification_self_score(
        actor=officer,
        campaign=campaign,
        unit=tree["16417-KDC01"],
        scores={"A": 45, "B": 30, "C": 20},
        submit=True,
    )
    changed = [
        ITEMS[0],
        {**ITEMS[1], "max_points": 20},
        {"id": "D", "text": "Mới", "max_points": 10},
    ]
    second = _decide(staff, campaign, items=[*changed, ITEMS[2]], number="16/QĐ-UBND")
    submitted.refresh_from_db()
    # B no longer fits (30 > 20), C stays, the unit scores again on the new sheet.
    assert submitted.status == ClassificationStatus.DRAFT and submitted.sheet_id == second.id
    assert submitted.self_scores == {"A": 45, "C": 20} and submitted.total == 65


def test_a_year_keeps_the_sheet_and_policy_it_was_classified_under(tree, persona):
    staff, officer = persona(Role.PROVINCE_STAFF), persona(Role.COMMUNE_OFFICER)
    campaign = open_year(persona)
    area = tree["16417-KDC01"]
    services.year_policy_decide(
        actor=staff,
        campaign=campaign,
        number=DECISION,
        decision_date=DAY,
        excellent=95,
        good=80,
        average=60,
        cap_not_recognised=None,
    )
    sheet = _decide(staff, campaign)
    final = _final(officer, campaign, area, {"A": 50, "B": 30, "C": 16})
    assert final.class_name == "excellent" and final.sheet_id == sheet.id

    following = open_year(persona, YEAR + 1)
    services.year_policy_decide(
        actor=staff,
        campaign=following,
        number="3/QĐ-UBND",
        decision_date=date(YEAR + 1, 1, 3),
        excellent=98,
        good=85,
        average=60,
        cap_not_recognised="good",
    )
    later = [{"id": "X", "text": "Một mục duy nhất", "max_points": 100}]
    _decide(staff, following, items=later, number="3/QĐ-UBND", day=date(YEAR + 1, 1, 3))

    campaign = CampaignYear.objects.get(pk=campaign.pk)
    final.refresh_from_db()
    assert selectors.sheet_of(campaign, area) == sheet
    assert selectors.policy_of(campaign).bands[0].min_points == 95
    assert final.sheet_id == sheet.id and final.class_name == "excellent"
    assert final.policy["bands"]["excellent"] == 95
    assert [i.id for i in selectors.sheet_of(following, area).items] == ["X"]
    assert selectors.lift_items(final) == []


def _xlsx(rows) -> bytes:
    book = Workbook()
    book.active.append(["Mã mục", "Nội dung", "Điểm tối đa"])
    for row in rows:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_province_staff_upload_a_sheet_file_and_see_each_bad_row(tree, persona, login):
    staff = persona(Role.PROVINCE_STAFF)
    campaign = open_year(persona)
    client = login(staff)
    year_page = client.get(f"/evaluation/38/{YEAR}/").content.decode()
    assert 'data-testid="sheet-commune" data-provisional="true"' in year_page
    assert 'id="replace-sheet-commune"' in year_page
    url = f"/evaluation/38/{YEAR}/sheets/commune/"
    bad = "Mã mục,Nội dung,Điểm tối đa\n1,Kế hoạch,60\n1,Tham gia,30\n2,,abc\n".encode()
    answer = client.post(
        url,
        {
            "decision_number": DECISION,
            "decision_date": "2026-01-05",
            "file": SimpleUploadedFile("bang-diem.csv", bad, content_type="text/csv"),
        },
    )
    html = answer.content.decode()
    assert answer.status_code == 200 and 'id="sheet-errors"' in html
    assert 'data-line="3" data-column="Mã mục"' in html  # the second "1"
    assert 'data-line="4" data-column="Nội dung"' in html
    assert 'data-line="4" data-column="Điểm tối đa"' in html
    assert 'data-line="2"' not in html
    campaign.refresh_from_db()
    assert campaign.own_sheets == {}

    good = _xlsx([("1", "Kế hoạch", 60), ("2", "Tham gia", 37.5), ("3", "Ngày hội", 2.5)])
    answer = client.post(
        url,
        {
            "decision_number": DECISION,
            "decision_date": "2026-01-05",
            "file": SimpleUploadedFile("bang-diem.xlsx", good),
        },
    )
    assert answer.status_code == 302
    campaign.refresh_from_db()
    sheet = selectors.sheet_for_kind(campaign, "commune")
    assert [(i.id, float(i.max_points)) for i in sheet.items] == [
        ("1", 60),
        ("2", 37.5),
        ("3", 2.5),
    ]
    year_page = client.get(f"/evaluation/38/{YEAR}/").content.decode()
    assert 'data-testid="sheet-commune" data-provisional="false"' in year_page
    assert "15/QĐ-UBND" in year_page and "05/01/2026" in year_page
    exported = client.get(f"/evaluation/38/{YEAR}/sheets/commune.xlsx")
    rows = list(load_workbook(io.BytesIO(b"".join(exported.streaming_content))).active.values)
    assert rows[0] == ("Mã mục", "Nội dung", "Điểm tối đa") and rows[3] == ("3", "Ngày hội", 2.5)


def test_province_staff_edit_the_rows_in_the_grid(tree, persona, login):
    staff = persona(Role.PROVINCE_STAFF)
    campaign = open_year(persona)
    client = login(staff)
    url = f"/evaluation/38/{YEAR}/sheets/school/"
    form = client.get(url).content.decode()
    assert 'name="id-0" value="1"' in form  # the known items of Article 7 come first
    data = {"decision_number": DECISION, "decision_date": "2026-01-05", "rows": "4"}
    for n, item in enumerate(ITEMS):
        data.update({f"id-{n}": item["id"], f"text-{n}": item["text"], f"max-{n}": "20"})
    refused = client.post(url, data).content.decode()
    assert "60" in refused and 'name="id-2" value="C"' in refused  # the total, rows kept
    data["max-0"] = "60"
    assert client.post(url, data).status_code == 302
    campaign.refresh_from_db()
    assert [i["max_points"] for i in campaign.own_sheets["school"]["items"]] == [60, 20, 20]
    assert selectors.sheet_for_kind(campaign, "agency").provisional  # only the school's


def test_a_long_reason_in_review_is_kept_in_full_on_the_classification(tree, persona):
    """A reason longer than 100 characters is kept whole, in `changes` and in the history."""
    staff, officer = persona(Role.PROVINCE_STAFF), persona(Role.COMMUNE_OFFICER)
    campaign = open_year(persona)
    _decide(staff, campaign)
    reason = "Biên bản kiểm tra thực tế cho thấy khu dân cư chưa tổ chức ngày hội " * 3
    final = _final(
        officer, campaign, tree["16417-KDC01"], {"A": 50, "B": 30, "C": 20}, {"C": (10, reason)}
    )
    assert final.changes[0]["reason"] == reason and final.total == 90
    assert reason in final.history.first().history_change_reason
