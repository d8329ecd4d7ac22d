"""Generating a province's final review against the queries it reads, as a ratio.

Loads the real provinces and communes (34 and 3,321) and the monthly reports of every commune
from July 2025 (BENCH_DOCUMENTS_MONTHS months, 16 by default: up to October 2026), and opens
Thanh Hóa's 2026 evaluation year with BENCH_DOCUMENTS_UNITS_PER_COMMUNE units per commune
(75 by default, the national average: residential areas and schools, each registered and
self-assessed, nine in ten recognised). Then times (median of three) what the document reads
— the figures of the 2026 final review (`figures.review_sections`: the rollups of this year
and last, completeness of every month, evaluation counts, targets, the registries) and the
tables of its Excel annex (`tables.tables_for`: the province's units counted by commune,
indicators by commune) — and the whole generation of the Word file and the Excel annex
(`services.document_generate` without the PDF), which reads them again; the document
should cost little more than its queries. The PDF conversion (LibreOffice) is timed on its
own when installed.

    BENCH_DOCUMENTS_MONTHS=16 BENCH_DOCUMENTS_SCALE=1.0 python -m bench --only documents

BENCH_DOCUMENTS_PROFILE=30 adds a cProfile of one more generation after the timing (its top 30
costs, cumulative and own time; BENCH_DOCUMENTS_PROFILE_FILE=path keeps it for pstats).

BENCH_DOCUMENTS_SCALE (1.0, the national scale, by default) is the share of the other
provinces' communes that report; Thanh Hóa's communes always all report, so the review reads
the same figures at any scale and only the data around it grows.
"""

import cProfile
import io
import os
import tempfile
import time
from datetime import date

from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings

from antq.accounts.services import account_create
from antq.core.roles import Role
from antq.core.text import fold, sort_key
from antq.documents import pdf, services
from antq.documents.figures import ReviewScope, review_sections
from antq.documents.models import GeneratedDocument
from antq.documents.tables import tables_for
from antq.evaluation import services as evaluation
from antq.evaluation.models import Assessment, Recognition, Registration
from antq.reports import periods
from antq.reports.models import ReportForm
from antq.units.models import Unit, UnitPlacement

from ._profile import print_profile
from .reports_rollup import best_of, load_months

PROVINCE = "38"
FIRST_MONTH = "2025-07"
YEAR = 2026


def evaluated_units(staff, province: Unit, per_commune: int) -> int:
    """Open the province's year; give each commune per_commune - 1 residential areas and
    schools; register and self-assess every unit, recognise nine areas in ten."""
    campaign = evaluation.year_open(actor=staff, year=YEAR, province=province)
    communes = list(Unit.objects.filter(kind="commune", path__startswith=province.path))
    children = []
    for commune in communes:
        for n in range(1, per_commune):
            kind = "school" if n % 10 == 0 else "residential_area"
            code = f"{commune.code}-{n:03d}"
            name = f"{'Trường' if kind == 'school' else 'Thôn'} {n}"
            children.append(
                Unit(
                    code=code,
                    name=name,
                    kind=kind,
                    parent=commune,
                    path=f"{commune.path}{code}/",
                    depth=commune.depth + 1,
                    valid_from=commune.valid_from,
                    search_text=f"{fold(name)} {code.lower()}",
                    sort_name=sort_key(name),
                    managing_level="commune" if kind == "school" else "",
                )
            )
    with transaction.atomic():
        Unit.objects.bulk_create(children, batch_size=5000)
        UnitPlacement.objects.bulk_create(
            [
                UnitPlacement(
                    unit_id=u.pk,
                    parent_id=u.parent_id,
                    name=u.name,
                    path=u.path,
                    valid_from=u.valid_from,
                    search_text=u.search_text,
                    sort_name=u.sort_name,
                )
                for u in children
            ],
            batch_size=5000,
        )
        units = communes + children
        Registration.objects.bulk_create(
            [Registration(year=campaign, unit=u, registered_on=date(YEAR, 2, 1)) for u in units],
            batch_size=5000,
        )
        Assessment.objects.bulk_create(
            [Assessment(year=campaign, unit=u, unit_kind=u.kind) for u in units], batch_size=5000
        )
        Recognition.objects.bulk_create(
            [
                Recognition(
                    year=campaign,
                    unit=u,
                    outcome="recognised",
                    decision_number=f"{n}/QĐ-UBND",
                    decision_date=date(YEAR, 11, 10),
                    issuing_body="Ủy ban nhân dân xã",
                )
                for n, u in enumerate(children)
                if n % 10
            ],
            batch_size=5000,
        )
    return len(units)


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
    per_commune = int(os.environ.get("BENCH_DOCUMENTS_UNITS_PER_COMMUNE", "75"))
    start = time.perf_counter()
    loaded = load_months(form, communes, months)
    evaluated = evaluated_units(staff, province, per_commune) if per_commune else 0
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"documents: {loaded:,} reports, {evaluated:,} evaluated units loaded"
        f" ({time.perf_counter() - start:.0f} s)"
    )

    scope = ReviewScope(user=staff, unit=province, period=periods.parse(str(YEAR)))
    figures = best_of(lambda: review_sections(scope))
    annex_tables = best_of(lambda: tables_for(scope))
    queries = best_of(lambda: (review_sections(scope), tables_for(scope)))
    job = GeneratedDocument.objects.create(
        kind="final_review", unit=province, period=str(YEAR), requested_by=staff
    )
    with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
        converter = pdf.soffice
        pdf.soffice = lambda: None  # the document alone: .docx and .xlsx
        try:
            document = best_of(lambda: services.document_generate(job.pk))
            if top := int(os.environ.get("BENCH_DOCUMENTS_PROFILE", "0")):
                _profile(lambda: services.document_generate(job.pk), top)
        finally:
            pdf.soffice = converter
        results = [
            ("scale", f"{scale:g}"),
            ("communes reporting", f"{len(communes):,} ({len(own)} in the province)"),
            ("reports", f"{loaded:,}"),
            ("evaluated units in the province", f"{evaluated:,}"),
            ("review figures (rollups, counts)", f"{figures * 1000:.0f} ms"),
            ("annex tables (units, communes)", f"{annex_tables * 1000:.0f} ms"),
            ("queries: figures + tables", f"{queries * 1000:.0f} ms"),
            ("review .docx + .xlsx", f"{document * 1000:.0f} ms"),
            ("ratio document / its queries", f"{document / queries:.2f}"),
            ("ratio document / figures alone", f"{document / figures:.2f}"),
        ]
        if pdf.soffice():
            docx = GeneratedDocument.objects.get(pk=job.pk).docx.read()
            start = time.perf_counter()
            pdf.docx_to_pdf(docx)
            results.append(("PDF by LibreOffice", f"{time.perf_counter() - start:.1f} s"))
    return results


def _profile(step, top: int) -> None:
    profile = cProfile.Profile()
    profile.runcall(step)
    print_profile(profile, top, "BENCH_DOCUMENTS_PROFILE_FILE")
