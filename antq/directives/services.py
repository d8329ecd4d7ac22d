"""Writes on directives: issue one to an audience, acknowledge, record a plan, report, pass on.

Each write records its history (author and reason) in the same transaction.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from antq.core.errors import DomainError, FieldErrors, NotFound, PermissionDenied
from antq.core.text import fold
from antq.units.models import Unit
from antq.units.permissions import in_scope, scope_path

from . import permissions
from .choices import DirectiveKind
from .models import Deployment, Directive
from .uploads import checked_document

BATCH_SIZE = 2000


def now():
    """Return the current instant (one place for tests to set the clock)."""
    return timezone.now()


def _fmt(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _user(actor):
    return actor if getattr(actor, "pk", None) else None


def _save(record, *, actor, reason: str) -> None:
    record._history_user = _user(actor)
    record._change_reason = reason
    record.save()


@dataclass
class Audience:
    """Who a directive goes to: every unit of `kinds` under `root`, and the units `codes` name."""

    root: Unit | None = None
    kinds: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)


def audience_resolve(*, actor, audience: Audience, under: Unit | None = None) -> list[Unit]:
    """Return the units of the audience as the tree stands today, in the actor's scope.

    `under` (the unit passing a directive on) keeps only units strictly below it. A code
    that is unknown, out of scope or not below `under` is refused by name.
    """
    day = timezone.localdate(now())
    current = Unit.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
    prefix = scope_path(actor)
    if prefix is not None:
        current = current.filter(path__startswith=prefix)
    if under is not None:
        current = current.filter(path__startswith=under.path).exclude(pk=under.pk)
    found: dict[int, Unit] = {}
    if audience.kinds:
        if audience.root is None:
            raise FieldErrors({"root": _("Choose the unit whose subtree receives it.")})
        if not in_scope(actor, audience.root.path):
            raise NotFound(_("No unit with code %(code)s.") % {"code": audience.root.code})
        rows = current.filter(path__startswith=audience.root.path, kind__in=audience.kinds)
        found.update({u.pk: u for u in rows.exclude(pk=audience.root.pk)})
    codes = [c.strip() for c in audience.codes if c.strip()]
    if codes:
        listed = {u.code: u for u in current.filter(code__in=codes)}
        unknown = [c for c in codes if c not in listed]
        if unknown:
            raise FieldErrors(
                {
                    "codes": _("These unit codes are unknown or outside your area: %(codes)s.")
                    % {"codes": ", ".join(unknown)}
                }
            )
        found.update({u.pk: u for u in listed.values()})
    if not found:
        raise FieldErrors({"kinds": _("No unit matches the audience you chose.")})
    return sorted(found.values(), key=lambda u: (u.path, u.code))


def _deploy(*, actor, directive: Directive, parent, units, deadline, reason: str) -> int:
    moment = now()
    rows = [
        Deployment(
            directive=directive,
            unit=unit,
            parent=parent,
            deployed_at=moment,
            deployed_by=_user(actor),
            report_deadline=deadline,
        )
        for unit in units
    ]
    bulk_create_with_history(
        rows,
        Deployment,
        batch_size=BATCH_SIZE,
        default_user=_user(actor),
        default_change_reason=reason,
    )
    return len(rows)


def _check_fields(*, number, issued_on, kind, summary, issuing_body, report_deadline) -> None:
    errors = {}
    today = timezone.localdate(now())
    if not (number or "").strip():
        errors["number"] = _("Give the number and symbol, e.g. 67/KH-BCĐ.")
    if not (issuing_body or "").strip():
        errors["issuing_body"] = _("Give the issuing body.")
    if not (summary or "").strip():
        errors["summary"] = _("Give the summary of the document.")
    if kind not in DirectiveKind.values:
        errors["kind"] = _("Unknown kind of document: %(kind)s.") % {"kind": kind}
    if issued_on is None:
        errors["issued_on"] = _("Give the date it was issued.")
    elif issued_on > today:
        errors["issued_on"] = _("The date issued (%(day)s) is in the future.") % {
            "day": _fmt(issued_on)
        }
    if report_deadline is not None and issued_on is not None and report_deadline < issued_on:
        errors["report_deadline"] = _(
            "The report deadline (%(deadline)s) is before the date issued (%(day)s)."
        ) % {"deadline": _fmt(report_deadline), "day": _fmt(issued_on)}
    if errors:
        raise FieldErrors(errors)


@transaction.atomic
def directive_issue(
    *,
    actor,
    issuing_body: str,
    number: str,
    issued_on: date,
    kind: str,
    summary: str,
    file,
    audience: Audience,
    requires_plan: bool = False,
    report_deadline: date | None = None,
    issuing_unit: Unit | None = None,
) -> Directive:
    """Record a directive and deploy it to every unit of its audience, one row each."""
    if not permissions.can_issue(actor):
        raise PermissionDenied(_("You may not issue directives."))
    issuing_unit = issuing_unit or actor.unit
    if issuing_unit is None or not in_scope(actor, issuing_unit.path):
        raise FieldErrors({"issuing_unit": _("Choose the unit that issues the directive.")})
    _check_fields(
        number=number,
        issued_on=issued_on,
        kind=kind,
        summary=summary,
        issuing_body=issuing_body,
        report_deadline=report_deadline,
    )
    stored = checked_document(file)
    units = [u for u in audience_resolve(actor=actor, audience=audience) if u.pk != issuing_unit.pk]
    if not units:
        raise FieldErrors({"kinds": _("No unit matches the audience you chose.")})
    number = number.strip()
    if Directive.objects.filter(
        issuing_unit=issuing_unit, number=number, issued_on=issued_on
    ).exists():
        raise FieldErrors(
            {
                "number": _("%(number)s of %(day)s is already recorded.")
                % {"number": number, "day": _fmt(issued_on)}
            }
        )
    directive = Directive(
        issuing_unit=issuing_unit,
        issuing_body=issuing_body.strip(),
        number=number,
        issued_on=issued_on,
        kind=kind,
        summary=summary.strip(),
        file_name=stored.name,
        requires_plan=requires_plan,
        report_deadline=report_deadline,
        created_by=_user(actor),
        search_text=search_text_for(number, issuing_body, summary),
    )
    directive.file.save(stored.name, stored, save=False)
    try:
        with transaction.atomic():
            _save(directive, actor=actor, reason=_("Issued"))
    except IntegrityError as error:
        raise FieldErrors({"number": _("This number is already recorded.")}) from error
    _deploy(
        actor=actor,
        directive=directive,
        parent=None,
        units=units,
        deadline=report_deadline,
        reason=_("Deployed by %(unit)s") % {"unit": issuing_unit.name},
    )
    return directive


def search_text_for(number: str, issuing_body: str, summary: str) -> str:
    return f"{fold(number)} {fold(issuing_body)} {fold(summary)}"[:1200]


def _locked(deployment: Deployment) -> Deployment:
    return (
        Deployment.objects.select_for_update(of=("self",))
        .select_related("directive", "unit")
        .get(pk=deployment.pk)
    )


def _check_act(actor, deployment: Deployment) -> None:
    if not in_scope(actor, deployment.unit.path):
        raise NotFound(_("No such deployment."))
    if not permissions.can_act_for(actor, deployment):
        raise PermissionDenied(_("Only the unit itself may do this."))


def _mark_read(deployment: Deployment, *, actor, moment, read: bool) -> list[str]:
    done = []
    if deployment.received_at is None:
        deployment.received_at, deployment.received_by = moment, _user(actor)
        done.append(pgettext("directive stage", "received"))
    if read and deployment.read_at is None:
        deployment.read_at, deployment.read_by = moment, _user(actor)
        done.append(pgettext("directive stage", "read"))
    return done


@transaction.atomic
def deployment_acknowledge(*, actor, deployment: Deployment, read: bool = True) -> Deployment:
    """Record that the unit received the directive and, if `read`, that it was read.

    A second acknowledgement changes nothing: the first date and person stay.
    """
    deployment = _locked(deployment)
    _check_act(actor, deployment)
    done = _mark_read(deployment, actor=actor, moment=now(), read=read)
    if done:
        _save(
            deployment, actor=actor, reason=_("Acknowledged: %(what)s") % {"what": ", ".join(done)}
        )
    return deployment


@transaction.atomic
def deployment_plan_record(
    *, actor, deployment: Deployment, number: str, plan_date: date | None, file
) -> Deployment:
    """Record the unit's own plan for the directive (number, date, file)."""
    deployment = _locked(deployment)
    _check_act(actor, deployment)
    directive = deployment.directive
    if not directive.requires_plan:
        raise DomainError(_("This directive does not ask units for a plan of their own."))
    errors = {}
    today = timezone.localdate(now())
    if not (number or "").strip():
        errors["number"] = _("Give the number of your plan, e.g. 12/KH-UBND.")
    if plan_date is None:
        errors["plan_date"] = _("Give the date of your plan.")
    elif plan_date > today:
        errors["plan_date"] = _("The plan's date (%(day)s) is in the future.") % {
            "day": _fmt(plan_date)
        }
    elif plan_date < directive.issued_on:
        errors["plan_date"] = _(
            "The plan's date (%(day)s) is before the directive was issued (%(issued)s)."
        ) % {"day": _fmt(plan_date), "issued": _fmt(directive.issued_on)}
    if errors:
        raise FieldErrors(errors)
    stored = checked_document(file)
    replaced = bool(deployment.plan_recorded_at)
    moment = now()
    _mark_read(deployment, actor=actor, moment=moment, read=True)
    deployment.plan_number, deployment.plan_date = number.strip(), plan_date
    deployment.plan_file.save(stored.name, stored, save=False)
    deployment.plan_file_name = stored.name
    deployment.plan_recorded_at = moment
    reason = _("Plan replaced: %(number)s") if replaced else _("Plan recorded: %(number)s")
    _save(deployment, actor=actor, reason=reason % {"number": deployment.plan_number})
    return deployment


@transaction.atomic
def deployment_report_send(
    *, actor, deployment: Deployment, summary: str = "", file=None
) -> Deployment:
    """Send the unit's result report; it counts on time up to the deadline, late after."""
    deployment = _locked(deployment)
    _check_act(actor, deployment)
    if deployment.reported_at is not None:
        raise DomainError(
            _("The result report was already sent on %(day)s.")
            % {"day": _fmt(deployment.reported_on)}
        )
    summary = (summary or "").strip()
    if not summary and file is None:
        raise FieldErrors({"summary": _("Write the result report or attach its file.")})
    if file is not None:
        stored = checked_document(file)
        deployment.report_file.save(stored.name, stored, save=False)
        deployment.report_file_name = stored.name
    moment = now()
    _mark_read(deployment, actor=actor, moment=moment, read=True)
    deployment.report_summary = summary
    deployment.reported_at = moment
    deployment.reported_on = timezone.localdate(moment)
    deployment.reported_by = _user(actor)
    late = deployment.on_time is False
    _save(
        deployment,
        actor=actor,
        reason=_("Result report sent late") if late else _("Result report sent"),
    )
    return deployment


@transaction.atomic
def deployment_redeploy(
    *,
    actor,
    deployment: Deployment,
    audience: Audience,
    report_deadline: date | None = None,
) -> tuple[int, int]:
    """Pass the directive on to units below the deployment's unit; return (sent, already).

    Units that already have it (sent directly from above) keep their deployment. A deadline
    of one's own may be earlier than the one received, never later.
    """
    deployment = _locked(deployment)
    _check_act(actor, deployment)
    if not permissions.can_redeploy(actor, deployment):
        raise PermissionDenied(_("This unit cannot pass the directive on."))
    received = deployment.report_deadline
    deadline = report_deadline or received
    if received and deadline and deadline > received:
        raise FieldErrors(
            {
                "report_deadline": _(
                    "Your deadline (%(day)s) is later than the one you received (%(received)s)."
                )
                % {"day": _fmt(deadline), "received": _fmt(received)}
            }
        )
    if audience.root is None:
        audience.root = deployment.unit
    units = audience_resolve(actor=actor, audience=audience, under=deployment.unit)
    have = set(
        Deployment.objects.filter(
            directive=deployment.directive, unit_id__in=[u.pk for u in units]
        ).values_list("unit_id", flat=True)
    )
    new = [u for u in units if u.pk not in have]
    done = _mark_read(deployment, actor=actor, moment=now(), read=True)
    if done:
        _save(
            deployment, actor=actor, reason=_("Acknowledged: %(what)s") % {"what": ", ".join(done)}
        )
    sent = _deploy(
        actor=actor,
        directive=deployment.directive,
        parent=deployment,
        units=new,
        deadline=deadline,
        reason=_("Deployed by %(unit)s") % {"unit": deployment.unit.name},
    )
    return sent, len(have)


EDITABLE_FIELDS = ("issuing_body", "summary", "report_deadline", "requires_plan")


@transaction.atomic
def directive_update(*, actor, directive: Directive, reason: str, **changes) -> Directive:
    """Correct a directive's details, with the reason kept in its history.

    A new report deadline moves the deadline of every unit that still had the old one;
    deadlines a commune set earlier for the units below stay as they are.
    """
    directive = (
        Directive.objects.select_for_update(of=("self",))
        .select_related("issuing_unit")
        .get(pk=directive.pk)
    )
    prefix = scope_path(actor)
    visible = (
        prefix is None
        or directive.issuing_unit.path.startswith(prefix)
        or directive.deployments.filter(unit__path__startswith=prefix).exists()
    )
    if not visible:
        raise NotFound(_("No such directive."))
    if not permissions.can_edit(actor, directive):
        raise PermissionDenied(_("Only the issuing unit may change this directive."))
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise DomainError(_("These details cannot be changed: %(f)s.") % {"f": ", ".join(unknown)})
    reason = (reason or "").strip()
    if not reason:
        raise FieldErrors({"reason": _("Give the reason for the change.")})
    changed = {k: v for k, v in changes.items() if getattr(directive, k) != v}
    if not changed:
        return directive
    merged = {f: changed.get(f, getattr(directive, f)) for f in EDITABLE_FIELDS}
    _check_fields(
        number=directive.number,
        issued_on=directive.issued_on,
        kind=directive.kind,
        summary=merged["summary"],
        issuing_body=merged["issuing_body"],
        report_deadline=merged["report_deadline"],
    )
    old_deadline = directive.report_deadline
    for name, value in changed.items():
        setattr(directive, name, value.strip() if isinstance(value, str) else value)
    directive.search_text = search_text_for(
        directive.number, directive.issuing_body, directive.summary
    )
    _save(directive, actor=actor, reason=reason)
    if "report_deadline" in changed:
        moved = list(directive.deployments.filter(report_deadline=old_deadline))
        for row in moved:
            row.report_deadline = directive.report_deadline
        bulk_update_with_history(
            moved,
            Deployment,
            ["report_deadline"],
            batch_size=BATCH_SIZE,
            default_user=_user(actor),
            default_change_reason=reason,
        )
    return directive
