"""The lists' Excel downloads read as an official expects: fitted widths, a frozen bold header,
real dates shown dd/mm/yyyy, numbers as numbers, Vietnamese labels instead of codes."""

import io
from datetime import date, datetime

from openpyxl import load_workbook

from antq.core.roles import Role


def _sheet(response):
    assert response.status_code == 200
    return load_workbook(io.BytesIO(b"".join(response.streaming_content))).active


def _column(sheet, header):
    headers = [c.value for c in sheet[1]]
    return headers.index(header) + 1


def test_the_unit_list_has_a_frozen_bold_header_and_fitted_widths(tree, persona, client):
    client.force_login(persona(Role.PROVINCE_STAFF))
    sheet = _sheet(client.get("/units/export.xlsx", {"unit": "38"}))
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    assert not sheet["A2"].font.bold
    for column in sheet.iter_cols(min_row=2):
        letter = column[0].column_letter
        shown = [10 if c.is_date else len(str(c.value)) for c in column if c.value is not None]
        longest = max(shown, default=0)
        width = sheet.column_dimensions[letter].width
        assert width >= min(longest, 60), (letter, width, longest)
        assert width <= 62


def test_the_unit_list_writes_dates_as_dates_and_kinds_as_labels(tree, persona, client):
    client.force_login(persona(Role.PROVINCE_STAFF))
    commune = _sheet(client.get("/units/export.xlsx", {"unit": "16417"}))
    sheet = _sheet(client.get("/units/export.xlsx", {"unit": "38"}))
    rows = {row[0].value: row for s in (commune, sheet) for row in s.iter_rows(min_row=2)}
    school = rows["16417-TH01"]
    valid_from = school[_column(sheet, "Hiệu lực từ ngày") - 1]
    assert valid_from.is_date and valid_from.value.date() == date(2025, 7, 1)
    assert valid_from.number_format == "DD/MM/YYYY"
    assert school[_column(sheet, "Loại đơn vị") - 1].value == "Cơ sở giáo dục"
    assert school[_column(sheet, "Cấp quản lý") - 1].value == "Cấp xã"
    agency = rows["38-CQ01"]
    assert agency[_column(sheet, "Loại đơn vị") - 1].value == "Cơ quan"
    assert agency[_column(sheet, "Cấp quản lý") - 1].value == "Cấp tỉnh"
    values = {c.value for row in rows.values() for c in row}
    assert not values & {"school", "agency", "commune", "province", "residential_area"}


def test_the_campaign_list_writes_numbers_as_numbers_and_dates_as_dates(tree, persona, client):
    name = "Đợt cao điểm tấn công trấn áp tội phạm dịp Tết Nguyên đán Bính Ngọ 2026"
    staff = persona(Role.PROVINCE_STAFF)
    client.force_login(staff)
    created = client.post(
        "/campaigns/new/",
        {
            "name": name,
            "theme": "Bảo đảm an ninh trật tự dịp Tết",
            "kind": "peak_drive",
            "start": "15/01/2026",  # typed day first, as on the page
            "end": "28/02/2026",
            "legal_basis": "",
            "kinds": ["commune"],
            "root": "",
            "codes": "",
        },
    )
    assert created.status_code == 302
    sheet = _sheet(client.get("/campaigns/export.xlsx", {"year": "2026"}))
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold
    row = next(sheet.iter_rows(min_row=2, max_row=2))
    start = row[_column(sheet, "Từ ngày") - 1]
    assert start.is_date and start.value == datetime(2026, 1, 15)
    assert start.number_format == "DD/MM/YYYY"
    activities = row[_column(sheet, "Hoạt động") - 1]
    assert activities.data_type == "n" and activities.value == 0
    # a name longer than the cap: the column stops at 60 characters and the name wraps
    assert sheet.column_dimensions["A"].width == 60 and row[0].alignment.wrap_text


def test_the_rollup_and_the_template_keep_their_headers_in_view(tree, persona, client):
    client.force_login(persona(Role.PROVINCE_STAFF))
    query = {"form": "movement-monthly", "period": "2026-09", "unit": "38"}
    answer = client.get("/reports/rollup.xlsx", query)
    assert answer.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(answer.streaming_content)))
    totals, done = book.worksheets
    assert totals.freeze_panes == "A5" and all(c.font.bold for c in totals[4])
    assert totals["C2"].value == "Tháng 09/2026"  # the period as officials write it
    indicators = [r[0] for r in totals.iter_rows(min_row=5, values_only=True)]
    assert "Số buổi tuyên truyền" in indicators and "propaganda_sessions" not in indicators
    assert totals.column_dimensions["A"].width >= min(60, max(len(n) for n in indicators))
    assert done.freeze_panes == "A2" and done["A1"].font.bold
    template = client.get("/reports/excel/template.xlsx", {**query, "unit": "16417"})
    sheet = load_workbook(io.BytesIO(b"".join(template.streaming_content))).active
    assert sheet.freeze_panes == "C6"
