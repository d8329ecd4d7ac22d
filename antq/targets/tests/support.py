"""Build a year through the evaluation services, as the province and communes would."""

from datetime import date

from antq import rules
from antq.core.roles import Role
from antq.evaluation import selectors as evaluation_selectors
from antq.evaluation import services as evaluation
from antq.evaluation.tests.support import all_yes
from antq.targets import services

YEAR = 2026


def officer_of(persona, unit):
    return persona(Role.COMMUNE_OFFICER, unit.path.split("/")[1])


def assess(persona, campaign, unit, answers=None):
    officer = officer_of(persona, unit)
    evaluation.registration_record(
        actor=officer,
        campaign=campaign,
        unit=unit,
        registered_on=date(YEAR, 3, 1),
        households_resident=50,
        households_registered=50,
    )
    return evaluation.assessment_save(
        actor=officer,
        campaign=campaign,
        unit=unit,
        answers=answers or all_yes(unit.kind),
        figures={},
    )


def recognise(persona, campaign, *units):
    for unit in units:
        officer = officer_of(persona, unit)
        assessment = assess(persona, campaign, unit)
        evaluation.assessment_submit(actor=officer, assessment=assessment)
        evaluation.assessment_verify(actor=officer, assessment=assessment)
        evaluation.recognition_grant(
            actor=officer,
            campaign=campaign,
            units=[unit],
            decision_number=f"{unit.code}/QĐ",
            decision_date=date(YEAR, 10, 20),
            signer="Nguyễn Văn A",
            issuing_body="UBND phường",
        )


def classify(persona, campaign, commune, points_each):
    sheet = rules.sheet_for("commune")
    scores = {item.id: float(item.max_points) * points_each for item in sheet.items}
    staff = persona(Role.PROVINCE_STAFF)
    evaluation.classification_self_score(
        actor=officer_of(persona, commune),
        campaign=campaign,
        unit=commune,
        scores=scores,
        submit=True,
    )
    classification = evaluation_selectors.classification_for(campaign=campaign, unit=commune)
    evaluation.classification_review(actor=staff, classification=classification, changes={})


def target(persona, tree, **values):
    defaults = {"year": YEAR, "unit": tree.province, "basis": "KH 67/KH-BCĐ, 08/3/2024"}
    return services.target_set(actor=persona(Role.PROVINCE_STAFF), **{**defaults, **values})
