"""Writes on funding: budget lines and spending entries checked against the norms."""

from datetime import date

from django.db import transaction
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from antq.core.errors import FieldErrors, NotFound, PermissionDenied
from antq.core.history import save_with_history
from antq.units.permissions import in_scope

from . import permissions, uploads
from .models import BudgetLine, Head, Level, Norm, NormKind, Source, SpendingEntry


class NormExceeded(FieldErrors):
    """An entry over a Circular 40 (or the province's own) norm: refused, nothing saved."""

    status = 422


def _vnd(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def norm_for(*, kind: str, level: str, on: date, province=None) -> Norm | None:
    """The norm in force on `on`: the province's own first, else the Circular's."""
    base = Norm.objects.filter(kind=kind, level=level, valid_from__lte=on).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=on)
    )
    if province is not None:
        own = base.filter(province=province).order_by("-valid_from").first()
        if own:
            return own
    return base.filter(province__isnull=True).order_by("-valid_from").first()


def _province_of(unit):
    from antq.units.models import PATH_SEPARATOR, Unit

    root = unit.path.split(PATH_SEPARATOR)[0] + PATH_SEPARATOR
    return Unit.objects.filter(path=root).first()


def check_norms(*, line: BudgetLine, entry: SpendingEntry) -> dict[str, str]:
    """Return the refusals (field -> message with the figures); empty when within the norms.
    A missing detail a norm needs is reported too; `missing_details` names those alone.
    """
    errors: dict[str, str] = {}
    province = _province_of(line.unit)
    year = entry.date.year
    same_year = SpendingEntry.objects.filter(
        line__level=line.level, date__year=year, head=entry.head
    ).exclude(pk=entry.pk)

    def norm(kind):
        return norm_for(kind=kind, level=line.level, on=entry.date, province=province)

    if entry.head == Head.FUEL:
        n = norm("fuel_per_km")
        if not entry.distance_km:
            errors["distance_km"] = _("Fuel needs the distance log (km).")
        elif n and entry.amount > n.limit * entry.distance_km:
            errors["amount"] = _(
                "%(amount)s VND exceeds the norm of %(rate)s VND/km × %(km)s km"
                " = %(max)s VND (%(cite)s)."
            ) % {
                "amount": _vnd(entry.amount),
                "rate": _vnd(n.limit),
                "km": entry.distance_km,
                "max": _vnd(n.limit * entry.distance_km),
                "cite": n.citation,
            }
    elif entry.head == Head.MODELS:
        n = norm_for(
            kind="model_per_commune_year", level="commune", on=entry.date, province=province
        )
        if not (entry.model_id and entry.commune_id):
            errors["model"] = _("A model entry needs the model and the commune.")
        elif n:
            spent = _sum(
                SpendingEntry.objects.filter(
                    head=Head.MODELS,
                    date__year=year,
                    model_id=entry.model_id,
                    commune_id=entry.commune_id,
                ).exclude(pk=entry.pk)
            )
            if spent + entry.amount > n.limit:
                errors["amount"] = _over(
                    n, spent, entry.amount, _("this model in this commune"), year
                )
    elif entry.head == Head.VISITS:
        if entry.person:
            n = norm("visit_person_per_year")
            people = same_year.filter(line__unit=line.unit).exclude(person="")
            spent = _sum(people.filter(person=entry.person))
            if n and spent + entry.amount > n.limit:
                errors["amount"] = _over(n, spent, entry.amount, entry.person, year)
            cap = norm("visit_persons_per_year")
            names = set(people.values_list("person", flat=True)) | {entry.person}
            if cap and len(names) > cap.limit:
                errors["person"] = _(
                    "%(n)s persons visited in %(year)s exceeds the norm"
                    " of %(max)s persons a year (%(cite)s)."
                ) % {"n": len(names), "year": year, "max": cap.limit, "cite": cap.citation}
        elif entry.model_id and entry.commune_id:
            visits = same_year.filter(line__unit=line.unit, person="")
            n = norm("visit_model_per_commune_year")
            spent = _sum(visits.filter(model_id=entry.model_id, commune_id=entry.commune_id))
            if n and spent + entry.amount > n.limit:
                errors["amount"] = _over(
                    n, spent, entry.amount, _("this model in this commune"), year
                )
            cap = norm("visit_communes_per_year")
            communes = set(visits.values_list("commune_id", flat=True)) | {entry.commune_id}
            if cap and len(communes) > cap.limit:
                errors["commune"] = _(
                    "%(n)s communes visited in %(year)s exceeds the norm"
                    " of %(max)s communes a year (%(cite)s)."
                ) % {"n": len(communes), "year": year, "max": cap.limit, "cite": cap.citation}
        else:
            errors["person"] = _("A visit needs either the person or the model and its commune.")
    return errors


def _sum(qs) -> int:
    return qs.aggregate(s=Sum("amount"))["s"] or 0


def _over(n, spent, amount, what, year) -> str:
    return _(
        "%(spent)s VND already spent plus %(amount)s VND for %(what)s in %(year)s"
        " exceeds the norm of %(max)s VND (%(cite)s)."
    ) % {
        "spent": _vnd(spent),
        "amount": _vnd(amount),
        "what": what,
        "year": year,
        "max": _vnd(n.limit),
        "cite": n.citation,
    }


@transaction.atomic
def budget_line_create(
    *,
    actor,
    unit,
    year: int,
    source: str,
    level: str,
    estimate: int,
    allocated: int = 0,
    decision: str = "",
    reason: str = "",
) -> BudgetLine:
    if not in_scope(actor, unit.path):
        raise NotFound(_("No unit with code %(code)s.") % {"code": unit.code})
    if not permissions.can_manage(actor, unit):
        raise PermissionDenied(_("You may not manage funding for this unit."))
    _check_line_values(
        year=year, source=source, level=level, estimate=estimate, allocated=allocated
    )
    line = BudgetLine(
        unit=unit,
        year=year,
        source=source,
        level=level,
        estimate=estimate,
        allocated=allocated,
        decision=decision,
    )
    save_with_history(line, actor=actor, reason=reason or _("Budget line created"))
    return line


def missing_details(entry: SpendingEntry) -> dict[str, str]:
    """What a head's norm needs and the entry lacks (no figures: nothing to compare yet)."""
    if entry.head == Head.FUEL and not entry.distance_km:
        return {"distance_km": _("Fuel needs the distance log (km).")}
    if entry.head == Head.MODELS and not (entry.model_id and entry.commune_id):
        return {"model": _("A model entry needs the model and the commune.")}
    if entry.head == Head.VISITS and not (entry.person or (entry.model_id and entry.commune_id)):
        return {"person": _("A visit needs either the person or the model and its commune.")}
    return {}


LINKS = {
    "model": ("models", "SelfManagementModel", "owner"),
    "campaign": ("campaigns", "Campaign", "owner"),
    "directive": ("directives", "Directive", "issuing_unit"),
}


def _check_links(line: BudgetLine, entry: SpendingEntry) -> None:
    """A linked model, campaign or directive must belong to the line's province."""
    root = _province_of(line.unit)
    prefix = root.path if root is not None else line.unit.path
    errors = {}
    for field, (_app, _model, owner) in LINKS.items():
        record = getattr(entry, field)
        if record is not None and not getattr(record, owner).path.startswith(prefix):
            errors[field] = _("This record is not of the line's province.")
    if entry.commune_id and not entry.commune.path.startswith(prefix):
        errors["commune"] = _("This commune is not of the line's province.")
    if errors:
        raise FieldErrors(errors)


def _check_line(actor, line: BudgetLine) -> None:
    if not in_scope(actor, line.unit.path):
        raise NotFound(_("No budget line %(id)s.") % {"id": line.pk})
    if not permissions.can_manage(actor, line.unit):
        raise PermissionDenied(_("You may not manage funding for this unit."))


@transaction.atomic
def spending_create(
    *,
    actor,
    line: BudgetLine,
    date: date,
    head: str,
    amount: int,
    payee: str,
    voucher: str = "",
    commune=None,
    model=None,
    campaign=None,
    directive=None,
    person: str = "",
    distance_km: int | None = None,
    voucher_file=None,
    reason: str = "",
) -> SpendingEntry:
    """Record a spending entry; refused (nothing saved) when over a norm, with the figures.

    A missing detail or a wrong value is a FieldErrors (400); an entry over a norm is a
    NormExceeded (422) whose messages carry the amounts, the norm and its citation.
    """
    _check_line(actor, line)
    if head not in Head.values:
        raise FieldErrors({"head": _("Unknown spending head.")})
    if amount is None or amount <= 0:
        raise FieldErrors({"amount": _("The amount must be a positive whole number of VND.")})
    if date.year != line.year:
        raise FieldErrors(
            {"date": _("The date is outside the line's year %(y)s.") % {"y": line.year}}
        )
    if not (payee or "").strip():
        raise FieldErrors({"payee": _("Write the payee or the purpose.")})
    # Serialise entries on the same line so two concurrent entries cannot both pass a norm.
    BudgetLine.objects.select_for_update().filter(pk=line.pk).first()
    entry = SpendingEntry(
        line=line,
        date=date,
        head=head,
        amount=amount,
        payee=payee.strip(),
        voucher=voucher.strip(),
        commune=commune,
        model=model,
        campaign=campaign,
        directive=directive,
        person=person.strip(),
        distance_km=distance_km,
    )
    _check_links(line, entry)
    missing = missing_details(entry)
    if missing:
        raise FieldErrors(missing)
    errors = check_norms(line=line, entry=entry)
    if errors:
        raise NormExceeded(errors)
    if voucher_file is not None:
        entry.voucher_file = uploads.checked_voucher(voucher_file)
        entry.voucher_file_name = entry.voucher_file.name
    save_with_history(entry, actor=actor, reason=reason or _("Spending recorded"))
    return entry


LINE_FIELDS = ("source", "level", "estimate", "allocated", "decision")


def _check_line_values(*, year, source, level, estimate, allocated) -> None:
    errors = {}
    if not 2000 <= int(year or 0) <= 2100:
        errors["year"] = _("The year must be between 2000 and 2100.")
    if source not in Source.values:
        errors["source"] = _("Unknown funding source.")
    if level not in Level.values:
        errors["level"] = _("Unknown budget level.")
    if estimate is None or estimate < 0:
        errors["estimate"] = _("Amounts cannot be negative.")
    if allocated is None or allocated < 0:
        errors["allocated"] = _("Amounts cannot be negative.")
    if errors:
        raise FieldErrors(errors)


@transaction.atomic
def budget_line_update(*, actor, line: BudgetLine, reason: str, **changes) -> BudgetLine:
    """Correct a line's source, level, estimate, allocation or decision, with the reason."""
    _check_line(actor, line)
    if not (reason or "").strip():
        raise FieldErrors({"reason": _("Give the reason for the change.")})
    for field, value in changes.items():
        if field not in LINE_FIELDS:
            raise FieldErrors({field: _("This field cannot be changed.")})
        setattr(line, field, value)
    _check_line_values(
        year=line.year,
        source=line.source,
        level=line.level,
        estimate=line.estimate,
        allocated=line.allocated,
    )
    save_with_history(line, actor=actor, reason=reason.strip())
    return line


@transaction.atomic
def norm_create(
    *,
    actor,
    province,
    kind: str,
    level: str,
    limit: int,
    valid_from: date,
    decision: str,
    valid_to: date | None = None,
) -> Norm:
    """A province's own norm with its decision; it wins over the Circular's from its date."""
    if not in_scope(actor, province.path) or province.kind != "province":
        raise NotFound(_("No unit with code %(code)s.") % {"code": province.code})
    if not permissions.can_set_norms(actor, province):
        raise PermissionDenied(_("Only the province's staff record its own norms."))
    errors = {}
    if kind not in NormKind.values:
        errors["kind"] = _("Unknown norm.")
    if level not in Level.values:
        errors["level"] = _("Unknown budget level.")
    if limit is None or limit <= 0:
        errors["limit"] = _("The limit must be a positive whole number.")
    if not (decision or "").strip():
        errors["decision"] = _("Give the province's decision (number and date).")
    if valid_to is not None and valid_to < valid_from:
        errors["valid_to"] = _("The end date is before the start date.")
    if errors:
        raise FieldErrors(errors)
    norm = Norm(
        kind=kind,
        level=level,
        limit=limit,
        valid_from=valid_from,
        valid_to=valid_to,
        province=province,
        decision=decision.strip(),
        citation=decision.strip()[:255],
    )
    save_with_history(norm, actor=actor, reason=_("Province's own norm"))
    return norm
