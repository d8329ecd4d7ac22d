"""The annex survives a commune name stored before the input checks and writes it as text."""

import io

import pytest
from openpyxl import load_workbook

from antq.core.roles import Role
from antq.documents.annex import annex_xlsx
from antq.documents.figures import ReviewScope, Row, Section
from antq.documents.tables import indicators_by_commune
from antq.reports.periods import parse
from antq.units.models import Unit

pytestmark = pytest.mark.django_db

FORMULA = "=cmd|' /C calc'!A0"


def test_the_annex_survives_a_control_character_and_writes_a_formula_as_text(tree, persona):
    Unit.objects.filter(code="16417").update(name="Phường\x01 Đông Quang")
    Unit.objects.filter(code="16522").update(name=FORMULA)
    scope = ReviewScope(user=persona(Role.PROVINCE_STAFF), unit=tree["38"], period=parse("2026-09"))
    figures = Section("a", "Tình hình\x07", [Row("1.1", FORMULA, 3, "Báo cáo\x00 tháng")])

    book = load_workbook(
        io.BytesIO(annex_xlsx("Báo cáo\x0b sơ kết", [figures], [indicators_by_commune(scope)]))
    )

    values = {c.value: c for sheet in book.worksheets for row in sheet.iter_rows() for c in row}
    assert "Phường\ufffd Đông Quang" in values
    assert "Báo cáo\ufffd sơ kết" in values and "Báo cáo\ufffd tháng" in values
    assert values[FORMULA].data_type == "s"
    assert [c.value for c in book.worksheets[1][3]][:2] == ["16417", "Phường\ufffd Đông Quang"]
