"""Every change through pages, API and import appears in the history with its author."""

import io

from antq.core.roles import Role
from antq.units.models import Unit

from .sheets import csv_bytes


def _latest(code):
    return Unit.objects.get(code=code).history.order_by("-history_date", "-pk").first()


def test_changes_from_pages_api_and_import_name_their_author(tree, persona, client, bearer):
    officer, staff = persona(Role.COMMUNE_OFFICER), persona(Role.PROVINCE_STAFF)

    client.force_login(officer)
    client.post(
        "/units/16417-KDC01/edit/",
        {"name": "Thôn Đông Hưng", "address": "Xóm 3", "reason": "Bổ sung địa chỉ"},
    )
    record = _latest("16417-KDC01")
    assert (record.history_user, record.address, record.history_change_reason) == (
        officer,
        "Xóm 3",
        "Bổ sung địa chỉ",
    )

    client.patch(
        "/api/v1/units/16417-KDC02",
        {"address": "Số 5", "reason": "Theo API"},
        content_type="application/json",
        headers=bearer(staff),
    )
    record = _latest("16417-KDC02")
    assert (record.history_user, record.address, record.history_change_reason) == (
        staff,
        "Số 5",
        "Theo API",
    )

    upload = io.BytesIO(
        csv_bytes([["16417-KDC50", "Thôn Mới", "residential_area", "16417", "", "", "", ""]])
    )
    upload.name = "them.csv"
    client.force_login(officer)
    assert client.post("/units/import/", {"file": upload}).status_code == 302
    record = _latest("16417-KDC50")
    assert record.history_user == officer
    assert record.history_type == "+"


def test_the_unit_page_shows_its_history(tree, persona, client):
    officer = persona(Role.COMMUNE_OFFICER)
    client.force_login(officer)
    client.post(
        "/units/16417-KDC01/edit/",
        {"name": "Thôn Đông Hưng", "address": "Xóm 3", "reason": "Bổ sung địa chỉ"},
    )
    page = client.get("/units/16417-KDC01/").content.decode()
    history = page[page.index('id="history"') :]
    assert officer.username in history
    assert "Bổ sung địa chỉ" in history
    assert "Xóm 3" in history


def test_a_bad_import_row_is_shown_and_nothing_changes(tree, persona, client):
    client.force_login(persona(Role.COMMUNE_OFFICER))
    rows = [
        ["16417-KDC60", "Thôn A", "residential_area", "16417", "", "", "", ""],
        ["16417-KDC61", "Thôn B", "khong_ro", "16417", "", "", "", ""],
    ]
    upload = io.BytesIO(csv_bytes(rows))
    upload.name = "loi.csv"
    response = client.post("/units/import/", {"file": upload})
    assert response.status_code == 400
    assert "khong_ro" in response.content.decode()
    assert not Unit.objects.filter(code__in=["16417-KDC60", "16417-KDC61"]).exists()
