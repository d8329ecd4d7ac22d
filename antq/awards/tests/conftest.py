"""Fixtures of the awards tests: two opened years with recognitions and classes."""

from datetime import date

import pytest

from antq.awards.configuration import kinds_load
from antq.awards.models import AwardKind
from antq.core.roles import Role
from antq.evaluation import services as evaluation
from antq.evaluation.models import Classification, Recognition


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _kinds(db):
    """A transactional (browser) test before may have emptied the kinds the migration loads."""
    kinds_load(AwardKind)


@pytest.fixture
def years(persona):
    staff = persona(Role.PROVINCE_STAFF)
    return {y: evaluation.year_open(actor=staff, year=y) for y in (2024, 2025, 2026)}


@pytest.fixture
def evaluate(years):
    """Record a unit's recognition and class for a year, as the evaluation would."""

    def make(unit, year, *, recognised=True, class_name="excellent", total="92.00"):
        campaign = years[year]
        Recognition.objects.create(
            year=campaign,
            unit=unit,
            outcome="recognised" if recognised else "refused",
            decision_number=f"{year}/QĐ-UBND",
            decision_date=date(year, 12, 1),
            signer="Nguyễn Văn An",
            issuing_body="UBND phường Đông Quang",
        )
        if class_name:
            Classification.objects.create(
                year=campaign,
                unit=unit,
                sheet_id="qd510-commune",
                status="final",
                total=total,
                class_name=class_name,
            )

    return make
