"""Changes to the models registry. Each checks, writes and records its history atomically."""

from datetime import date

import filetype
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from antq.core.errors import FieldErrors, NotFound, PermissionDenied
from antq.core.history import save_with_history as _save
from antq.units.permissions import in_scope
from antq.units.selectors import today

from . import permissions
from .choices import (
    PROVISIONAL_GRADES,
    ExampleKind,
    ModelField,
    ModelStatus,
    RecognisingLevel,
    Serves,
)
from .models import (
    ExemplaryExample,
    GradeLevel,
    JudgementEvidence,
    ModelJudgement,
    ModelSite,
    ModelTeam,
    SelfManagementModel,
)

EVIDENCE_TYPES = (
    "application/pdf",
    "image/jpeg",
    "image/png",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
MODEL_FIELDS = (
    "name",
    "field",
    "level",
    "decision_number",
    "decision_date",
    "decision_signer",
    "description",
)


def _require_edit(actor, path: str) -> None:
    if not in_scope(actor, path):
        raise NotFound(_("Not found."))
    if not permissions.can_edit_models(actor, path):
        raise PermissionDenied(
            _("Only the commune's officers and the province's staff change the models registry.")
        )


def province_of(unit):
    from antq.units.models import Unit

    return Unit.objects.get(code=unit.path.split("/")[0])


def grade_scale(province) -> tuple[list[tuple[str, str]], bool]:
    """The province's grades, best first, and whether they are the provisional default."""
    own = list(GradeLevel.objects.filter(province=province).values_list("code", "label"))
    if own:
        return own, False
    return [(code, str(label)) for code, label in PROVISIONAL_GRADES], True


@transaction.atomic
def grade_scale_set(
    *, actor, province, grades: list[tuple[str, str]], basis: str, reason: str
) -> None:
    """Replace the province's grading scale (codes and labels, best first)."""
    if not permissions.can_configure(actor, province):
        raise PermissionDenied(_("Only the province's staff set the grading scale."))
    if not reason.strip():
        raise FieldErrors({"reason": _("Give the reason for the change.")})
    codes = [c.strip() for c, _label in grades]
    if not grades or any(not c or not label.strip() for c, label in grades):
        raise FieldErrors({"grades": _("Give each grade a code and a label.")})
    if len(set(codes)) != len(codes):
        raise FieldErrors({"grades": _("Two grades have the same code.")})
    for old in GradeLevel.objects.filter(province=province):
        old._history_user, old._change_reason = actor, reason
        old.delete()
    for rank, (code, label) in enumerate(grades):
        grade = GradeLevel(province=province, code=code.strip(), label=label.strip(), rank=rank)
        grade.basis = basis
        _save(grade, actor=actor, reason=reason)


# --- models ----------------------------------------------------------------------------------


def _model_errors(values: dict, serves: list[str]) -> dict[str, str]:
    errors = {}
    if not str(values.get("name") or "").strip():
        errors["name"] = _("Give the model's name.")
    if not serves:
        errors["serves"] = _("Choose at least one of the four “tự” the model serves.")
    elif any(s not in Serves.values for s in serves):
        errors["serves"] = _("Unknown “tự”: choose tự phòng, tự quản, tự bảo vệ or tự hòa giải.")
    if values.get("field") not in ModelField.values:
        errors["field"] = _("Choose the field of the model.")
    if values.get("level") not in RecognisingLevel.values:
        errors["level"] = _("Choose the level that recognised the model.")
    if not str(values.get("decision_number") or "").strip():
        errors["decision_number"] = _("Give the number of the founding decision.")
    decided = values.get("decision_date")
    if not isinstance(decided, date):
        errors["decision_date"] = _("Give the date of the founding decision.")
    elif decided > today():
        errors["decision_date"] = _("The decision date is in the future.")
    return errors


def _apply(model: SelfManagementModel, values: dict, serves: list[str]) -> None:
    for name in MODEL_FIELDS:
        if name in values:
            value = values[name]
            setattr(model, name, value.strip() if isinstance(value, str) else value)
    for value, name in SelfManagementModel.SERVES_FIELDS.items():
        setattr(model, name, value in serves)


@transaction.atomic
def model_create(
    *, actor, owner, serves: list[str], reason: str = "", **values
) -> SelfManagementModel:
    """Register a model recognised by a founding decision, owned by `owner`."""
    _require_edit(actor, owner.path)
    errors = _model_errors(values, serves)
    if errors:
        raise FieldErrors(errors)
    model = SelfManagementModel(owner=owner, path=owner.path)
    _apply(model, values, serves)
    _save(model, actor=actor, reason=reason or _("Model registered"))
    return model


@transaction.atomic
def model_update(
    *, actor, model: SelfManagementModel, serves: list[str], reason: str, **values
) -> SelfManagementModel:
    _require_edit(actor, model.path)
    if not reason.strip():
        raise FieldErrors({"reason": _("Give the reason for the change.")})
    errors = _model_errors({**{f: getattr(model, f) for f in MODEL_FIELDS}, **values}, serves)
    if errors:
        raise FieldErrors(errors)
    _apply(model, values, serves)
    _save(model, actor=actor, reason=reason)
    return model


@transaction.atomic
def model_set_status(
    *, actor, model: SelfManagementModel, status: str, on: date, reason: str
) -> SelfManagementModel:
    """Pause, dissolve or reactivate a model, with the date and the reason."""
    _require_edit(actor, model.path)
    errors = {}
    if status not in ModelStatus.values:
        errors["status"] = _("Choose active, paused or dissolved.")
    if not reason.strip():
        errors["reason"] = _("Give the reason for the change of status.")
    if on and on < model.decision_date:
        errors["on"] = _("The date is before the founding decision (%(date)s).") % {
            "date": model.decision_date.strftime("%d/%m/%Y")
        }
    if on and on > today():
        errors["on"] = _("The date is in the future.")
    if not errors and model.status == ModelStatus.DISSOLVED:
        errors["status"] = _("The model was dissolved; register it again if it restarts.")
    if errors:
        raise FieldErrors(errors)
    model.status, model.status_on, model.status_reason = status, on, reason.strip()
    _save(model, actor=actor, reason=reason)
    return model


# --- sites and teams -------------------------------------------------------------------------


@transaction.atomic
def site_add(
    *, actor, model: SelfManagementModel, unit, started_on: date, reason: str = ""
) -> ModelSite:
    """Record that the model is replicated in `unit` from `started_on`."""
    _require_edit(actor, unit.path)
    errors = {}
    if model.status == ModelStatus.DISSOLVED:
        errors["unit"] = _("The model was dissolved.")
    if model.path.split("/")[0] != unit.path.split("/")[0]:
        errors["unit"] = _("The site must be in the model's province.")
    if started_on < model.decision_date:
        errors["started_on"] = _("The site cannot start before the model's founding decision.")
    if started_on > today():
        errors["started_on"] = _("The start date is in the future.")
    if ModelSite.objects.filter(model=model, unit=unit).exists():
        errors["unit"] = _("%(unit)s is already a site of this model.") % {"unit": unit.name}
    if errors:
        raise FieldErrors(errors)
    site = ModelSite(model=model, unit=unit, path=unit.path, started_on=started_on)
    try:
        with transaction.atomic():
            _save(site, actor=actor, reason=reason or _("Site added"))
    except IntegrityError as error:
        raise FieldErrors({"unit": _("This unit is already a site of this model.")}) from error
    return site


@transaction.atomic
def team_add(
    *, actor, site: ModelSite, name: str, member_count: int, reason: str = ""
) -> ModelTeam:
    """Record a team running the model at a site, with its member count."""
    _require_edit(actor, site.path)
    errors = {}
    if not name.strip():
        errors["name"] = _("Give the team's name.")
    if member_count is None or member_count < 1:
        errors["member_count"] = _("A team has at least one member.")
    if errors:
        raise FieldErrors(errors)
    team = ModelTeam(site=site, name=name.strip(), member_count=member_count)
    _save(team, actor=actor, reason=reason or _("Team added"))
    return team


@transaction.atomic
def team_update(*, actor, team: ModelTeam, member_count: int, reason: str) -> ModelTeam:
    _require_edit(actor, team.site.path)
    if member_count is None or member_count < 1:
        raise FieldErrors({"member_count": _("A team has at least one member.")})
    team.member_count = member_count
    _save(team, actor=actor, reason=reason)
    return team


def _check_evidence(upload) -> str:
    """The evidence's type read from its content (never its name), and its size."""
    if upload.size > EVIDENCE_MAX_BYTES:
        raise FieldErrors({"evidence": _("The evidence file is larger than 10 MB.")})
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in EVIDENCE_TYPES:
        raise FieldErrors(
            {"evidence": _("The evidence must be a PDF, JPEG, PNG or Word (.docx) document.")}
        )
    return kind.mime


# --- judgements ------------------------------------------------------------------------------


@transaction.atomic
def judgement_record(
    *,
    actor,
    model: SelfManagementModel,
    site: ModelSite | None,
    year: int,
    effective: bool,
    grade: str,
    judged_by: str,
    judged_on: date,
    note: str = "",
    evidence: list | None = None,
    reason: str = "",
) -> ModelJudgement:
    """Record (or replace) the year's judgement of the model or of one of its sites."""
    _require_edit(actor, site.path if site else model.path)
    scale, provisional = grade_scale(province_of(model.owner))
    labels = dict(scale)
    errors = {}
    if site is not None and site.model_id != model.pk:
        errors["site"] = _("The site is not one of this model's.")
    if not 2000 <= year <= today().year:
        errors["year"] = _("The year must be between 2000 and this year.")
    if grade and grade not in labels:
        errors["grade"] = _("Unknown grade “%(grade)s”: the province's scale is %(scale)s.") % {
            "grade": grade,
            "scale": ", ".join(labels.values()),
        }
    if not judged_by.strip():
        errors["judged_by"] = _("Say who judged the model.")
    if judged_on > today():
        errors["judged_on"] = _("The date is in the future.")
    elif judged_on.year < year:
        errors["judged_on"] = _("A year's judgement is made in that year or later.")
    if errors:
        raise FieldErrors(errors)
    checked = []
    for upload in evidence or []:
        checked.append((upload, _check_evidence(upload)))
    judgement = ModelJudgement.objects.filter(year=year, model=model, site=site).first()
    judgement = judgement or ModelJudgement(year=year, model=model, site=site)
    judgement.effective = effective
    judgement.grade = grade
    judgement.grade_label = labels.get(grade, "")
    judgement.grade_provisional = bool(grade) and provisional
    judgement.judged_by, judgement.judged_on, judgement.note = judged_by.strip(), judged_on, note
    _save(judgement, actor=actor, reason=reason or _("Judgement recorded"))
    for upload, mime in checked:
        doc = JudgementEvidence(judgement=judgement, title=getattr(upload, "name", ""), mime=mime)
        doc.file.save(getattr(upload, "name", "evidence"), upload, save=False)
        _save(doc, actor=actor, reason=reason or _("Evidence attached"))
    return judgement


# --- exemplary examples ----------------------------------------------------------------------

EXAMPLE_FIELDS = (
    "kind",
    "name",
    "field",
    "level",
    "decision_number",
    "decision_date",
    "decision_signer",
    "reason",
)


def _example_errors(values: dict, unit, model) -> dict[str, str]:
    errors = {}
    if values.get("kind") not in ExampleKind.values:
        errors["kind"] = _("Choose collective or individual.")
    if not str(values.get("name") or "").strip():
        errors["name"] = _("Give the name of the collective or person.")
    if values.get("field") not in ModelField.values:
        errors["field"] = _("Choose the field.")
    if values.get("level") not in RecognisingLevel.values:
        errors["level"] = _("Choose the level that recognised the example.")
    if not str(values.get("decision_number") or "").strip():
        errors["decision_number"] = _("Give the number of the decision.")
    decided = values.get("decision_date")
    if not isinstance(decided, date):
        errors["decision_date"] = _("Give the date of the decision.")
    elif decided > today():
        errors["decision_date"] = _("The decision date is in the future.")
    if not str(values.get("reason") or "").strip():
        errors["reason"] = _("Say what the example achieved.")
    if model is not None and model.path.split("/")[0] != unit.path.split("/")[0]:
        errors["model"] = _("The model is in another province.")
    return errors


@transaction.atomic
def example_create(
    *, actor, unit, model: SelfManagementModel | None = None, change_reason: str = "", **values
) -> ExemplaryExample:
    """Record a collective or individual recognised as an exemplary example."""
    _require_edit(actor, unit.path)
    if model is not None and not values.get("field"):
        values["field"] = model.field
    errors = _example_errors(values, unit, model)
    if errors:
        raise FieldErrors(errors)
    example = ExemplaryExample(unit=unit, path=unit.path, model=model)
    for name in EXAMPLE_FIELDS:
        value = values.get(name, "")
        setattr(example, name, value.strip() if isinstance(value, str) else value)
    _save(example, actor=actor, reason=change_reason or _("Example recognised"))
    return example


@transaction.atomic
def example_update(
    *, actor, example: ExemplaryExample, model=None, change_reason: str, **values
) -> ExemplaryExample:
    _require_edit(actor, example.path)
    if not change_reason.strip():
        raise FieldErrors({"change_reason": _("Give the reason for the change.")})
    merged = {**{f: getattr(example, f) for f in EXAMPLE_FIELDS}, **values}
    errors = _example_errors(merged, example.unit, model)
    if errors:
        raise FieldErrors(errors)
    for name in EXAMPLE_FIELDS:
        value = merged[name]
        setattr(example, name, value.strip() if isinstance(value, str) else value)
    example.model = model
    _save(example, actor=actor, reason=change_reason)
    return example


def require_edit(actor, path: str) -> None:
    """Raise as the services do when `actor` may not change records at `path`."""
    _require_edit(actor, path)
