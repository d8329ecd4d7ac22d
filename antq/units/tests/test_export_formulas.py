"""Exports never write a live formula: a hostile unit name comes back as its own text."""

import io
import zipfile

from openpyxl import load_workbook

from antq.core.roles import Role
from antq.units.importing import units_import

from .sheets import csv_bytes

NAMES = [
    '=HYPERLINK("http://x","y")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
]


def test_a_unit_named_like_a_formula_is_exported_as_text(tree, persona, client):
    staff = persona(Role.PROVINCE_STAFF)
    rows = [
        [f"16417-F{i}", name, "residential_area", "16417", "", name, "", ""]
        for i, name in enumerate(NAMES)
    ]
    units_import(actor=staff, data=csv_bytes(rows), filename="ten-la.csv")
    client.force_login(staff)
    response = client.get("/units/export.xlsx", {"unit": "16417"})
    data = b"".join(response.streaming_content)
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml and b"<f " not in sheet_xml  # no formula anywhere
    sheet = load_workbook(io.BytesIO(data)).active
    cells = {row[1].value: row for row in sheet.iter_rows(min_row=2) if row[0].value}
    for name in NAMES:
        _code, name_cell, *_rest = cells[name]
        assert name_cell.data_type == "s" and name_cell.value == name
        assert name_cell.quotePrefix  # Excel keeps it text when someone edits the cell
        address = cells[name][5]
        assert address.value == name and address.data_type == "s"
    ordinary = next(row for name, row in cells.items() if name not in NAMES)
    assert not ordinary[1].quotePrefix  # plain names are written as before
