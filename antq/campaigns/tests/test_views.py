"""Campaign pages: list, create, detail with totals, record an activity, files, history."""

import io
import re
from datetime import date

from openpyxl import load_workbook

from antq.campaigns import services
from antq.campaigns.models import Activity, Attachment, Campaign
from antq.core.roles import Role

from .conftest import at, pdf, png


def _campaign(**extra):
    return {
        "name": "Cao điểm tấn công trấn áp tội phạm Tết 2027",
        "theme": "Bảo đảm an ninh trật tự dịp Tết",
        "kind": "peak_drive",
        "start": "15/12/2026",
        "end": "28/02/2027",
        "legal_basis": "",
        "kinds": ["commune"],
        "root": "",
        "codes": "",
        **extra,
    }


def _activity(**extra):
    return {
        "unit": "16417",
        "kind": "Mít tinh, lễ phát động",
        "date": "10/08/2026",
        "place": "Nhà văn hóa phường",
        "participants": "Công an phường, Mặt trận",
        "attendees": "350",
        "propaganda_sessions": "3",
        "gifts": "20",
        "gifts_value": "10000000",
        "awards": "5",
        "models_launched": "1",
        **extra,
    }


def test_staff_create_a_campaign_choosing_units_by_tree_and_kind(tree, staff, login):
    client = login(staff)
    response = client.post("/campaigns/new/", _campaign(codes="38-CQ01"))
    campaign = Campaign.objects.get()
    assert response.status_code == 302 and response.url == f"/campaigns/{campaign.pk}/"
    codes = set(campaign.units.values_list("code", flat=True))
    assert codes == {"16417", "16522", "38-CQ01"}
    page = client.get(response.url).content.decode()
    assert "Phường Quảng Phú" in page and "Sở Tư pháp" in page


def test_bad_window_or_unknown_unit_refused_in_vietnamese_nothing_stored(tree, staff, login):
    client = login(staff)
    response = client.post("/campaigns/new/", _campaign(end="01/12/2026"))
    assert response.status_code == 400
    assert "Thời gian kết thúc trước khi bắt đầu" in response.content.decode()
    response = client.post("/campaigns/new/", _campaign(codes="00004"))
    assert response.status_code == 400 and "00004" in response.content.decode()
    assert Campaign.objects.count() == 0


def test_only_province_staff_open_the_form(tree, persona, login):
    assert login(persona(Role.COMMUNE_OFFICER)).get("/campaigns/new/").status_code == 403
    assert login(persona(Role.VIEWER)).get("/campaigns/new/").status_code == 403


def test_officer_records_for_own_unit_and_totals_roll_up(tree, days, staff, officer, login):
    campaign = days["festival_19_8"]
    client = login(officer)
    form = client.get(f"/campaigns/{campaign.pk}/activities/new/").content.decode()
    assert "16417" in form and "16522" not in form  # only the officer's own unit
    response = client.post(f"/campaigns/{campaign.pk}/activities/new/", _activity())
    activity = Activity.objects.get()
    assert response.status_code == 302 and activity.unit.code == "16417"
    assert activity.place == "Nhà văn hóa phường" and activity.gifts_value == 10_000_000
    refused = client.post(f"/campaigns/{campaign.pk}/activities/new/", _activity(unit="16522"))
    assert refused.status_code == 400 and Activity.objects.count() == 1
    page = login(staff).get(f"/campaigns/{campaign.pk}/").content.decode()
    assert 'data-testid="total-attendees">350<' in page
    assert 'data-testid="commune-16417"' in page and 'data-testid="commune-16522"' in page
    export = login(staff).get(f"/campaigns/{campaign.pk}/communes.xlsx")
    book = load_workbook(io.BytesIO(b"".join(export.streaming_content)))
    rows = {r[0]: r for r in book.active.iter_rows(min_row=2, values_only=True)}
    assert rows["16417"][3] == 350 and rows["16522"][3] == 0


def test_activity_out_of_window_shows_the_window(tree, days, officer, login):
    campaign = days["festival_19_8"]
    response = login(officer).post(
        f"/campaigns/{campaign.pk}/activities/new/", _activity(date="01/09/2026")
    )
    assert response.status_code == 400 and "19/08/2026" in response.content.decode()


def test_out_of_scope_campaign_is_404(tree, days, persona, login):
    campaign = days["festival_19_8"]
    other = login(persona(Role.PROVINCE_STAFF, "01"))
    assert other.get(f"/campaigns/{campaign.pk}/").status_code == 404


def test_list_search_filters_paging_export(tree, days, staff, login):
    for n in range(60):
        services.campaign_create(
            actor=staff,
            owner=tree.province,
            name=f"Đợt cao điểm số {n}",
            kind="peak_drive",
            start=date(2025, 1, 1),
            end=date(2025, 1, 31),
        )
    client = login(staff)

    def shown(query):
        page = client.get(f"/campaigns/?{query}").content.decode()
        return re.findall(r'data-testid="campaign-(\d+)"', page), page

    found, page = shown("q=dot cao diem")  # without diacritics
    assert len(found) == 50 and "60 đợt" in page  # a page, with the total
    assert str(days["festival_19_8"].pk) not in found
    found, _page = shown("q=dot cao diem&page=2")
    assert len(found) == 10
    found, _page = shown("kind=anti_drug_26_6")
    assert found == [str(days["anti_drug_26_6"].pk)]
    found, _page = shown("year=2026")
    assert sorted(found) == sorted(str(c.pk) for c in days.values())
    export = client.get("/campaigns/export.xlsx?year=2026")
    sheet = load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
    names = [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(names) == 3 and any("26/6/2026" in n for n in names)


def test_provisional_basis_is_labelled(tree, days, staff, login):
    page = login(staff).get(f"/campaigns/{days['great_unity'].pk}/").content.decode()
    assert 'data-testid="provisional"' in page
    page = login(staff).get(f"/campaigns/{days['festival_19_8'].pk}/").content.decode()
    assert 'data-testid="provisional"' not in page and "Điều 6" in page


def _recorded(days, officer):
    with at(date(2026, 8, 10)):
        return services.activity_record(
            actor=officer,
            campaign=days["festival_19_8"],
            unit=officer.unit,
            kind="Mít tinh",
            date=date(2026, 8, 10),
            attendees=10,
        )


def test_photo_is_re_encoded_and_document_is_a_download(tree, days, officer, login):
    activity = _recorded(days, officer)
    client = login(officer)
    url = f"/campaigns/{activity.campaign_id}/activities/{activity.pk}/"
    trailer = b"<script>alert(1)</script>"
    assert client.post(url + "files/", {"file": png(extra=trailer)}).status_code == 302
    assert client.post(url + "files/", {"file": pdf()}).status_code == 302
    photo, document = Attachment.objects.order_by("pk")
    served = client.get(url + f"files/{photo.pk}/")
    body = b"".join(served.streaming_content)
    assert served["Content-Type"] == "image/png" and trailer not in body
    assert served["X-Content-Type-Options"] == "nosniff"
    doc = client.get(url + f"files/{document.pk}/")
    assert "attachment" in doc["Content-Disposition"]
    assert doc["Content-Type"] == "application/octet-stream"
    page = client.get(url).content.decode()
    assert "bao-cao.pdf" in page and "anh.png" in page


def test_html_file_or_too_large_refused_nothing_stored(tree, days, officer, login, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    activity = _recorded(days, officer)
    client = login(officer)
    url = f"/campaigns/{activity.campaign_id}/activities/{activity.pk}/files/"
    html = SimpleUploadedFile("anh.png", b"<html><script>alert(1)</script></html>")
    response = client.post(url, {"file": html})
    assert response.status_code == 400 and "không được chấp nhận" in response.content.decode()
    settings.ANTQ_CAMPAIGN_MAX_BYTES = 20
    response = client.post(url, {"file": png()})
    assert response.status_code == 400 and "MB" in response.content.decode()
    assert Attachment.objects.count() == 0


def test_history_of_changes_on_the_detail(tree, days, staff, login):
    campaign = days["festival_19_8"]
    client = login(staff)
    response = client.post(
        f"/campaigns/{campaign.pk}/edit/",
        {
            "name": campaign.name,
            "theme": "Chủ đề mới",
            "kind": campaign.kind,
            "start": "05/07/2026",
            "end": "19/08/2026",
            "legal_basis": campaign.legal_basis,
            "reason": "Điều chỉnh theo kế hoạch của tỉnh",
        },
    )
    assert response.status_code == 302
    page = client.get(f"/campaigns/{campaign.pk}/").content.decode()
    assert "Điều chỉnh theo kế hoạch của tỉnh" in page and "05/07/2026" in page
