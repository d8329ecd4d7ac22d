"""Exports write text as text: no cell an official opens can run a formula."""

import io
import zipfile

from openpyxl import Workbook, load_workbook

from antq.core.excel import workbook_response, xlsx_response

HOSTILE = ['=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", "+1", "-1+1", "@A1", "\t=1"]


def _cells(response):
    data = b"".join(response.streaming_content)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    return xml, load_workbook(io.BytesIO(data)).active


def test_a_streamed_list_writes_formula_like_text_as_text_and_numbers_as_numbers():
    xml, sheet = _cells(
        xlsx_response("x.xlsx", title="T", headers=["=h"], rows=[[*HOSTILE, -3, "Thôn"]])
    )
    assert b"<f>" not in xml
    header, row = sheet[1], sheet[2]
    assert header[0].value == "=h" and header[0].data_type == "s"
    for cell, text in zip(row, HOSTILE, strict=False):
        assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)
    assert (row[6].value, row[6].data_type) == (-3, "n")
    assert (row[7].value, row[7].quotePrefix) == ("Thôn", False)


def test_a_built_workbook_is_defused_before_it_is_sent():
    book = Workbook()
    book.active.append(["Mã", HOSTILE[0]])
    book.active.cell(row=2, column=1, value=HOSTILE[1])
    xml, sheet = _cells(workbook_response(book, "x.xlsx"))
    assert b"<f>" not in xml
    assert sheet["B1"].value == HOSTILE[0] and sheet["B1"].data_type == "s"
    assert sheet["A2"].value == HOSTILE[1] and sheet["A2"].quotePrefix
