"""Writes on funding: budget lines and spending entries checked against the norms."""

from datetime import date

from django.db import transaction
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from antq.core.errors import FieldErrors, NotFound, PermissionDenied
from antq.units.permissions import in_scope

from . import permissions
from .models import BudgetLine, Head, Norm, SpendingEntry


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
    """Return the refusals (field -> message with the figures); empty when within the norms."""
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
        if not (entry.model_ref and entry.commune_id):
            errors["model_ref"] = _("A model entry needs the model and the commune.")
        elif n:
            spent = _sum(
                SpendingEntry.objects.filter(
                    head=Head.MODELS,
                    date__year=year,
                    model_ref=entry.model_ref,
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
        elif entry.model_ref and entry.commune_id:
            visits = same_year.filter(line__unit=line.unit, person="")
            n = norm("visit_model_per_commune_year")
            spent = _sum(visits.filter(model_ref=entry.model_ref, commune_id=entry.commune_id))
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
    if estimate < 0 or allocated < 0:
        raise FieldErrors({"estimate": _("Amounts cannot be negative.")})
    line = BudgetLine(
        unit=unit,
        year=year,
        source=source,
        level=level,
        estimate=estimate,
        allocated=allocated,
        decision=decision,
    )
    line._change_reason = reason or _("Budget line created")
    line.save()
    return line


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
    model_ref: str = "",
    person: str = "",
    distance_km: int | None = None,
    reason: str = "",
) -> SpendingEntry:
    """Record a spending entry; refused (nothing saved) when over a norm, with the figures."""
    if not in_scope(actor, line.unit.path):
        raise NotFound(_("No budget line %(id)s.") % {"id": line.pk})
    if not permissions.can_manage(actor, line.unit):
        raise PermissionDenied(_("You may not manage funding for this unit."))
    if amount <= 0:
        raise FieldErrors({"amount": _("The amount must be a positive whole number of VND.")})
    if date.year != line.year:
        raise FieldErrors(
            {"date": _("The date is outside the line's year %(y)s.") % {"y": line.year}}
        )
    # Serialise entries on the same line so two concurrent entries cannot both pass a norm.
    BudgetLine.objects.select_for_update().filter(pk=line.pk).first()
    entry = SpendingEntry(
        line=line,
        date=date,
        head=head,
        amount=amount,
        payee=payee,
        voucher=voucher,
        commune=commune,
        model_ref=model_ref,
        person=person,
        distance_km=distance_km,
    )
    errors = check_norms(line=line, entry=entry)
    if errors:
        raise FieldErrors(errors)
    entry._change_reason = reason or _("Spending recorded")
    entry.save()
    return entry
