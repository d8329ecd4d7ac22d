"""Input bounds at the boundary, exports that survive a bad row, the site's own error pages."""

import io
import json

import pytest
from openpyxl import load_workbook

from antq.core.roles import Role
from antq.units.models import Unit, UnitPlacement

pytestmark = pytest.mark.django_db

HOSTILE = {
    "NUL": "Phường\u0000 Đông Quang",
    "right-to-left override": "Phường \u202eĐông Quang",
    "lone surrogate": "Phường \ud800 Đông Quang",
}


def _patch(client, headers, body: bytes):
    return client.patch(
        "/api/v1/units/16417",
        data=body,
        content_type="application/json",
        **{"HTTP_" + k.upper(): v for k, v in headers.items()},
    )


@pytest.mark.parametrize("name", HOSTILE.values(), ids=HOSTILE.keys())
def test_api_refuses_hostile_text_with_the_field_and_changes_nothing(client, persona, bearer, name):
    headers = bearer(persona(Role.PROVINCE_STAFF))
    body = json.dumps({"name": name, "reason": "Sửa tên"}).encode()  # \ud800 stays escaped
    response = _patch(client, headers, body)
    assert response.status_code == 400
    error = response.json()
    assert set(error["errors"]) == {"name"}
    assert "Trường “name”" in error["detail"]
    assert Unit.objects.get(code="16417").name == "Phường Đông Quang"


def test_api_refuses_a_date_outside_the_years_the_system_knows(client, persona, bearer):
    headers = bearer(persona(Role.PROVINCE_STAFF))
    for day in ("0890-08-06", "9999-04-01"):
        response = client.post(
            "/api/v1/units",
            data={
                "code": "X1",
                "name": "Xã Mới",
                "kind": "commune",
                "parent_code": "38",
                "valid_from": day,
            },
            content_type="application/json",
            **{"HTTP_" + k.upper(): v for k, v in headers.items()},
        )
        assert response.status_code == 400, day
        assert set(response.json()["errors"]) == {"valid_from"}
    assert not Unit.objects.filter(code="X1").exists()


@pytest.mark.parametrize("year", ["-13422", "1532245", "150"])
def test_api_refuses_a_year_filter_outside_the_years_the_system_knows(
    client, persona, bearer, year
):
    headers = bearer(persona(Role.PROVINCE_STAFF))
    for path in ("/api/v1/directives", "/api/v1/campaigns", "/api/v1/tips/statistics"):
        response = client.get(path, {"year": year}, headers=headers)
        assert response.status_code == 400, (path, response.content)
        assert set(response.json()["errors"]) == {"year"}
        assert year in response.json()["detail"]


def test_a_page_form_with_a_control_character_gets_the_site_message(client, login, persona):
    login(persona(Role.PROVINCE_STAFF))
    response = client.post("/units/16417/edit/", {"name": "Phường\u0007 X", "reason": "x"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "ký tự điều khiển" in text and "U+0007" in text
    assert Unit.objects.get(code="16417").name == "Phường Đông Quang"


def test_multi_line_text_keeps_its_line_breaks(client, persona, bearer):
    headers = bearer(persona(Role.PROVINCE_STAFF))
    body = json.dumps({"address": "Số 1\r\nĐường Lê Lợi\tTP Thanh Hóa", "reason": "x"}).encode()
    assert _patch(client, headers, body).status_code == 200


def test_too_long_an_address_is_refused_by_the_column_bound(client, persona, bearer):
    headers = bearer(persona(Role.PROVINCE_STAFF))
    body = json.dumps({"address": "x" * 10_000, "reason": "x"}).encode()
    response = _patch(client, headers, body)
    assert response.status_code == 400
    assert Unit.objects.get(code="16417").address == ""


def test_the_units_export_survives_a_name_stored_before_the_checks(client, login, persona, tree):
    # U+0001 rather than NUL: PostgreSQL cannot store a NUL, and neither can an xlsx cell hold it.
    bad = "Phường\u0001 Đông\u202e Quang"
    Unit.objects.filter(code="16417").update(name=bad)
    UnitPlacement.objects.filter(unit__code="16417").update(name=bad)
    login(persona(Role.PROVINCE_STAFF))
    response = client.get("/units/export.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    names = [row[1] for row in sheet.iter_rows(values_only=True)]
    assert "Phường\ufffd Đông\ufffd Quang" in names


def test_the_certificate_survives_a_bad_character():
    from datetime import date

    from antq.core.documents import OfficialDocument, Paragraph, to_docx, to_pdf

    document = OfficialDocument(
        issuing_body="UBND\u0000 TỈNH",
        number="12/QĐ",
        place="Thanh Hóa",
        day=date(2026, 12, 1),
        title="Giấy công nhận",
        body=[Paragraph("Phường\u0000 Đông Quang")],
        signer_title="Chủ tịch",
        signer_name="Nguyễn Văn A",
        recipients=["Phường\u0001 X"],
    )
    assert to_docx(document)[:2] == b"PK"
    assert to_pdf(document)[:4] == b"%PDF"


def test_an_import_row_with_a_control_character_is_refused():
    from antq.core.errors import DomainError
    from antq.core.uploads import csv_rows

    data = "Mã,Tên\n1,Phường\u0000 X\n".encode()
    with pytest.raises(DomainError, match="Dòng 2: Có ký tự điều khiển"):
        list(csv_rows(io.BytesIO(data), max_rows=10, max_columns=5))


def test_every_page_sends_a_strict_content_security_policy(client):
    response = client.get("/accounts/login/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
