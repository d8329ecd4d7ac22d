"""The API refuses an entry over a norm with 422 and the figures; the Excel statement adds up."""

import io
from datetime import date, datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from antq.core.roles import Role
from antq.funding import exports, services
from antq.funding.models import SpendingEntry

from .test_norms import line

BASE = "/api/v1/funding"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def test_api_lines_spending_and_statement(tree, persona, client, bearer):
    officer, other = persona(Role.COMMUNE_OFFICER), persona(Role.COMMUNE_OFFICER, "16522")
    made = client.post(
        f"{BASE}/lines",
        {
            "unit": "16417",
            "year": 2026,
            "source": "state",
            "level": "commune",
            "estimate": 30_000_000,
            "allocated": 25_000_000,
            "decision": "QĐ 5/QĐ-UBND",
        },
        content_type="application/json",
        headers=bearer(officer),
    )
    assert made.status_code == 201, made.json()
    pk = made.json()["id"]
    over = client.post(
        f"{BASE}/spending",
        {
            "line": pk,
            "date": "2026-04-02",
            "head": "fuel",
            "amount": 250_000,
            "distance_km": 20,
            "payee": "Xăng xe vận động",
        },
        headers=bearer(officer),
    )
    assert over.status_code == 422
    assert "250.000" in over.json()["detail"] and "240.000" in over.json()["detail"]
    assert SpendingEntry.objects.count() == 0
    ok = client.post(
        f"{BASE}/spending",
        {
            "line": pk,
            "date": "2026-04-02",
            "head": "fuel",
            "amount": 240_000,
            "distance_km": 20,
            "payee": "Xăng xe vận động",
            "voucher_file": SimpleUploadedFile("pc.pdf", PDF),
        },
        headers=bearer(officer),
    )
    assert ok.status_code == 201, ok.json()
    assert ok.json()["voucher_file_name"].endswith(".pdf")
    png_as_exe = client.post(
        f"{BASE}/spending",
        {
            "line": pk,
            "date": "2026-04-03",
            "head": "propaganda",
            "amount": 1_000,
            "payee": "x",
            "voucher_file": SimpleUploadedFile("a.pdf", b"MZ\x90\x00" * 100),
        },
        headers=bearer(officer),
    )
    assert png_as_exe.status_code == 400 and SpendingEntry.objects.count() == 1
    got = client.get(f"{BASE}/statement", {"year": 2026}, headers=bearer(officer)).json()
    assert got["spent"] == 240_000 and got["balance"] == 25_000_000 - 240_000
    assert client.get(f"{BASE}/lines/{pk}", headers=bearer(other)).status_code == 404
    assert client.get(f"{BASE}/spending", headers=bearer(other)).json()["count"] == 0
    assert client.get(f"{BASE}/spending", headers=bearer(officer)).json()["count"] == 1


def test_excel_statement_totals_equal_its_entries(tree, persona, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    staff, officer = persona(Role.PROVINCE_STAFF), persona(Role.COMMUNE_OFFICER)
    pl = line(staff, tree.province, "province", allocated=80_000_000)
    cl = line(officer, tree.commune, "commune", source="voluntary", allocated=20_000_000)
    amounts = [(pl, "propaganda", 4_500_000), (cl, "training", 1_250_000), (cl, "other", 333)]
    for ln, head, amount in amounts:
        services.spending_create(
            actor=staff, line=ln, date=date(2026, 5, 1), head=head, amount=amount, payee="Chi"
        )
    response = exports.statement_response(actor=staff, unit=tree.province, year=2026)
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    texts = " ".join(str(v) for r in rows for v in r if v)
    assert "Thanh Hóa" in texts and "2026" in texts
    for who in ("Người lập biểu", "Kế toán trưởng", "Thủ trưởng đơn vị"):
        assert who in texts
    totals = [r for r in rows if str(r[1]).startswith("Tổng")]
    entry_total = sum(a for _l, _h, a in amounts)
    assert len(totals) == 3, totals
    assert all(r[6] == entry_total for r in totals), totals
    detail = [r[6] for r in rows if isinstance(r[0], int) and isinstance(r[1], datetime)]
    assert sum(detail) == entry_total  # each entry's date is a real date, shown dd/mm/yyyy
    dates = [c for r in sheet.iter_rows() for c in r if getattr(c, "is_date", False)]
    assert dates and all(c.number_format == "DD/MM/YYYY" for c in dates)
    money = [c for r in sheet.iter_rows() for c in r if isinstance(c.value, int) and c.column > 4]
    assert money and all(c.number_format == "#,##0" for c in money)
    assert sheet.freeze_panes and sheet.page_setup.orientation == "landscape"
