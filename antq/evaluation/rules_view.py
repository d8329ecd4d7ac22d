"""The rulesets shaped for reading: the API and the "Văn bản áp dụng" page share this."""

from antq import rules


def _item(item, kind: str) -> dict:
    return {
        "id": item.id,
        "text": item.text,
        "summary": item.summary,
        "citation": item.citation,
        "wording": item.wording,
        "kind": kind,
        "may_be_not_applicable": item.may_be_not_applicable,
        "not_applicable_text": item.not_applicable_text,
        "figures_only": item.figures_only,
        "checks": [
            {
                "kind": c.kind,
                "label": c.label,
                "figure": c.figure,
                "reference": c.reference,
                "threshold": float(c.threshold),
            }
            for c in item.checks
        ],
    }


def _criterion(criterion) -> dict:
    data = _item(criterion, "criterion")
    data["points"] = [_item(p, "part" if p.part else "point") for p in criterion.points]
    data["includes"] = (
        None
        if criterion.includes is None
        else {
            "unit_kind": criterion.includes.unit_kind,
            "criteria": list(criterion.includes.criteria),
        }
    )
    return data


def ruleset_data(ruleset: rules.Ruleset, *, with_criteria: bool = True) -> dict:
    """Return a ruleset as plain data: its criteria and points with their words and checks."""
    data = {
        "id": ruleset.id,
        "title": ruleset.title,
        "citation": ruleset.citation,
        "effective_from": ruleset.effective_from.isoformat() if ruleset.effective_from else None,
        "effective_to": ruleset.effective_to.isoformat() if ruleset.effective_to else None,
    }
    if with_criteria:
        data["notes"] = list(ruleset.notes)
        data["figures"] = dict(ruleset.figures)
        data["periods"] = {
            kind: {
                "start": "{:02d}-{:02d}".format(*p.start),
                "end": "{:02d}-{:02d}".format(*p.end),
                "citation": p.citation,
            }
            for kind, p in ruleset.periods.items()
        }
        data["kinds"] = {
            kind: [_criterion(c) for c in ruleset.criteria_for(kind)] for kind in ruleset.unit_kinds
        }
    return data
