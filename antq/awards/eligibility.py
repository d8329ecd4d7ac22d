"""Eligibility computed from the data the system holds: each reason with its source.

Reads the evaluation's recognitions and classes through its models (the evaluation app has
no selector for several years of one unit), the award history and the pending matters.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils.translation import gettext as _

from antq.evaluation.models import Classification, Recognition
from antq.rules.classification import CLASS_LABELS

from .choices import Basis, Recipient
from .models import Award, AwardKind, PendingMatter


@dataclass
class Reason:
    rule: str
    met: bool
    text: str
    source: str
    alternative: int | None = None

    def as_dict(self) -> dict:
        return {
            "rule": self.rule,
            "met": self.met,
            "text": self.text,
            "source": self.source,
            "alternative": self.alternative,
        }


@dataclass
class Eligibility:
    eligible: bool
    reasons: list[Reason] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"eligible": self.eligible, "reasons": [r.as_dict() for r in self.reasons]}


@dataclass(frozen=True)
class Candidate:
    """Whom a kind is considered for: a unit, and for an individual the person."""

    unit: object
    person_name: str = ""
    birth_date: date | None = None
    identity_number: str = ""
    checklist: dict = field(default_factory=dict)


def _fmt(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def person_q(*, person_name: str, birth_date: date | None, identity_number: str) -> Q:
    """Match a person by identity number, or by full name and date of birth."""
    q = Q(pk__in=[])
    if identity_number:
        q |= Q(identity_number=identity_number.strip())
    if person_name and birth_date:
        q |= Q(person_name__iexact=" ".join(person_name.split()), birth_date=birth_date)
    return q


def recipient_q(candidate: Candidate, kind: AwardKind) -> Q:
    if kind.recipient == Recipient.COLLECTIVE:
        return Q(unit=candidate.unit, person_name="")
    return person_q(
        person_name=candidate.person_name,
        birth_date=candidate.birth_date,
        identity_number=candidate.identity_number,
    )


def _recognition_reasons(candidate: Candidate, year: int, years: int) -> list[Reason]:
    wanted = list(range(year - years + 1, year + 1))
    found = {
        r.year.year: r
        for r in Recognition.objects.filter(unit=candidate.unit, year__year__in=wanted)
        .select_related("year")
        .order_by("year__year")
    }
    reasons = []
    for y in wanted:
        r = found.get(y)
        if r is None:
            text = _("Not recognised as “safe for security and order” in %(year)s") % {"year": y}
            source = _("no recognition decision for %(year)s in the evaluation") % {"year": y}
            reasons.append(Reason("recognised", False, text, source))
            continue
        source = _("recognition decision no. %(number)s of %(day)s, %(body)s") % {
            "number": r.decision_number or "—",
            "day": _fmt(r.decision_date),
            "body": r.issuing_body,
        }
        if r.in_force:
            text = _("Recognised as “safe for security and order” in %(year)s") % {"year": y}
        elif r.revoked_on:
            text = _("Recognition for %(year)s revoked on %(day)s") % {
                "year": y,
                "day": _fmt(r.revoked_on),
            }
        else:
            text = _("Recognition refused for %(year)s") % {"year": y}
        reasons.append(Reason("recognised", r.in_force, text, source))
    return reasons


def _class_reasons(candidate: Candidate, year: int, years: int, wanted_class: str) -> list[Reason]:
    wanted = list(range(year - years + 1, year + 1))
    found = {
        c.year.year: c
        for c in Classification.objects.filter(
            unit=candidate.unit, year__year__in=wanted, status="final"
        ).select_related("year")
    }
    label = CLASS_LABELS.get(wanted_class, wanted_class)
    reasons = []
    for y in wanted:
        c = found.get(y)
        if c is None:
            text = _("No final movement class for %(year)s") % {"year": y}
            source = _("no final classification for %(year)s in the evaluation") % {"year": y}
            reasons.append(Reason("class", False, text, source))
            continue
        got = CLASS_LABELS.get(c.class_name, c.class_name or "—")
        met = c.class_name == wanted_class
        text = _("Movement classed %(got)s in %(year)s (%(wanted)s required)") % {
            "got": got,
            "year": y,
            "wanted": label,
        }
        source = _("final classification for %(year)s: %(points)s points") % {
            "year": y,
            "points": c.total if c.total is not None else "—",
        }
        reasons.append(Reason("class", met, text, source))
    return reasons


def counted_awards(candidate: Candidate, kind: AwardKind):
    """Awards that count as merit: in force, and not given for an ad-hoc achievement."""
    return Award.objects.filter(
        recipient_q(candidate, kind), kind=kind, revoked_on__isnull=True, basis=Basis.MERIT
    )


def _title_reasons(candidate: Candidate, year: int, years: int, code: str) -> list[Reason]:
    kind = AwardKind.objects.filter(code=code).first()
    if kind is None:
        return [
            Reason("title", False, _("Award kind %(code)s is not configured") % {"code": code}, "")
        ]
    held = {a.year: a for a in counted_awards(candidate, kind).filter(year__lte=year)}
    # The run of consecutive years may end this year or the year before.
    run = list(range(year - years + 1, year + 1))
    earlier = [y - 1 for y in run]
    if not all(y in held for y in run) and all(y in held for y in earlier):
        run = earlier
    reasons = []
    for y in run:
        a = held.get(y)
        if a is not None:
            text = _("%(title)s in %(year)s") % {"title": kind.name, "year": y}
            source = _("decision no. %(number)s of %(day)s, %(body)s") % {
                "number": a.decision_number,
                "day": _fmt(a.decided_on),
                "body": a.issuing_body,
            }
            reasons.append(Reason("title", True, text, source))
        else:
            text = _("No %(title)s counted for %(year)s") % {"title": kind.name, "year": y}
            source = _("award history (revoked and ad-hoc awards are not counted)")
            reasons.append(Reason("title", False, text, source))
    return reasons


def _attested(candidate: Candidate, item: str) -> list[Reason]:
    met = bool(candidate.checklist.get(item))
    if met:
        text = _("Confirmed by the board: %(item)s") % {"item": item}
    else:
        text = _("To be confirmed by the board from the dossier: %(item)s") % {"item": item}
    return [Reason("attested", met, text, _("the board's checklist"))]


def _rule_reasons(rule: dict, candidate: Candidate, year: int) -> list[Reason]:
    name = rule.get("rule")
    years = int(rule.get("years", 1))
    if name == "recognised":
        return _recognition_reasons(candidate, year, years)
    if name == "class":
        return _class_reasons(candidate, year, years, rule.get("class", "excellent"))
    if name == "title":
        return _title_reasons(candidate, year, years, rule.get("award", ""))
    if name == "attested":
        return _attested(candidate, rule.get("item", ""))
    return [Reason(str(name), False, _("Unknown rule %(rule)s") % {"rule": name}, "")]


def _blocks(candidate: Candidate, kind: AwardKind, today: date) -> list[Reason]:
    open_matters = PendingMatter.objects.filter(opened_on__lte=today).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=today)
    )
    if kind.recipient == Recipient.COLLECTIVE:
        open_matters = open_matters.filter(unit=candidate.unit, person_name="", identity_number="")
    else:
        open_matters = open_matters.filter(
            person_q(
                person_name=candidate.person_name,
                birth_date=candidate.birth_date,
                identity_number=candidate.identity_number,
            )
        )
    reasons = [
        Reason(
            "pending",
            False,
            _("%(matter)s pending since %(day)s: no award while it is open (Decree 152/2025)")
            % {"matter": m.get_kind_display(), "day": _fmt(m.opened_on)},
            m.reference,
        )
        for m in open_matters
    ]
    if not reasons:
        reasons.append(
            Reason(
                "pending",
                True,
                _("No pending discipline, investigation or complaint"),
                _("pending matters recorded in the system"),
            )
        )
    return reasons


def _duplicate(candidate: Candidate, kind: AwardKind, year: int) -> list[Reason]:
    earlier = (
        Award.objects.filter(recipient_q(candidate, kind), kind=kind, year=year)
        .filter(revoked_on__isnull=True)
        .first()
    )
    if earlier is None:
        return []
    return [
        Reason(
            "duplicate",
            False,
            _("Already awarded %(kind)s for %(year)s") % {"kind": kind.name, "year": year},
            _("decision no. %(number)s of %(day)s, %(body)s")
            % {
                "number": earlier.decision_number,
                "day": _fmt(earlier.decided_on),
                "body": earlier.issuing_body,
            },
        )
    ]


def evaluate(*, kind: AwardKind, candidate: Candidate, year: int, today: date) -> Eligibility:
    """Return whether `candidate` may receive `kind` for `year`, and every reason."""
    reasons: list[Reason] = []
    if not kind.valid_on(date(year, 12, 31)) and not kind.valid_on(date(year, 1, 1)):
        reasons.append(
            Reason(
                "valid",
                False,
                _("%(kind)s is not in force in %(year)s") % {"kind": kind.name, "year": year},
                kind.legal_basis,
            )
        )
    alternatives = kind.criteria or []
    met_any = not alternatives
    for index, alternative in enumerate(alternatives, start=1):
        got = [r for rule in alternative for r in _rule_reasons(rule, candidate, year)]
        for reason in got:
            reason.alternative = index if len(alternatives) > 1 else None
        reasons.extend(got)
        met_any = met_any or all(r.met for r in got)
    if not alternatives:
        reasons.append(
            Reason(
                "checklist",
                True,
                _("No rule over data is known for this award: the board checks the dossier"),
                kind.legal_basis,
            )
        )
    blocks = _blocks(candidate, kind, today) + _duplicate(candidate, kind, year)
    reasons.extend(blocks)
    eligible = (
        met_any and all(r.met for r in blocks) and all(r.met for r in reasons if r.rule == "valid")
    )
    return Eligibility(eligible=eligible, reasons=reasons)
