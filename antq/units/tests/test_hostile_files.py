"""Hostile sheets on the unit import: refused fast, in little memory, with nothing written.

The files are made by each test (antq/core/tests/hostile.py), never committed.
"""

import io

import pytest
from django.utils import translation

from antq.core.errors import DomainError
from antq.core.roles import Role
from antq.core.tests.hostile import (
    assert_refused_quickly,
    dimension_bomb,
    row_claim_bomb,
    zip_bomb,
)
from antq.units.importing import COLUMNS, units_import
from antq.units.models import Unit

from .sheets import area_rows, csv_bytes

HEADER = [title for _field, title in COLUMNS]
ROWS = [HEADER, *area_rows("16417", 2)]
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


def _written() -> tuple[int, int]:
    return Unit.objects.count(), Unit.history.count()


@pytest.mark.parametrize("bomb", list(BOMBS))
def test_a_hostile_workbook_is_refused_quickly_and_nothing_is_written(tree, persona, bomb):
    staff = persona(Role.PROVINCE_STAFF)
    make, says = BOMBS[bomb]
    data = make()
    before = _written()
    assert_refused_quickly(
        lambda: units_import(actor=staff, data=data, filename="don-vi.xlsx"),
        says=says,
        error_type=DomainError,
    )
    assert _written() == before


def test_the_import_page_shows_the_refusal_of_a_zip_bomb(tree, persona, client):
    client.force_login(persona(Role.PROVINCE_STAFF))
    upload = io.BytesIO(zip_bomb(tuple(map(tuple, ROWS))))
    upload.name = "don-vi.xlsx"
    before = _written()
    response = client.post("/units/import/", {"file": upload})
    assert response.status_code == 400
    assert "bị nén 1" in response.content.decode()  # "… bị nén 10xx lần; …"
    assert _written() == before


def test_a_sheet_past_the_row_limit_is_refused_naming_it(tree, persona, settings):
    settings.ANTQ_IMPORT_MAX_ROWS = 5
    staff = persona(Role.PROVINCE_STAFF)
    before = _written()
    with pytest.raises(DomainError) as caught:
        units_import(actor=staff, data=csv_bytes(area_rows("16417", 6)), filename="a.csv")
    assert caught.value.message == ("Dòng 7 có dữ liệu, nhưng tệp này chỉ được dùng tối đa 6 dòng.")
    assert _written() == before
    assert units_import(actor=staff, data=csv_bytes(area_rows("16417", 5)), filename="a.csv")


def test_a_csv_with_an_endless_row_is_refused_and_nothing_is_written(tree, persona):
    staff = persona(Role.PROVINCE_STAFF)
    header = ",".join(HEADER).encode()
    endless = header + b"\nA," + b"," * (30 * 1024 * 1024)  # 30 MB of empty cells, one row
    before = _written()
    assert_refused_quickly(
        lambda: units_import(actor=staff, data=endless, filename="a.csv"),
        says="Dòng 2 của tệp CSV",
        error_type=DomainError,
    )
    assert _written() == before
