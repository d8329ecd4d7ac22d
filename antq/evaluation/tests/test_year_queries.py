"""Issue 15: evaluating a whole year reads its inputs in a fixed number of queries."""

import io
import re
from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from antq.core.roles import Role
from antq.evaluation import services
from antq.evaluation.models import Assessment, Registration
from antq.units.importing import units_import
from antq.units.models import Unit
from antq.units.tests.sheets import area_rows, xlsx_bytes

from .support import YEAR, all_yes, open_year


def _assess_every_unit(campaign) -> int:
    """Give every unit of the province without one a registration and a self-assessment."""
    done = set(Assessment.objects.filter(year=campaign).values_list("unit_id", flat=True))
    units = [
        u
        for u in Unit.objects.filter(path__startswith="38/").exclude(kind="province")
        if u.pk not in done
    ]
    Registration.objects.bulk_create(
        Registration(
            year=campaign,
            unit=u,
            registered_on=date(YEAR, 3, 1),
            households_resident=100 if u.kind == "residential_area" else None,
            households_registered=90 if u.kind == "residential_area" else None,
        )
        for u in units
    )
    Assessment.objects.bulk_create(
        Assessment(year=campaign, unit=u, unit_kind=u.kind, answers=all_yes(u.kind), figures={})
        for u in units
    )
    return Assessment.objects.filter(year=campaign).count()


def _refresh_queries(campaign) -> int:
    with CaptureQueriesContext(connection) as queries:
        services.year_verdicts_refresh(campaign=campaign)
    return len(queries.captured_queries)


def test_refreshing_a_years_verdicts_does_not_query_per_unit(tree, persona):
    campaign = open_year(persona)
    small = _assess_every_unit(campaign)
    few = _refresh_queries(campaign)
    staff = persona(Role.PROVINCE_STAFF)
    units_import(actor=staff, data=xlsx_bytes(area_rows("16417", 200)), filename="kdc.xlsx")
    large = _assess_every_unit(campaign)
    assert large >= small + 200
    assert _refresh_queries(campaign) == few
    assert not Assessment.objects.filter(year=campaign, met__isnull=True).exists()


def test_a_provinces_registrations_export_binds_no_parameter_per_unit(tree, persona, client):
    """SQLite and psycopg refuse statements past 32,766 / 65,535 parameters: a province of
    that many units must still export, so the units are a subquery, not a list of ids."""
    campaign = open_year(persona)
    staff = persona(Role.PROVINCE_STAFF)
    units_import(actor=staff, data=xlsx_bytes(area_rows("16417", 200)), filename="kdc.xlsx")
    registered = _assess_every_unit(campaign)
    client.force_login(staff)
    with CaptureQueriesContext(connection) as queries:
        answer = client.get(f"/evaluation/38/{YEAR}/registrations.xlsx")
        sheet = load_workbook(io.BytesIO(b"".join(answer.streaming_content))).active
    assert sheet.max_row - 1 == registered >= 200
    assert all(row[4] for row in sheet.iter_rows(min_row=2, values_only=True))
    id_lists = (re.findall(r"IN \(([\d, ]+)\)", q["sql"]) for q in queries.captured_queries)
    longest = max((len(ids.split(",")) for found in id_lists for ids in found), default=0)
    assert longest < 50
