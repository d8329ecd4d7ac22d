"""The recognition decision of a batch: legal basis, articles, annex of units, class list."""

from django.utils.translation import gettext as _

from antq import rules
from antq.core.errors import NotFound
from antq.evaluation import selectors as evaluation
from antq.evaluation.choices import ClassificationStatus, RecognitionOutcome
from antq.evaluation.models import Classification, Recognition

from .figures import Row, Section, fmt

# [Q] Circular 124/2021/TT-BCA of 28/12/2021 (tt124-2021-text.md). Further bases (the law on
# local government, the signer's competence) differ by province: options, none invented.
LEGAL_BASIS = [
    "Căn cứ Thông tư số 124/2021/TT-BCA ngày 28/12/2021 của Bộ trưởng Bộ Công an quy định "
    "khu dân cư, xã, phường, thị trấn, cơ quan, doanh nghiệp, cơ sở giáo dục đạt tiêu chuẩn "
    "“An toàn về an ninh, trật tự”;",
]


def decision_rows(job) -> tuple[list[dict], list[dict], list[Section]]:
    try:
        campaign = evaluation.year_of_unit(unit=job.unit, year=int(job.period[:4]))
    except NotFound:
        return [], [], []
    under = evaluation.units_in_scope(
        user=job.requested_by, campaign=campaign, under=job.unit
    ).values("unit_id")
    found = Recognition.objects.filter(
        year=campaign,
        unit_id__in=under,
        outcome=RecognitionOutcome.RECOGNISED,
        revoked_on__isnull=True,
    ).select_related("unit__parent")
    if job.options.get("decision_number"):
        found = found.filter(decision_number=job.options["decision_number"])
    recognised = [
        {
            "n": n,
            "name": r.unit.name,
            "parent": r.unit.parent.name if r.unit.parent else "",
            "kind": r.unit.get_kind_display(),
        }
        for n, r in enumerate(sorted(found, key=lambda r: (r.unit.path, r.unit.code)), 1)
    ]
    classes = Classification.objects.filter(
        year=campaign, unit_id__in=under, status=ClassificationStatus.FINAL
    ).select_related("unit")
    classified = [
        {
            "n": n,
            "name": c.unit.name,
            "points": fmt(c.total),
            "class_name": rules.CLASS_LABELS.get(c.class_name, c.class_name),
        }
        for n, c in enumerate(sorted(classes, key=lambda c: (c.unit.path, c.unit.code)), 1)
    ]
    source = _("recognitions in force of the evaluation year %(year)s") % {"year": campaign.year}
    sections = [
        Section(
            "recognised",
            _("Units recognised"),
            [Row(str(r["n"]), f"{r['name']} ({r['parent']})", None, source) for r in recognised],
        ),
        Section(
            "classified",
            _("Classification results"),
            [Row(str(c["n"]), f"{c['name']}: {c['class_name']}", None, source) for c in classified],
        ),
    ]
    return recognised, classified, sections


def decision_context(job, recognised, classified, base: dict) -> dict:
    year = job.period[:4]
    return {
        **base,
        "title": (
            _(
                "On recognising units that meet the standard “Safe in security and order” "
                "in %(year)s"
            )
            % {"year": year}
        ).upper(),
        "signer_authority": job.options.get("signer_authority") or base["signer_title"],
        "legal_basis": LEGAL_BASIS + list(job.options.get("legal_basis") or []),
        "article_1": _(
            "Article 1. Recognise the %(count)s units in the attached list as meeting the "
            "standard “Safe in security and order” in %(year)s."
        )
        % {"count": len(recognised), "year": year},
        "article_2": _("Article 2. This decision takes effect from the day it is signed."),
        "recognised": recognised,
        "classified": classified,
    }
