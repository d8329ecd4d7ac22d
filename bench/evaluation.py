"""Evaluate every unit of a year against the time to read their answers and figures.

    python -m bench --only evaluation                     # 20,000 units
    BENCH_EVALUATION_UNITS=250000 python -m bench --only evaluation   # a national year

Units are bulk-inserted as a country of communes with residential areas and schools
(≈75 units per commune, about the national average), each with a registration and a
self-assessment; then one year's inputs are read (answers, entered figures, the system's
figures: households, each commune's 5.4 counts) and every unit is evaluated by the engine:
`rules.meets`, the verdict alone, as `year_verdicts_refresh` does (the ratio of issue 15),
then `rules.evaluate`, the full verdict with its reasons, as a unit's page shows it.
"""

import gc
import os
import random
import time
from datetime import date

from django.db import transaction

from antq import rules
from antq.accounts.services import account_create
from antq.core.roles import Role
from antq.core.text import fold, sort_key
from antq.evaluation import selectors, services
from antq.evaluation.models import Assessment, Recognition, Registration
from antq.evaluation.year_inputs import year_inputs
from antq.units.models import Unit, UnitPlacement

YEAR = 2026
PER_COMMUNE = 75
START = date(2025, 7, 1)


def _unit(code, name, kind, parent, path, depth):
    return Unit(
        code=code,
        name=name,
        kind=kind,
        parent=parent,
        path=path,
        depth=depth,
        valid_from=START,
        search_text=f"{fold(name)} {code.lower()}",
        sort_name=sort_key(name),
        managing_level="commune" if kind == "school" else "",
    )


def _country(units: int) -> None:
    """Bulk-insert one province, communes and their residential areas and schools."""
    province = _unit("B", "Tỉnh Thử nghiệm", "province", None, "B/", 1)
    province.save()
    communes = max(1, units // PER_COMMUNE)
    made = Unit.objects.bulk_create(
        [
            _unit(f"B{c:05d}", f"Xã Thử {c}", "commune", province, f"B/B{c:05d}/", 2)
            for c in range(communes)
        ],
        batch_size=2000,
    )
    children = []
    for index in range(units - communes):
        commune = made[index % communes]
        kind = "school" if index % 10 == 9 else "residential_area"
        code = f"{commune.code}-{index:06d}"
        children.append(_unit(code, f"Thôn {index}", kind, commune, f"{commune.path}{code}/", 3))
    Unit.objects.bulk_create(children, batch_size=5000)
    placements = (
        UnitPlacement(
            unit_id=u.pk,
            parent_id=u.parent_id,
            name=u.name,
            path=u.path,
            valid_from=START,
            search_text=u.search_text,
            sort_name=u.sort_name,
        )
        for u in Unit.objects.filter(path__startswith="B/").iterator(chunk_size=5000)
    )
    batch = []
    for placement in placements:
        batch.append(placement)
        if len(batch) == 5000:
            UnitPlacement.objects.bulk_create(batch)
            batch = []
    UnitPlacement.objects.bulk_create(batch)


def _year_data(campaign) -> None:
    """Give every unit a registration and a self-assessment; recognise 90% of the areas."""
    ruleset = selectors.ruleset_of(campaign)
    yes = {
        kind: dict.fromkeys(rules.answerable_ids(ruleset, kind), True) for kind in rules.UNIT_KINDS
    }
    pick = random.Random(2026)
    registrations, assessments, recognitions = [], [], []
    for unit_id, kind in (
        Unit.objects.filter(path__startswith="B/")
        .exclude(kind="province")
        .values_list("id", "kind")
        .iterator(chunk_size=5000)
    ):
        households = pick.randint(40, 400) if kind == "residential_area" else None
        registrations.append(
            Registration(
                year=campaign,
                unit_id=unit_id,
                registered_on=date(YEAR, 2, 1),
                households_resident=households,
                households_registered=households,
            )
        )
        answers = dict(yes[kind])
        if pick.random() < 0.1:
            answers[pick.choice(list(answers))] = False
        figures = {"offences_this_year": pick.randint(0, 5), "offences_last_year": 3}
        assessments.append(
            Assessment(
                year=campaign, unit_id=unit_id, unit_kind=kind, answers=answers, figures=figures
            )
        )
        if kind != "commune" and pick.random() < 0.9:
            recognitions.append(
                Recognition(
                    year=campaign,
                    unit_id=unit_id,
                    outcome="recognised",
                    decision_number="1/QĐ-UBND",
                    decision_date=date(YEAR, 11, 10),
                    issuing_body="Ủy ban nhân dân xã",
                )
            )
    with transaction.atomic():
        for model, rows in (
            (Registration, registrations),
            (Assessment, assessments),
            (Recognition, recognitions),
        ):
            model.objects.bulk_create(rows, batch_size=5000)


def timed(function):
    gc.collect()
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def run(*, rows: int) -> list[tuple[str, str]]:
    """Build a year of ``BENCH_EVALUATION_UNITS`` units (default 20,000), read it, evaluate it."""
    units = int(os.environ.get("BENCH_EVALUATION_UNITS", "20000"))
    staff = account_create(
        actor=None,
        username="bench-province",
        unit=None,
        roles=[Role.ADMIN],
        password="bench-password",
        check_password_strength=False,
    )
    build_seconds, _nothing = timed(lambda: _country(units))
    campaign = services.year_open(
        actor=staff, year=YEAR, province=Unit.objects.get(code="B", kind="province")
    )
    data_seconds, _nothing = timed(lambda: _year_data(campaign))
    print(f"evaluation: {units:,} units built in {build_seconds + data_seconds:.1f} s")
    ruleset = selectors.ruleset_of(campaign)

    read_seconds, inputs = timed(lambda: list(year_inputs(campaign)))

    def evaluate_all() -> int:  # what year_verdicts_refresh runs: the verdict, no reasons
        return sum(rules.meets(ruleset, kind, a, f) for _pk, kind, a, f in inputs)

    def verdicts_all() -> int:  # the full verdict of every unit, reasons and all
        return sum(rules.evaluate(ruleset, kind, a, f).met for _pk, kind, a, f in inputs)

    evaluate_seconds, met = timed(evaluate_all)
    verdicts_seconds, verdicts_met = timed(verdicts_all)
    assert len(inputs) == units, len(inputs)
    assert met == verdicts_met, (met, verdicts_met)
    return [
        ("units", f"{units:,} ({met:,} meet the standard)"),
        ("read answers and figures", f"{read_seconds:.2f} s ({units / read_seconds:,.0f} units/s)"),
        (
            "evaluate (rules.meets)",
            f"{evaluate_seconds:.2f} s ({units / evaluate_seconds:,.0f} units/s)",
        ),
        ("ratio evaluate / read", f"{evaluate_seconds / read_seconds:.2f}x"),
        (
            "full verdicts (rules.evaluate)",
            f"{verdicts_seconds:.2f} s ({units / verdicts_seconds:,.0f} units/s)",
        ),
        ("ratio full verdicts / read", f"{verdicts_seconds / read_seconds:.2f}x"),
    ]
