"""The province's own score sheet for a unit kind, replacing the provisional one for a year."""

from datetime import date
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from django.db import transaction
from django.utils.translation import gettext as _

from antq import rules
from antq.core.errors import DomainError, PermissionDenied
from antq.units.importing import RowError, read_rows

from .. import permissions, selectors
from ..choices import EVALUATED_KINDS, ClassificationStatus
from ..models import CampaignYear, Classification
from .common import record

# Column headers of a sheet file, in order: (field, header). Vietnamese on purpose, like the
# unit import: officials fill the file, whatever the interface language.
SHEET_COLUMNS = [("id", "Mã mục"), ("text", "Nội dung"), ("max_points", "Điểm tối đa")]
HEADER_OF = dict(SHEET_COLUMNS)
SHEET_MAX_POINTS = 100  # Decision 510 scores every unit out of 100 points.


class SheetRejected(DomainError):
    """The sheet has errors; nothing was recorded. `errors` name each row and column."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__(
            _("The score sheet was not recorded: %(n)s error(s).") % {"n": len(errors)}
        )


def sheet_file_read(data: bytes, filename: str) -> list[dict]:
    """Read the rows of an .xlsx or .csv sheet (Mã mục, Nội dung, Điểm tối đa) as items.

    Each item keeps its ``line`` in the file so that errors name it.
    """
    rows = read_rows(data, filename, SHEET_COLUMNS, ("id", "text", "max_points"))
    return [{"line": line, **values} for line, values in rows]


def _points(value) -> Fraction | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return Fraction(str(value))
    try:
        return Fraction(Decimal(str(value).strip().replace(",", ".")))
    except (InvalidOperation, ValueError):
        return None


def _json_number(value: Fraction) -> int | float:
    return int(value) if value.denominator == 1 else float(value)


def _clean_items(items: list[dict]) -> list[dict]:
    """Check every row; return the items to store, or raise `SheetRejected` naming each row."""
    errors: list[RowError] = []
    cleaned: list[dict] = []
    first_line: dict[str, int] = {}
    for position, raw in enumerate(items, start=1):
        line = raw.get("line") or position
        item_id = str(raw.get("id") or "").strip()
        text = str(raw.get("text") or "").strip()
        points = _points(raw.get("max_points"))
        name = item_id or _("(no code)")
        if not item_id:
            errors.append(RowError(line, HEADER_OF["id"], _("Give the item's code.")))
        elif item_id in first_line:
            errors.append(
                RowError(
                    line,
                    HEADER_OF["id"],
                    _("Item %(id)s appears twice (first on row %(first)s).")
                    % {"id": item_id, "first": first_line[item_id]},
                )
            )
        else:
            first_line[item_id] = line
        if not text:
            errors.append(
                RowError(line, HEADER_OF["text"], _("Item %(id)s has no content.") % {"id": name})
            )
        if points is None or points <= 0:
            errors.append(
                RowError(
                    line,
                    HEADER_OF["max_points"],
                    _("Item %(id)s: the maximum must be a number above 0.") % {"id": name},
                )
            )
        cleaned.append(
            {"id": item_id, "text": text, "max_points": points, "line": line},
        )
    if not items:
        raise DomainError(_("The score sheet has no items."))
    if errors:
        raise SheetRejected(errors)
    total = sum((i["max_points"] for i in cleaned), Fraction(0))
    if total != SHEET_MAX_POINTS:
        raise DomainError(
            _("The items add up to %(total)s points; a score sheet has exactly %(max)s.")
            % {"total": _json_number(total), "max": SHEET_MAX_POINTS}
        )
    return [
        {"id": i["id"], "text": i["text"], "max_points": _json_number(i["max_points"])}
        for i in cleaned
    ]


def _reopen(classification: Classification, sheet: rules.ScoreSheet, *, actor, reason: str):
    """Move a classification not yet final onto the new sheet: keep the points that still fit."""
    maxima = {item.id: item.max_points for item in sheet.items}
    kept = {
        k: v
        for k, v in classification.self_scores.items()
        if k in maxima and 0 <= Fraction(str(v)) <= maxima[k]
    }
    classification.sheet_id = sheet.id
    classification.self_scores = kept
    classification.scores = dict(kept)
    classification.total = sum((Decimal(str(v)) for v in kept.values()), Decimal(0))
    classification.status = ClassificationStatus.DRAFT
    record(classification, actor=actor, reason=reason)


@transaction.atomic
def year_sheet_decide(
    *,
    actor,
    campaign: CampaignYear,
    unit_kind: str,
    items: list[dict],
    decision_number: str,
    decision_date: date,
) -> rules.ScoreSheet:
    """Record the province's own score sheet for a unit kind, replacing the one in force.

    Refused once a classification of that kind is final this year: the year keeps the sheet
    it was classified under. Self-scores not yet final move onto the new sheet as drafts,
    keeping the points of the items that are still there.
    """
    if not permissions.can_manage_years(actor, campaign.province.code):
        raise PermissionDenied(_("Only the province's staff record its decision."))
    if unit_kind not in EVALUATED_KINDS:
        raise DomainError(_("Unknown unit kind %(kind)s.") % {"kind": unit_kind})
    number = (decision_number or "").strip()
    if not number:
        raise DomainError(_("Give the number of the province's decision."))
    if decision_date is None:
        raise DomainError(_("Give the date of the province's decision."))
    kinds = Classification.objects.select_for_update().filter(year=campaign, unit__kind=unit_kind)
    if kinds.filter(status=ClassificationStatus.FINAL).exists():
        raise DomainError(
            _(
                "Units of this kind already have a final class this year: the year keeps "
                "the score sheet they were classified under."
            )
        )
    recorded = {
        "items": _clean_items(items),
        "decision_number": number,
        "decision_date": decision_date.isoformat(),
    }
    try:  # the rules engine's own checks, as for the shipped sheets
        sheet = rules.sheet_from_dict(
            selectors.own_sheet_data(campaign, unit_kind, recorded), number
        )
    except rules.RulesError as error:
        raise DomainError(error.message) from error
    campaign.own_sheets = {**(campaign.own_sheets or {}), unit_kind: recorded}
    reason = _("Own score sheet (%(kind)s): decision %(n)s") % {"kind": unit_kind, "n": number}
    record(campaign, actor=actor, reason=reason)
    for classification in kinds.exclude(sheet_id=sheet.id):
        _reopen(classification, sheet, actor=actor, reason=reason)
    return sheet
