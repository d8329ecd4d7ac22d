"""Report exports survive a name stored before the input checks, and write formulas as text.

The bad names are written straight to the database, as old data or an import might have left
them: a control character (openpyxl refuses it in a normal workbook) and a formula.
"""

import io

from openpyxl import load_workbook

from antq.core.roles import Role
from antq.units.models import Unit, UnitPlacement

FORMULA = '=HYPERLINK("http://x.example","Bấm")'


def _rename_in_db(code: str, name: str) -> None:
    Unit.objects.filter(code=code).update(name=name)
    UnitPlacement.objects.filter(unit__code=code).update(name=name)


def _book(response):
    assert response.status_code == 200
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def test_the_rollup_export_survives_a_control_character_and_a_formula(client, september, persona):
    _rename_in_db("16417", "Phường\x01 Đông Quang")
    _rename_in_db("16522", FORMULA)
    client.force_login(persona(Role.PROVINCE_STAFF))
    book = _book(
        client.get(
            "/reports/rollup.xlsx", {"form": "movement-monthly", "period": "2026-09", "unit": "38"}
        )
    )
    cells = {c.value: c for row in book.worksheets[1].iter_rows() for c in row}
    assert "Phường\ufffd Đông Quang" in cells
    assert cells[FORMULA].data_type == "s"  # the name as written, not a live link


def test_the_template_export_survives_a_control_character(client, officer, tree):
    _rename_in_db("16417", "Phường\x01 Đông Quang")
    client.force_login(officer("16417"))
    book = _book(
        client.get(
            "/reports/excel/template.xlsx",
            {"form": "movement-monthly", "unit": "16417", "period": "2026-09"},
        )
    )
    assert book.active["C4"].value == "Phường\ufffd Đông Quang"


def test_the_template_for_every_commune_writes_a_formula_name_as_text(client, persona, tree):
    _rename_in_db("16522", FORMULA)
    client.force_login(persona(Role.PROVINCE_STAFF))
    book = _book(
        client.get(
            "/reports/excel/template.xlsx",
            {"form": "movement-monthly", "unit": "38", "period": "2026-09", "all_units": "on"},
        )
    )
    names = {c.value: c for c in book.active[4]}
    assert names[FORMULA].data_type == "s"
