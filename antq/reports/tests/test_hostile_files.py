"""Hostile workbooks uploaded as a filled report template: refused fast, nothing saved.

The files are made by each test (antq/core/tests/hostile.py), never committed.
"""

import io

import pytest
from django.utils import translation

from antq.core.errors import DomainError
from antq.core.tests.hostile import (
    assert_refused_quickly,
    dimension_bomb,
    row_claim_bomb,
    zip_bomb,
)
from antq.reports import excel
from antq.reports.models import Report

from .conftest import MONTHLY

# The top of a filled template: form, period, unit codes, then one indicator's row.
ROWS = [
    ["Biểu mẫu", MONTHLY],
    ["Kỳ báo cáo", "2026-09"],
    ["Mã đơn vị", None, "16417"],
    ["Tên đơn vị", None, "Xã"],
    ["Mã chỉ tiêu", "Chỉ tiêu"],
    ["propaganda_sessions", "Buổi tuyên truyền", 4],
]
BOMBS = {
    "dimension A1:XFD20000": (lambda: dimension_bomb(ROWS), "A1:XFD20000"),
    "dimension and data in row 1,048,576": (lambda: row_claim_bomb(ROWS), "A1:H1048576"),
    "data in row 1,048,576, no dimension": (
        lambda: row_claim_bomb(ROWS, with_dimension=False),
        "Dòng 1048576 có dữ liệu",
    ),
    "64 MB of sheet XML in 70 KB": (
        lambda: zip_bomb(tuple(map(tuple, ROWS))),
        "chỉ cho phép tối đa 100 lần",
    ),
    "300 MB of sheet XML in 300 KB": (
        lambda: zip_bomb(tuple(map(tuple, ROWS)), 300 * 1024 * 1024),
        "chỉ cho phép tối đa 200,0 MB",
    ),
}


@pytest.fixture(autouse=True)
def _in_vietnamese():
    """Messages as an official reads them, whatever language an earlier test left active."""
    with translation.override("vi"):
        yield


@pytest.mark.parametrize("bomb", list(BOMBS))
def test_a_hostile_workbook_is_refused_quickly_and_nothing_is_saved(officer, clock, bomb):
    from datetime import date

    clock.set(date(2026, 10, 2))
    actor = officer("16417")
    make, says = BOMBS[bomb]
    data = make()
    assert_refused_quickly(
        lambda: excel.upload(actor=actor, data=data, filename="bao-cao.xlsx", submit=True),
        says=says,
        error_type=DomainError,
    )
    assert not Report.objects.exists()


def test_the_upload_page_shows_the_refusal_of_a_zip_bomb(client, officer):
    client.force_login(officer("16417"))
    upload = io.BytesIO(zip_bomb(tuple(map(tuple, ROWS))))
    upload.name = "bao-cao.xlsx"
    response = client.post("/reports/excel/upload/", {"file": upload, "submit": "on"})
    assert response.status_code == 400
    assert "bị nén 1" in response.content.decode()
    assert not Report.objects.exists()


def test_a_template_wider_than_its_units_limit_is_refused(officer, clock, settings):
    settings.ANTQ_REPORT_SHEET_MAX_UNITS = 1
    wide = [list(r) for r in ROWS]
    wide[2] += ["16522"]  # a second unit column, D
    with pytest.raises(DomainError) as caught:
        excel.upload(
            actor=officer("16417"),
            data=dimension_bomb(wide, ref="A1:D6"),
            filename="bao-cao.xlsx",
            submit=False,
        )
    assert "A1:D6" in caught.value.message and "3 cột (đến cột C)" in caught.value.message
    assert not Report.objects.exists()
