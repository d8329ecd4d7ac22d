"""Helpers shared by the evaluation tests: all-yes answers, an opened year."""

from datetime import date

from antq.core.roles import Role
from antq.evaluation import services
from antq.rules import answerable_ids, get_ruleset

YEAR = 2026


def all_yes(kind: str) -> dict:
    return dict.fromkeys(answerable_ids(get_ruleset("tt124-2021"), kind), True)


def open_year(persona, year: int = YEAR):
    return services.year_open(actor=persona(Role.PROVINCE_STAFF), year=year)


def register(actor, campaign, unit, **extra):
    return services.registration_record(
        actor=actor, campaign=campaign, unit=unit, registered_on=date(campaign.year, 3, 1), **extra
    )


def verify(officer, campaign, unit):
    """Register `unit`, answer yes to everything, send and verify its self-assessment."""
    register(officer, campaign, unit)
    saved = services.assessment_save(
        actor=officer,
        campaign=campaign,
        unit=unit,
        answers=all_yes(unit.kind),
        figures={"households_resident": 10, "households_registered": 10},
    )
    services.assessment_submit(actor=officer, assessment=saved)
    return services.assessment_verify(actor=officer, assessment=saved)
