"""The recognition dossier of Circular 124/2021 Art. 9.2.b for one unit, in one Word file.

Three documents, each on its own pages with its own Decree 30 heading and page numbers
restarting: the submission letter (tờ trình), the results report with the criteria met and the
figures used (the evaluation's live verdict, as its API gives it), and the minutes of the
assessing meeting with the participants Art. 9.1 names for the unit's kind.
"""

from django.utils.translation import gettext as _

from antq.core.errors import FieldErrors, NotFound
from antq.evaluation import permissions as evaluation_permissions
from antq.evaluation import selectors as evaluation
from antq.units.choices import ESTABLISHMENT_KINDS

from .figures import Row, Section, fmt

STEERING = (
    "Ban Chỉ đạo phòng chống tội phạm, tệ nạn xã hội và xây dựng phong trào toàn dân bảo vệ "
    "an ninh Tổ quốc"
)
# [Q] Circular 124/2021/TT-BCA Art. 9.1.a and 9.1.c: who holds the meeting and who attends.
PARTICIPANTS = {
    "residential_area": [
        ("Trưởng khu dân cư (chủ trì)", True),
        ("Bí thư chi bộ", True),
        ("Đại diện Ban Công tác Mặt trận", True),
        ("Đại diện các tổ chức đoàn thể quần chúng (nếu có)", True),
        ("Đại diện Công an cấp cơ sở", True),
    ],
    "establishment": [
        ("Người đứng đầu cơ quan, doanh nghiệp, cơ sở giáo dục (chủ trì)", True),
        ("Đại diện cấp ủy Đảng", True),
        ("Đại diện các tổ chức đoàn thể", True),
        ("Đại diện lực lượng bảo vệ (nếu có)", True),
        ("Đại diện Công an cơ sở", True),
        ("Đại diện cơ quan có thẩm quyền quản lý", True),
    ],
    # Art. 9.1.b names only the standing committee of the commune's steering committee.
    "commune": [(f"Thường trực {STEERING} cấp xã (chủ trì)", True), ("Thành viên dự họp", True)],
}
SIGNERS = {
    "residential_area": "TRƯỞNG KHU DÂN CƯ",
    "commune": "TM. THƯỜNG TRỰC BAN CHỈ ĐẠO",
    "establishment": "NGƯỜI ĐỨNG ĐẦU",
}


def _group(kind: str) -> str:
    return "establishment" if kind in ESTABLISHMENT_KINDS else kind


def _place_name(unit) -> str:
    return f"{unit.division_type} {unit.name}".strip() if unit.division_type else unit.name


def dossier_inputs(*, unit, year: int):
    """The year, the assessment and the live verdict; refuse a unit without a self-assessment."""
    try:
        campaign = evaluation.year_of_unit(unit=unit, year=year)
    except NotFound as error:
        raise FieldErrors({"unit": error.message}) from error
    if not evaluation.belongs_to(campaign, unit) or unit.kind not in (
        *PARTICIPANTS,
        *ESTABLISHMENT_KINDS,
    ):
        raise FieldErrors({"unit": _("This unit is not evaluated for the standard.")})
    assessment = evaluation.assessment_for(campaign=campaign, unit=unit)
    if assessment is None:
        raise FieldErrors(
            {
                "unit": _("%(unit)s has no self-assessment for %(year)s yet.")
                % {"unit": unit.name, "year": year}
            }
        )
    verdict, figures = evaluation.verdict_of(campaign, unit, assessment.answers, assessment.figures)
    return campaign, assessment, verdict, figures


def _state(outcome) -> str:
    if not outcome.applicable:
        return "Không áp dụng"
    return "Đạt" if outcome.met else "Chưa đạt"


def criteria_rows(campaign, unit, verdict) -> list[dict]:
    ruleset = evaluation.ruleset_of(campaign)
    rows = []
    for criterion in verdict.criteria:
        item = ruleset.criterion(unit.kind, criterion.id)
        rows.append(
            {
                "id": criterion.id,
                "text": item.text if item else "",
                "state": _state(criterion),
                "reason": criterion.reason,
                "citation": criterion.citation,
            }
        )
        for point in criterion.points:
            rows.append(
                {
                    "id": point.id,
                    "text": "",
                    "state": _state(point),
                    "reason": point.reason,
                    "citation": point.citation,
                }
            )
    return rows


def dossier_context(job, base: dict) -> tuple[dict, list[Section]]:
    unit, year, options = job.unit, int(job.period[:4]), job.options
    campaign, assessment, verdict, figures = dossier_inputs(unit=unit, year=year)
    group = _group(unit.kind)
    authority = evaluation_permissions.authority_unit(campaign, unit, "decider")
    if authority is None:
        recipient = "Cục Xây dựng phong trào bảo vệ an ninh Tổ quốc, Bộ Công an"
        decider = "Bộ trưởng Bộ Công an"
    else:
        recipient = f"Thường trực {STEERING} {_place_name(authority)}"
        decider = f"Chủ tịch Ủy ban nhân dân {_place_name(authority)}"
    basis = (campaign.authorities.get(unit.kind) or {}).get("basis", "")
    criteria = criteria_rows(campaign, unit, verdict)
    top = [r for r in criteria if r["text"]]
    met = sum(1 for r in top if r["state"] != "Chưa đạt")
    used = [
        {"label": f.label, "value": fmt(f.value), "source": f.source}
        for f in sorted(figures.values(), key=lambda f: f.name)
    ]
    parent = unit.parent
    context = {
        **base,
        "issuer_parent": options.get("issuer_parent")
        or (_place_name(parent).upper() if parent else ""),
        "issuer": options.get("issuer") or _place_name(unit).upper(),
        "letter_number": options.get("number") or "      /TTr",
        "report_number": options.get("report_number") or "      /BC",
        "minutes_number": options.get("minutes_number") or "      /BB",
        "unit_name": _place_name(unit),
        "year": year,
        "recipient": recipient,
        "decider": decider,
        "authority_basis": basis,
        "verdict_text": (
            "đạt tiêu chuẩn “An toàn về an ninh, trật tự”"
            if verdict.met
            else "chưa đạt tiêu chuẩn “An toàn về an ninh, trật tự”"
        ),
        "met_count": met,
        "criteria_count": len(top),
        "criteria": criteria,
        "figures": used,
        "participants": [
            {"n": n, "role": r, "name": "", "sign": ""}
            for n, (r, _x) in enumerate(PARTICIPANTS[group], 1)
        ],
        "signer_title": options.get("signer_title") or SIGNERS[group],
        "assessment_status": assessment.get_status_display(),
    }
    source = _("live verdict of the self-assessment of %(unit)s, %(year)s (%(status)s)") % {
        "unit": unit.name,
        "year": year,
        "status": context["assessment_status"],
    }
    sections = [
        Section(
            "criteria",
            _("Criteria"),
            [Row(r["id"], f"{r['text'] or r['id']}: {r['state']}", None, source) for r in criteria],
        ),
        Section(
            "figures",
            _("Figures used"),
            [Row(f.name, f.label, f.value, f.source) for f in figures.values()],
        ),
    ]
    return context, sections
