"""The demo's evaluation: last year complete, this year at the stage the calendar implies.

Everything goes through the evaluation services, as officials would do it, so the data is
what the real flow makes; only the instants of submission and verification are set back
afterwards to the days the flow would have happened on (the services stamp "now").
"""

import zlib
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from antq import rules
from antq.evaluation import models as evaluation_models
from antq.evaluation import selectors as evaluation_selectors
from antq.evaluation import services as evaluation_services
from antq.evaluation.choices import EVALUATED_KINDS
from antq.units.models import Unit

SIGNERS = ("Nguyễn Văn Minh", "Lê Thị Hằng", "Trịnh Xuân Bách", "Phạm Đức Thắng", "Hoàng Thu Hà")
RETURN_REASONS = (
    "Thiếu biên bản họp bình xét của khu dân cư; đề nghị bổ sung.",
    "Tiêu chí 4.3 chưa kèm số liệu vụ việc; đề nghị rà soát lại.",
    "Số hộ đăng ký không khớp với bản đăng ký đầu năm; đề nghị kiểm tra.",
    "Chưa có kế hoạch bảo đảm an ninh, trật tự năm; đề nghị bổ sung.",
)
# Criteria a unit that falls short most often misses, per kind.
SHORT_OF = {
    "residential_area": ("4.3.c", "4.4.b", "4.2"),
    "commune": ("4.3.c", "5.3"),
    "agency": ("6.3.c", "6.5"),
    "enterprise": ("6.3.c", "6.5"),
    "school": ("7.3.c", "7.6"),
}
REFUSAL = "Chưa đạt tiêu chí %(ids)s theo kết quả thẩm định."
# Points as a share of each item's maximum, by how well the unit ran the movement.
SCORE_LEVELS = ((0.12, 0.95), (0.62, 0.8), (0.92, 0.62), (1.0, 0.42))


def chance(code: str, salt: str) -> float:
    """A number in [0, 1) fixed by the unit and the purpose: the demo's only randomness."""
    return (zlib.crc32(f"{salt}:{code}".encode()) % 10_000) / 10_000


def _moment(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def evaluated_units(province: Unit) -> dict[str, list[Unit]]:
    """The province's units under the standard, grouped: areas, communes, establishments."""
    units = list(
        Unit.objects.filter(
            path__startswith=province.path,
            kind__in=EVALUATED_KINDS,
            out_of_scope_reason="",
            valid_to__isnull=True,
        )
        .exclude(pk=province.pk)
        .select_related("parent")
        .order_by("path")
    )
    return {
        "areas": [u for u in units if u.kind == "residential_area"],
        "communes": [u for u in units if u.kind == "commune"],
        "establishments": [u for u in units if u.kind not in ("residential_area", "commune")],
    }


def _answers(campaign, unit: Unit, *, short: bool, salt: str) -> dict:
    ids = rules.answerable_ids(evaluation_selectors.ruleset_of(campaign), unit.kind)
    answers = dict.fromkeys(ids, True)
    if short:
        options = [i for i in SHORT_OF.get(unit.kind, ()) if i in answers] or list(ids)
        answers[options[int(chance(unit.code, salt) * len(options))]] = False
    return answers


def _register(staff, campaign, unit: Unit, day: date) -> None:
    households = {}
    if unit.kind == "residential_area":
        resident = 90 + int(chance(unit.code, "households") * 260)
        households = {
            "households_resident": resident,
            "households_registered": resident,  # Article 4.1 asks for every household
        }
    evaluation_services.registration_record(
        actor=staff, campaign=campaign, unit=unit, registered_on=day, **households
    )


def _decide(staff, campaign, units: list[Unit], *, number: str, day: date, body: str) -> None:
    """Recognise the units that met the standard in one decision; refuse the others."""
    met = {
        a.unit_id
        for a in evaluation_models.Assessment.objects.filter(
            year=campaign, unit__in=units, met=True, status="verified"
        )
    }
    signer = SIGNERS[zlib.crc32(number.encode()) % len(SIGNERS)]
    granted = [u for u in units if u.pk in met]
    if granted:
        evaluation_services.recognition_grant(
            actor=staff,
            campaign=campaign,
            units=granted,
            decision_number=number,
            decision_date=day,
            signer=signer,
            issuing_body=body,
            signer_title="Chủ tịch",
        )
    for unit in units:
        if unit.pk in met:
            continue
        assessment = evaluation_models.Assessment.objects.get(year=campaign, unit=unit)
        failed = [k for k, v in assessment.answers.items() if v is False]
        evaluation_services.recognition_refuse(
            actor=staff,
            campaign=campaign,
            unit=unit,
            reasons=REFUSAL % {"ids": ", ".join(failed) or "5.4"},
            decision_date=day,
            issuing_body=body,
            signer=signer,
        )


def _classify(staff, campaign, unit: Unit) -> None:
    sheet = evaluation_selectors.sheet_of(campaign, unit)
    roll = chance(unit.code, f"class-{campaign.year}")
    share = next(level for limit, level in SCORE_LEVELS if roll < limit)
    scores = {item.id: round(float(item.max_points) * share, 1) for item in sheet.items}
    classification = evaluation_services.classification_self_score(
        actor=staff, campaign=campaign, unit=unit, scores=scores, submit=True
    )
    evaluation_services.classification_review(
        actor=staff, classification=classification, changes={}
    )


def _assess_and_verify(staff, campaign, unit: Unit, *, short: bool) -> None:
    assessment = evaluation_services.assessment_save(
        actor=staff,
        campaign=campaign,
        unit=unit,
        answers=_answers(campaign, unit, short=short, salt=str(campaign.year)),
        figures={},
    )
    evaluation_services.assessment_submit(actor=staff, assessment=assessment)
    evaluation_services.assessment_verify(actor=staff, assessment=assessment)


def last_year_complete(staff, province: Unit, year: int) -> None:
    """The whole of last year: everyone registered, assessed, verified, decided, classified."""
    campaign = evaluation_selectors.year_get(province=province.code, year=year)
    if evaluation_models.Assessment.objects.filter(year=campaign).exists():
        return
    groups = evaluated_units(province)
    by_commune: dict[int, list[Unit]] = {}
    for unit in groups["areas"]:
        by_commune.setdefault(unit.parent_id, []).append(unit)
    everyone = groups["areas"] + groups["communes"] + groups["establishments"]
    for unit in everyone:
        _register(staff, campaign, unit, date(year, 2, 10) + timedelta(days=_days(unit, 45)))
    # Residential areas first: a commune's criterion 5.4 counts its recognised areas.
    for unit in groups["areas"]:
        _assess_and_verify(staff, campaign, unit, short=chance(unit.code, "short") < 0.14)
    communes = {c.pk: c for c in groups["communes"]}
    for n, (commune_id, areas) in enumerate(sorted(by_commune.items()), start=1):
        commune = communes[commune_id]
        _decide(
            staff,
            campaign,
            areas,
            number=f"{n:02d}/QĐ-UBND",
            day=date(year, 9, 22) + timedelta(days=_days(commune, 50)),
            body=f"Ủy ban nhân dân {commune.name}",
        )
    for unit in groups["communes"] + groups["establishments"]:
        _assess_and_verify(staff, campaign, unit, short=chance(unit.code, "short") < 0.12)
    batch = 20
    others = groups["communes"] + groups["establishments"]
    for n, first in enumerate(range(0, len(others), batch), start=1):
        _decide(
            staff,
            campaign,
            others[first : first + batch],
            number=f"{300 + n}/QĐ-UBND",
            day=date(year, 11, 3) + timedelta(days=2 * n),
            body=f"Ủy ban nhân dân {province.name}",
        )
    for unit in everyone:
        _classify(staff, campaign, unit)
    _backdate(campaign, submitted=date(year, 9, 5), verified=date(year, 9, 18))


def _days(unit: Unit, span: int) -> int:
    return int(chance(unit.code, "day") * span)


def _backdate(campaign, *, submitted: date, verified: date) -> None:
    """Put the submission and verification instants on the days they would have happened."""
    evaluation_models.Assessment.objects.filter(year=campaign, submitted_at__isnull=False).update(
        submitted_at=_moment(submitted)
    )
    evaluation_models.Assessment.objects.filter(year=campaign, verified_at__isnull=False).update(
        verified_at=_moment(verified)
    )


# This year's stages, as shares of the registered residential areas (cumulative).
STAGES = (
    (0.10, "not_started"),
    (0.24, "draft"),
    (0.33, "returned"),
    (0.58, "submitted"),
    (0.82, "verified"),
    (1.0, "recognised"),
)


def this_year_in_progress(staff, province: Unit, year: int, today: date) -> None:
    """Registration closed (some late, a few missing); assessments at every stage."""
    campaign = evaluation_selectors.year_get(province=province.code, year=year)
    if evaluation_models.Registration.objects.filter(year=campaign).exists():
        return
    groups = evaluated_units(province)
    everyone = groups["areas"] + groups["communes"] + groups["establishments"]
    registered = []
    for unit in everyone:
        roll = chance(unit.code, f"register-{year}")
        if roll < 0.04:
            continue  # has not registered
        if roll < 0.12:  # late: after Quarter I
            day = date(year, 4, 3) + timedelta(days=_days(unit, 40))
        else:
            day = date(year, 1, 12) + timedelta(days=_days(unit, 70))
        _register(staff, campaign, unit, min(day, today))
        registered.append(unit)
    stages: dict[str, list[Unit]] = {}
    for unit in registered:
        roll = chance(unit.code, f"stage-{year}")
        if unit.kind != "residential_area":
            roll *= 0.75  # communes and establishments come after their areas
        stage = next(name for limit, name in STAGES if roll < limit)
        stages.setdefault(stage, []).append(unit)
        if stage == "not_started":
            continue
        answers = _answers(
            campaign, unit, short=chance(unit.code, f"short-{year}") < 0.1, salt=str(year)
        )
        if stage == "draft":  # still being filled in: the last items not answered yet
            answers = dict(list(answers.items())[: max(1, len(answers) * 2 // 3)])
        assessment = evaluation_services.assessment_save(
            actor=staff, campaign=campaign, unit=unit, answers=answers, figures={}
        )
        if stage == "draft":
            continue
        evaluation_services.assessment_submit(actor=staff, assessment=assessment)
        if stage == "returned":
            reason = RETURN_REASONS[int(chance(unit.code, "reason") * len(RETURN_REASONS))]
            evaluation_services.assessment_return(actor=staff, assessment=assessment, reason=reason)
        elif stage in ("verified", "recognised"):
            evaluation_services.assessment_verify(actor=staff, assessment=assessment)
    recognised = [u for u in stages.get("recognised", []) if u.kind == "residential_area"]
    by_commune: dict[int, list[Unit]] = {}
    for unit in recognised:
        by_commune.setdefault(unit.parent_id, []).append(unit)
    for n, (_commune_id, areas) in enumerate(sorted(by_commune.items()), start=1):
        commune = areas[0].parent
        _decide(
            staff,
            campaign,
            areas,
            number=f"{n:02d}/QĐ-UBND",
            day=min(today, date(year, 10, 20) + timedelta(days=_days(commune, 35))),
            body=f"Ủy ban nhân dân {commune.name}",
        )
    evaluation_models.Assessment.objects.filter(year=campaign, submitted_at__isnull=False).update(
        submitted_at=_moment(min(today, date(year, 10, 15)))
    )
