"""Configuration writes: award kinds, basic salary, ranking weights, quotas, pending matters,
and the start-of-year registration of emulation titles."""

from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from antq.core.errors import DomainError, FieldErrors, PermissionDenied
from antq.units.models import Unit

from .. import permissions
from ..choices import Category, Recipient
from ..configuration import DEFAULT_WEIGHTS
from ..models import AwardKind, BasicSalary, PendingMatter, Quota, RankingWeights, TitleRegistration
from .common import account, check_visible, record

KIND_FIELDS = (
    "name",
    "awarded_by",
    "awarded_by_provisional",
    "cash_multiple",
    "cash_provisional",
    "criteria",
    "criteria_provisional",
    "checklist",
    "legal_basis",
    "valid_from",
    "valid_to",
)


def _check_configure(actor) -> None:
    if not permissions.can_configure(actor):
        raise PermissionDenied(_("Only province staff configure awards."))


@transaction.atomic
def kind_update(*, actor, kind: AwardKind, reason: str, **values) -> AwardKind:
    """Change an award kind's configuration; the category and recipient never change."""
    _check_configure(actor)
    if not reason.strip():
        raise FieldErrors({"reason": _("Give the reason for the change.")})
    for name, value in values.items():
        if name not in KIND_FIELDS:
            raise DomainError(_("The field %(field)s cannot be changed.") % {"field": name})
        setattr(kind, name, value)
    if kind.valid_to and kind.valid_to < kind.valid_from:
        raise FieldErrors({"valid_to": _("The end of validity is before its start.")})
    record(kind, actor=actor, reason=reason)
    return kind


@transaction.atomic
def basic_salary_set(
    *, actor, amount: int, valid_from: date, legal_basis: str, provisional: bool = True
) -> BasicSalary:
    _check_configure(actor)
    if amount <= 0:
        raise FieldErrors({"amount": _("The basic salary must be a positive amount.")})
    salary = BasicSalary.objects.filter(valid_from=valid_from).first() or BasicSalary(
        valid_from=valid_from
    )
    salary.amount, salary.legal_basis, salary.provisional = amount, legal_basis, provisional
    record(salary, actor=actor, reason=_("Basic salary set"))
    return salary


def basic_salary_on(day: date) -> BasicSalary | None:
    return BasicSalary.objects.filter(valid_from__lte=day).order_by("-valid_from").first()


def cash_for(kind: AwardKind, day: date) -> int | None:
    """Return the amount of a kind on `day`, when both its multiple and the salary are known."""
    salary = basic_salary_on(day)
    if kind.cash_multiple is None or salary is None:
        return None
    return int((Decimal(salary.amount) * kind.cash_multiple).quantize(Decimal(1)))


def weights_of(province: Unit) -> RankingWeights:
    """Return the province's weights; unsaved provisional defaults when it decided none."""
    found = RankingWeights.objects.filter(province=province).first()
    if found is not None:
        return found
    return RankingWeights(
        province=province,
        recognised=DEFAULT_WEIGHTS["recognised"],
        classes=dict(DEFAULT_WEIGHTS["classes"]),
        provisional=True,
    )


@transaction.atomic
def weights_set(
    *, actor, province: Unit, recognised: int, classes: dict, decision: str
) -> RankingWeights:
    _check_configure(actor)
    check_visible(actor, province)
    weights = weights_of(province)
    weights.recognised, weights.classes, weights.decision = recognised, classes, decision
    weights.provisional = not decision.strip()
    record(weights, actor=actor, reason=_("Ranking weights set"))
    return weights


@transaction.atomic
def quota_set(*, actor, year: int, kind: AwardKind, unit: Unit, allowed: int) -> Quota:
    """Allocate (or change) a unit's quota; it never drops below the places already used."""
    _check_configure(actor)
    check_visible(actor, unit)
    quota = Quota.objects.select_for_update().filter(year=year, kind=kind, unit=unit).first()
    if quota is None:
        quota = Quota(year=year, kind=kind, unit=unit, used=0)
    if allowed < quota.used:
        raise FieldErrors(
            {
                "allowed": _(
                    "%(unit)s already used %(used)s place(s) of %(kind)s; the quota cannot be "
                    "%(allowed)s."
                )
                % {"unit": unit.name, "used": quota.used, "kind": kind.name, "allowed": allowed}
            }
        )
    quota.allowed = allowed
    record(quota, actor=actor, reason=_("Quota allocated: %(n)s") % {"n": allowed})
    return quota


@transaction.atomic
def matter_record(
    *,
    actor,
    unit: Unit,
    kind: str,
    reference: str,
    opened_on: date,
    person_name: str = "",
    birth_date: date | None = None,
    identity_number: str = "",
) -> PendingMatter:
    """Record a pending discipline, investigation or complaint; it blocks awards while open."""
    if not permissions.can_record_matters(actor):
        raise PermissionDenied(_("Only province staff record pending matters."))
    check_visible(actor, unit)
    matter = PendingMatter(
        unit=unit,
        kind=kind,
        reference=reference,
        opened_on=opened_on,
        person_name=" ".join(person_name.split()),
        birth_date=birth_date,
        identity_number=identity_number.strip(),
        recorded_by=account(actor),
    )
    record(matter, actor=actor, reason=_("Pending matter recorded"))
    return matter


@transaction.atomic
def matter_close(*, actor, matter: PendingMatter, closed_on: date) -> PendingMatter:
    if not permissions.can_record_matters(actor):
        raise PermissionDenied(_("Only province staff record pending matters."))
    matter.closed_on = closed_on
    record(matter, actor=actor, reason=_("Pending matter closed"))
    return matter


@transaction.atomic
def title_register(
    *,
    actor,
    year: int,
    unit: Unit,
    kind: AwardKind,
    registered_on: date,
    person_name: str = "",
) -> TitleRegistration:
    """Register an emulation title a unit (or one of its people) aims for this year."""
    check_visible(actor, unit)
    if not permissions.can_propose(actor, unit):
        raise PermissionDenied(_("You may not register titles for %(unit)s.") % {"unit": unit.name})
    if kind.category != Category.TITLE:
        raise FieldErrors(
            {
                "kind": _("%(kind)s is a form of award, not an emulation title.")
                % {"kind": kind.name}
            }
        )
    person_name = " ".join(person_name.split())
    if kind.recipient == Recipient.INDIVIDUAL and not person_name:
        raise FieldErrors({"person_name": _("Give the full name of the person registering.")})
    if kind.recipient == Recipient.COLLECTIVE:
        person_name = ""
    if registered_on.year != year:
        raise FieldErrors(
            {"registered_on": _("The registration date is not in %(year)s.") % {"year": year}}
        )
    registration = TitleRegistration(
        year=year,
        unit=unit,
        kind=kind,
        person_name=person_name,
        registered_on=registered_on,
        registered_by=account(actor),
    )
    try:
        with transaction.atomic():
            record(registration, actor=actor, reason=_("Title registered"))
    except IntegrityError as error:
        raise DomainError(
            _("%(who)s already registered %(kind)s for %(year)s.")
            % {"who": person_name or unit.name, "kind": kind.name, "year": year}
        ) from error
    return registration
