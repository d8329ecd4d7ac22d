"""Generating a province's final review against the rollups it reads, as a ratio.

Loads the real provinces and communes (34 and 3,321) and the monthly reports of every commune
from July 2025 (BENCH_DOCUMENTS_MONTHS months, 16 by default: up to October 2026). Then times
(median of three) the figures of Thanh Hóa's 2026 final review (`figures.review_sections`:
the rollups of this year and last, completeness of every month, evaluation counts, targets)
and the whole generation of the Word file and the Excel annex from the same figures
(`services.document_generate` without the PDF); the document should cost little more than
its queries. The PDF conversion (LibreOffice) is timed on its own when installed.

    BENCH_DOCUMENTS_MONTHS=16 BENCH_DOCUMENTS_SCALE=1.0 python -m bench --only documents

BENCH_DOCUMENTS_SCALE (1.0, the national scale, by default) is the share of the other
provinces' communes that report; Thanh Hóa's communes always all report, so the review reads
the same figures at any scale and only the data around it grows.
"""

import io
import os
import tempfile
import time

from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from antq.accounts.services import account_create
from antq.core.roles import Role
from antq.documents import pdf, services
from antq.documents.figures import ReviewScope, review_sections
from antq.documents.models import GeneratedDocument
from antq.reports import periods
from antq.reports.models import ReportForm
from antq.units.models import Unit

from .reports_rollup import best_of, load_months

PROVINCE = "38"
FIRST_MONTH = "2025-07"


def run(*, rows: int) -> list[tuple[str, str]]:
    """`rows` unused: the scale is the country and BENCH_DOCUMENTS_MONTHS months."""
    months_wanted = int(os.environ.get("BENCH_DOCUMENTS_MONTHS", "16"))
    call_command("load_admin_units", all=True, stdout=io.StringIO())
    form = ReportForm.objects.get(code="movement-monthly")
    province = Unit.objects.get(code=PROVINCE)
    staff = account_create(
        actor=None,
        username="bench-documents-staff",
        unit=province,
        roles=[Role.PROVINCE_STAFF],
        password="bench-password",
        check_password_strength=False,
    )
    scale = float(os.environ.get("BENCH_DOCUMENTS_SCALE", "1.0"))
    own = list(
        Unit.objects.filter(kind="commune", path__startswith=province.path).values_list(
            "pk", flat=True
        )
    )
    others = list(
        Unit.objects.filter(kind="commune")
        .exclude(pk__in=own)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    communes = own + others[: round(len(others) * scale)]
    months = [periods.parse(FIRST_MONTH)]
    while len(months) < months_wanted:
        months.append(months[-1].next())
    start = time.perf_counter()
    loaded = load_months(form, communes, months)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"documents: {loaded:,} reports loaded ({time.perf_counter() - start:.0f} s)")

    scope = ReviewScope(user=staff, unit=province, period=periods.parse("2026"))
    figures = best_of(lambda: review_sections(scope))
    job = GeneratedDocument.objects.create(
        kind="final_review", unit=province, period="2026", requested_by=staff
    )
    with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
        converter = pdf.soffice
        pdf.soffice = lambda: None  # the document alone: .docx and .xlsx
        try:
            document = best_of(lambda: services.document_generate(job.pk))
        finally:
            pdf.soffice = converter
        results = [
            ("scale", f"{scale:g}"),
            ("communes reporting", f"{len(communes):,} ({len(own)} in the province)"),
            ("reports", f"{loaded:,}"),
            ("review figures (rollups, counts)", f"{figures * 1000:.0f} ms"),
            ("review .docx + .xlsx", f"{document * 1000:.0f} ms"),
            ("ratio document / figures", f"{document / figures:.2f}"),
        ]
        if pdf.soffice():
            docx = GeneratedDocument.objects.get(pk=job.pk).docx.read()
            start = time.perf_counter()
            pdf.docx_to_pdf(docx)
            results.append(("PDF by LibreOffice", f"{time.perf_counter() - start:.1f} s"))
    return results
