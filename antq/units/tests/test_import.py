import io

import pytest
from openpyxl import load_workbook

from antq.core.errors import DomainError
from antq.core.roles import Role
from antq.units.importing import ImportRejected, template_workbook, units_import
from antq.units.models import Unit, UnitPlacement

from .sheets import area_rows, csv_bytes, xlsx_bytes


def test_ten_thousand_rows_with_one_bad_row_import_nothing_then_all(tree, persona):
    staff = persona(Role.PROVINCE_STAFF)
    rows = area_rows("16417", 10_000)
    rows[6_999][2] = "khu_dan_cu_sai"  # sheet row 7,001 (row 1 holds the headers)
    before = Unit.objects.count()
    with pytest.raises(ImportRejected) as caught:
        units_import(actor=staff, data=xlsx_bytes(rows), filename="kdc.xlsx")
    assert [(e.line, e.column) for e in caught.value.errors] == [(7001, "Loại")]
    assert "khu_dan_cu_sai" in caught.value.errors[0].message
    assert Unit.objects.count() == before
    rows[6_999][2] = "residential_area"
    assert units_import(actor=staff, data=xlsx_bytes(rows), filename="kdc.xlsx") == 10_000
    assert Unit.objects.filter(parent=tree.commune, kind="residential_area").count() == 10_002
    assert UnitPlacement.objects.filter(unit__code="16417-KDC010000").get().path == (
        "38/16417/16417-KDC010000/"
    )
    record = Unit.objects.get(code="16417-KDC000001").history.get()
    assert record.history_user == staff
    assert "kdc.xlsx" in record.history_change_reason


def test_every_problem_is_named_by_row_and_column(tree, persona):
    staff = persona(Role.PROVINCE_STAFF)
    rows = [
        ["A-1", "Thôn A", "Khu dân cư", "16417", "", "", "", ""],  # Vietnamese label is fine
        ["A-1", "Thôn A lặp", "residential_area", "16417", "", "", "", ""],
        ["A-3", "", "residential_area", "16417", "", "", "", ""],
        ["A-4", "Thôn D", "residential_area", "99999", "", "", "", ""],
        ["A-5", "Trường E", "school", "16417", "", "", "", ""],
        ["A-6", "Thôn F", "residential_area", "38", "", "", "", ""],
        ["16417", "Trùng mã có sẵn", "commune", "38", "", "", "", ""],
        ["A 8", "Mã có dấu cách", "residential_area", "16417", "", "", "", "31/02/2026"],
    ]
    with pytest.raises(ImportRejected) as caught:
        units_import(actor=staff, data=csv_bytes(rows), filename="loi.csv")
    found = {(e.line, e.column) for e in caught.value.errors}
    assert found == {
        (3, "Mã"),
        (4, "Tên"),
        (5, "Mã đơn vị cấp trên"),
        (6, "Cấp quản lý"),
        (7, "Mã đơn vị cấp trên"),
        (8, "Mã"),
        (9, "Mã"),
        (9, "Hiệu lực từ ngày"),
    }
    assert not Unit.objects.filter(code__startswith="A-").exists()


def test_rows_may_name_parents_later_in_the_file_but_not_in_a_loop(tree, persona):
    admin = persona(Role.ADMIN)
    rows = [
        ["B-KDC", "Thôn B", "residential_area", "B-XA", "", "", "", ""],
        ["B-XA", "Xã B", "commune", "38", "", "", "", ""],
    ]
    assert units_import(actor=admin, data=csv_bytes(rows), filename="ok.csv") == 2
    assert Unit.objects.get(code="B-KDC").path == "38/B-XA/B-KDC/"
    loop = [
        ["C-1", "Thôn C1", "commune", "C-2", "", "", "", ""],
        ["C-2", "Thôn C2", "commune", "C-1", "", "", "", ""],
    ]
    with pytest.raises(ImportRejected):
        units_import(actor=admin, data=csv_bytes(loop), filename="loop.csv")


def test_a_commune_officer_cannot_import_outside_the_commune(tree, persona):
    officer = persona(Role.COMMUNE_OFFICER)
    rows = [["D-1", "Thôn D", "residential_area", "00004", "", "", "", ""]]
    with pytest.raises(ImportRejected) as caught:
        units_import(actor=officer, data=csv_bytes(rows), filename="d.csv")
    assert caught.value.errors[0].column == "Mã đơn vị cấp trên"


@pytest.mark.parametrize(
    ("data", "filename"),
    [(b"not a workbook", "x.xlsx"), (b"", "x.csv"), (b"a,b\n1,2\n", "x.csv"), (b"x", "x.pdf")],
)
def test_unreadable_files_are_refused_with_a_message(tree, persona, data, filename):
    with pytest.raises(DomainError) as caught:
        units_import(actor=persona(Role.ADMIN), data=data, filename=filename)
    assert caught.value.message


def test_the_template_imports_once_its_example_row_is_replaced(tree, persona):
    book = template_workbook()
    sheet = book["Đơn vị"]
    assert [c.value for c in sheet[1]][:4] == ["Mã", "Tên", "Loại", "Mã đơn vị cấp trên"]
    sheet.delete_rows(2)
    sheet.append(["16417-KDC77", "Thôn Hòa Bình", "residential_area", "16417"])
    out = io.BytesIO()
    book.save(out)
    assert units_import(actor=persona(Role.ADMIN), data=out.getvalue(), filename="t.xlsx") == 1
    assert load_workbook(io.BytesIO(out.getvalue()))["Hướng dẫn"]["A1"].value == "Cột"
