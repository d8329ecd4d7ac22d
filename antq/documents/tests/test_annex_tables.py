"""The Excel annex's tables: units with their status, indicators by commune, to print."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from openpyxl import load_workbook

from antq.core.roles import Role
from antq.documents import services
from antq.evaluation.models import Recognition
from antq.evaluation.tests.support import open_year, register
from antq.reports import rollups
from antq.reports.periods import parse

pytestmark = pytest.mark.django_db


def shown_width(stored: float) -> float:
    """The width in characters Excel shows for a column's stored width (the file's width
    holds 5 px of cell padding over the 7 px digits of the default font)."""
    return round((stored * 7 - 5) / 7, 2)


def _review_annex(persona, unit, capture):
    staff = persona(Role.PROVINCE_STAFF, "38")
    with time_machine.travel(date(2026, 12, 20), tick=False), capture(execute=True):
        job = services.document_request(actor=staff, kind="final_review", unit=unit, period="2026")
    job.refresh_from_db()
    return load_workbook(job.xlsx.path)


@pytest.fixture
def recognised(tree, persona):
    """The year open, two areas of Đông Quang registered and one of them recognised."""
    campaign = open_year(persona)
    officer = persona(Role.COMMUNE_OFFICER, "16417")
    for code in ("16417-KDC01", "16417-KDC02"):
        register(officer, campaign, tree[code])
    Recognition.objects.create(
        year=campaign,
        unit=tree["16417-KDC01"],
        outcome="recognised",
        decision_number="12/QĐ-UBND",
        decision_date=date(2026, 11, 20),
        issuing_body="UBND phường Đông Quang",
    )
    return campaign


def test_a_communes_annex_lists_each_unit_with_its_status_formatted_to_print(
    tree, persona, recognised, django_capture_on_commit_callbacks
):
    book = _review_annex(persona, tree["16417"], django_capture_on_commit_callbacks)
    assert book.sheetnames == ["Số liệu", "Đơn vị và tình trạng", "Chỉ tiêu theo xã"]
    units = book["Đơn vị và tình trạng"]
    header = [c.value for c in units[2]]
    assert header[:3] == ["STT", "Mã", "Đơn vị"] and "Ngày quyết định" in header
    assert all(c.font.bold for c in units[2])
    assert units.freeze_panes == "A3" and units.print_title_rows == "$2:$2"
    assert shown_width(units.column_dimensions["C"].width) == 32
    codes = [r[1].value for r in units.iter_rows(min_row=3)]
    assert "16417-KDC01" in codes and "16522-KDC01" not in codes
    row = next(r for r in units.iter_rows(min_row=3) if r[1].value == "16417-KDC01")
    decided = row[header.index("Ngày quyết định")]
    assert decided.is_date and decided.value.date() == date(2026, 11, 20)
    assert decided.number_format == "DD/MM/YYYY"
    assert row[header.index("Số quyết định")].value == "12/QĐ-UBND"


def test_a_provinces_annex_counts_units_by_commune_summing_to_the_reviews_figures(
    tree, persona, recognised, django_capture_on_commit_callbacks
):
    book = _review_annex(persona, tree["38"], django_capture_on_commit_callbacks)
    assert book.sheetnames == ["Số liệu", "Đơn vị theo xã", "Chỉ tiêu theo xã"]
    sheet = book["Đơn vị theo xã"]
    header = [c.value for c in sheet[2]]
    assert header[:5] == ["Mã", "Xã, phường, đặc khu", "Số đơn vị thuộc diện đánh giá",
                          "Số đơn vị đăng ký", "Số đơn vị được công nhận"]  # fmt: skip
    assert sheet.freeze_panes == "A3" and sheet.print_title_rows == "$2:$2"
    lines = {r[0].value: [c.value for c in r] for r in sheet.iter_rows(min_row=3)}
    # Đông Quang: itself, two areas and a school; two registered, one recognised.
    assert lines["16417"][2:5] == [4, 2, 1]
    assert lines["16522"][2:5] == [2, 0, 0]
    total = lines[None]
    assert total[1] == "Tổng số"
    figures = {r[0].value: r[3].value for r in book["Số liệu"].iter_rows(min_row=3)}
    assert (
        total[2:5]
        == [figures["C1"], figures["C2"], figures["C3"]]
        == [sum(line[n] for code, line in lines.items() if code) for n in (2, 3, 4)]
    )


def test_the_annex_lists_commune_indicators_formatted_to_print(
    tree, persona, year_of_reports, django_capture_on_commit_callbacks
):
    book = _review_annex(persona, tree["38"], django_capture_on_commit_callbacks)
    communes = book["Chỉ tiêu theo xã"]
    header = [c.value for c in communes[2]]
    assert header[0] == "Mã" and header[1].startswith("Xã")
    assert communes.freeze_panes == "A3"
    lines = {r[0].value: r for r in communes.iter_rows(min_row=3)}
    assert set(lines) >= {"16417", "16522"}
    totals = rollups.rollup_totals(
        year_of_reports, parse("2026-01"), parse("2026-12"), tree["16417"]
    )
    for n, total in enumerate(totals, 2):
        cell = lines["16417"][n]
        assert header[n] == total["indicator"].name
        if total["value"] is not None:
            assert Decimal(str(cell.value)) == Decimal(total["value"])
            assert cell.data_type == "n" and cell.number_format == "#,##0.##"
