"""Generate a national data set for bench/national.py, in slices (10% first, then the rest).

The real 34 provinces and 3,321 communes come from the official list. Under the communes,
residential areas and establishments (agencies, enterprises, schools) are bulk-inserted,
with their placements; then five years of evaluations (one campaign year per province and
year; recognitions and final classifications) and monthly reports of the communes.

Each generated item has a global index; a slice takes the items whose index satisfies a
predicate (`index % 10 == 0` for the first 10%, the others next), so both slices spread
evenly over the country.
"""

import io
import random
from datetime import date, timedelta
from decimal import Decimal

from django.core.management import call_command
from django.db import transaction

from antq.core.text import sort_key
from antq.evaluation.models import CampaignYear, Classification, Recognition
from antq.evaluation.services import year_open
from antq.reports import periods
from antq.reports.models import ReportForm
from antq.units.models import Unit, UnitPlacement, search_text_for

from .reports_rollup import load_months

AREAS = 100_000
ESTABLISHMENTS = 150_000
YEARS = range(2022, 2027)
FIRST_MONTH = "2022-01"
LAST_MONTH = "2026-10"  # the last closed month on the bench day; 2026-11 stays free for posts
START = date(2025, 7, 1)  # the real communes exist from 1 July 2025
BATCH = 5000
ESTABLISHMENT_KINDS = ("agency", "enterprise", "school")
CLASS_WEIGHTS = (("excellent", 30), ("good", 45), ("average", 20), ("weak", 5))


def load_country() -> None:
    call_command("load_admin_units", all=True, stdout=io.StringIO())


def communes() -> list[Unit]:
    return list(Unit.objects.filter(kind="commune").order_by("code"))


def _new_unit(index: int, commune: Unit) -> Unit:
    """The index-th generated unit: residential areas first, then establishments."""
    if index < 0:
        raise ValueError(index)
    kind_of = index % 5  # 2 areas for 3 establishments, spread evenly
    if kind_of < 2:
        kind, code, name = "residential_area", f"{commune.code}-K{index}", f"Thôn {index}"
        level, out = "", ""
    else:
        kind = ESTABLISHMENT_KINDS[kind_of - 2]
        code, name = f"{commune.code}-E{index}", f"{kind.title()} số {index}"
        level = "commune" if kind == "school" else ("province" if index % 3 else "central")
        out = "Không thuộc phạm vi (thử nghiệm)" if index % 50 == 7 else ""
    path = f"{commune.path}{code}/"
    return Unit(
        code=code,
        name=name,
        kind=kind,
        parent_id=commune.pk,
        path=path,
        depth=path.count("/"),
        managing_level=level,
        out_of_scope_reason=out,
        valid_from=START,
        search_text=search_text_for(name, code),
        sort_name=sort_key(name),
    )


def insert_units(places: list[Unit], total: int, keep) -> list[tuple[int, str, str]]:
    """Insert the generated units whose index passes `keep`; return (id, kind, path) of each."""
    made: list[tuple[int, str, str]] = []
    batch: list[Unit] = []

    def flush():
        units = Unit.objects.bulk_create(batch)
        if any(u.pk is None for u in units):
            by_code = Unit.objects.in_bulk([u.code for u in units], field_name="code")
            units = [by_code[u.code] for u in units]
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
                for u in units
            ]
        )
        made.extend((u.pk, u.kind, u.path) for u in units)
        batch.clear()

    with transaction.atomic():
        for index in range(total):
            if keep(index):
                batch.append(_new_unit(index, places[index % len(places)]))
                if len(batch) == BATCH:
                    flush()
        if batch:
            flush()
    return made


def open_years(actor) -> dict[tuple[str, int], int]:
    """One campaign year per province and year; return {(province code, year): id}."""
    for province in Unit.objects.filter(kind="province"):
        for year in YEARS:
            if not CampaignYear.objects.filter(province=province, year=year).exists():
                year_open(actor=actor, year=year, province=province)
    return {
        (code, year): pk
        for pk, code, year in CampaignYear.objects.values_list("pk", "province__code", "year")
    }


def insert_evaluations(units: list[tuple[int, str, str]], campaigns: dict) -> tuple[int, int]:
    """Recognitions (~85% recognised, some refused or revoked) and classifications (~85%)."""
    classes = [name for name, weight in CLASS_WEIGHTS for _i in range(weight)]
    recognitions: list[Recognition] = []
    classifications: list[Classification] = []
    counts = [0, 0]

    def flush(force=False):
        if force or len(recognitions) >= BATCH:
            Recognition.objects.bulk_create(recognitions)
            counts[0] += len(recognitions)
            recognitions.clear()
        if force or len(classifications) >= BATCH:
            Classification.objects.bulk_create(classifications)
            counts[1] += len(classifications)
            classifications.clear()

    with transaction.atomic():
        for unit_id, _kind, path in units:
            pick = random.Random(unit_id)
            province = path.split("/", 1)[0]
            for year in YEARS:
                campaign = campaigns[(province, year)]
                roll = pick.random()
                if roll < 0.90:
                    day = date(year, 1, 10) + timedelta(days=pick.randrange(300))
                    refused = roll >= 0.85
                    revoked = not refused and pick.random() < 0.01
                    recognitions.append(
                        Recognition(
                            year_id=campaign,
                            unit_id=unit_id,
                            outcome="refused" if refused else "recognised",
                            decision_number=f"{unit_id}/QĐ-UBND",
                            decision_date=day,
                            issuing_body="Ủy ban nhân dân",
                            revoked_on=day + timedelta(days=20) if revoked else None,
                            revocation_reason="Thử nghiệm" if revoked else "",
                        )
                    )
                if pick.random() < 0.85:
                    final = pick.random() < 0.95
                    total = Decimal(pick.randrange(40, 100))
                    classifications.append(
                        Classification(
                            year_id=campaign,
                            unit_id=unit_id,
                            sheet_id="bench",
                            status="final" if final else "draft",
                            total=total,
                            class_name=pick.choice(classes) if final else "",
                            recognised=final,
                        )
                    )
                flush()
        flush(force=True)
    return counts[0], counts[1]


def report_months(scale: float) -> list[periods.Period]:
    """The last round(58 × scale) months up to LAST_MONTH (at least 2)."""
    first, last = periods.parse(FIRST_MONTH), periods.parse(LAST_MONTH)
    months = [first]
    while months[-1].key != last.key:
        months.append(months[-1].next())
    wanted = max(2, round(len(months) * scale))
    return months[-wanted:]


def insert_reports(communes_ids: list[int], months: list[periods.Period]) -> int:
    form = ReportForm.objects.get(code="movement-monthly")
    with transaction.atomic():
        return load_months(form, communes_ids, months)
