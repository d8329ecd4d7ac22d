"""Officers' pages: thin views over the tips selectors and services (same scope as the API)."""

from dataclasses import dataclass

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from antq.core.errors import DomainError, NotFound
from antq.core.excel import xlsx_response
from antq.core.forms import add_domain_error
from antq.core.paging import page_of
from antq.units.models import Unit

from . import forms, permissions, selectors, services
from .api import attachment_response
from .choices import Classification, TipStatus
from .models import TipAttachment


def _tip(request, pk: int):
    try:
        return selectors.tip_get(user=request.user, tip_id=pk)
    except NotFound as error:
        raise Http404(error.message) from error


def _filtered(request):
    form = forms.TipFilterForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    tips = selectors.tip_list(
        user=request.user,
        **{k: data.get(k) or "" for k in ("q", "status", "kind", "classification", "commune")},
    )
    if data.get("overdue"):
        tips = selectors.tip_overdue(tips)
    return form, tips


@login_required
def tip_list(request):
    if not permissions.is_handler(request.user):
        raise Http404
    form, tips = _filtered(request)
    page = page_of(tips, request.GET.get("page"))
    page.object_list = selectors.with_deadlines(page.object_list)
    unit = request.user.unit
    year = timezone.localdate().year
    stats = selectors.forwarded_on_time(user=request.user, unit=unit, year=year) if unit else []
    context = {"form": form, "page": page, "stats": stats, "year": year}
    return render(request, "tips/list.html", context)


@login_required
def tip_export(request):
    """Non-identifying fields only: no text, no contact, no files, no place below the commune."""
    if not permissions.is_handler(request.user):
        raise Http404
    _form, tips = _filtered(request)
    tips = selectors.with_deadlines(tips)
    return xlsx_response(
        "tin-bao.xlsx",
        title=_("Tips"),
        headers=[
            _("Number"),
            _("Received on"),
            _("Kind"),
            _("Status"),
            _("Classification"),
            _("Handled by"),
            _("Forwarded on"),
            _("Overdue"),
            _("Valuable"),
            _("Case solved"),
        ],
        rows=(
            (
                t.pk,
                timezone.localdate(t.received_at),
                t.get_kind_display(),
                t.get_status_display(),
                t.get_classification_display(),
                t.routed_to.name,
                timezone.localdate(t.forwarded_at) if t.forwarded_at else None,
                _("Yes") if t.overdue else "",
                _("Yes") if t.valuable else "",
                _("Yes") if t.case_solved else "",
            )
            for t in tips
        ),
    )


@login_required
def tip_detail(request, pk: int):
    tip = _tip(request, pk)
    services.tip_open(actor=request.user, tip=tip)
    (tip,) = selectors.with_deadlines([tip])
    now = timezone.now()
    deadlines = [
        {"deadline": d, "passed": d.due <= now and tip.next_due == d}
        for d in selectors.tip_deadlines(tip)
    ]
    can_contact = permissions.can_read_contact(request.user, tip)
    context = {
        "tip": tip,
        "deadlines": deadlines,
        "contact": selectors.tip_contact(user=request.user, tip=tip) if can_contact else None,
        "steps": tip.steps.select_related("actor"),
        "dialogue": tip.messages.select_related("officer").prefetch_related("attachments"),
        "attachments": tip.attachments.filter(message__isnull=True),
        "openings": (
            selectors.tip_openings(user=request.user, tip=tip)[:100]
            if permissions.can_read_openings(request.user, tip)
            else None
        ),
        "cluster": selectors.tip_cluster(user=request.user, tip=tip)[:10],
        "actions": {name: a.form() for name, a in ACTIONS.items() if a.allowed(request.user, tip)},
    }
    return render(request, "tips/detail.html", context)


@dataclass(frozen=True)
class Action:
    form: type[django_forms.Form]
    question: str
    done: str
    allowed: object = permissions.can_handle_tip


def _unit_of_province(tip, code: str) -> Unit:
    unit = Unit.objects.filter(code=code, path__startswith=tip.province.path).first()
    if unit is None:
        raise DomainError(_("Choose a commune of the province, or the province."))
    return unit


def _perform(name: str, user, tip, data: dict) -> dict:
    """Call the service of the action; return what the success message names."""
    if name == "receipt":
        services.tip_advance(
            actor=user, tip=tip, status=TipStatus.RECORDED, receipt_number=data["receipt_number"]
        )
        return {"number": data["receipt_number"]}
    if name == "classify":
        services.tip_advance(
            actor=user, tip=tip, status=TipStatus.CLASSIFIED, classification=data["classification"]
        )
        return {"label": Classification(data["classification"]).label}
    if name == "forward":
        services.tip_advance(
            actor=user, tip=tip, status=TipStatus.FORWARDED, forwarded_to=data["forwarded_to"]
        )
        return {"body": data["forwarded_to"]}
    if name == "result":
        services.tip_advance(
            actor=user,
            tip=tip,
            status=TipStatus.RESULT,
            note=data["note"],
            case_solved=data["case_solved"],
        )
        if data["tell_citizen"].strip():
            services.tip_ask(actor=user, tip=tip, body=data["tell_citizen"])
        return {}
    if name == "close":
        services.tip_advance(actor=user, tip=tip, status=TipStatus.CLOSED, note=data["note"])
        return {}
    if name == "reroute":
        to = _unit_of_province(tip, data["to"].strip())
        services.tip_reroute(actor=user, tip=tip, to=to, reason=data["reason"])
        return {"unit": to.name}
    if name == "valuable":
        services.tip_advance(
            actor=user,
            tip=tip,
            status=tip.status,
            note=_("Marked valuable") if data["valuable"] else _("Not valuable"),
            valuable=data["valuable"],
        )
        return {"state": _("valuable") if data["valuable"] else _("not valuable")}
    services.tip_ask(actor=user, tip=tip, body=data["body"])
    return {}


ACTIONS = {
    "receipt": Action(
        forms.ReceiptForm,
        _("Record the receipt of tip #%(id)s under record number %(number)s?"),
        _("Receipt of tip #%(id)s recorded, record number %(number)s."),
    ),
    "classify": Action(
        forms.ClassifyForm,
        _("Classify tip #%(id)s as: %(label)s? Its deadlines follow this classification."),
        _("Tip #%(id)s classified: %(label)s."),
    ),
    "forward": Action(
        forms.ForwardForm,
        _("Record that tip #%(id)s was forwarded to %(body)s now?"),
        _("Tip #%(id)s recorded as forwarded to %(body)s."),
    ),
    "result": Action(
        forms.ResultForm,
        _("Record the result of tip #%(id)s?"),
        _("Result of tip #%(id)s recorded."),
    ),
    "close": Action(forms.CloseForm, _("Close tip #%(id)s?"), _("Tip #%(id)s closed.")),
    "reroute": Action(
        forms.RerouteForm,
        _("Send tip #%(id)s to %(unit)s? Its current officers will no longer see it."),
        _("Tip #%(id)s re-routed to %(unit)s."),
        permissions.can_reroute_tip,
    ),
    "valuable": Action(
        forms.ValuableForm,
        _("Mark tip #%(id)s as %(state)s?"),
        _("Tip #%(id)s marked %(state)s."),
    ),
    "ask": Action(
        forms.AskForm,
        _("Send this message to the citizen of tip #%(id)s? They read it with their code."),
        _("Message sent to the citizen of tip #%(id)s."),
    ),
}


def _preview(name: str, tip, data: dict) -> dict:
    if name == "reroute":
        unit = Unit.objects.filter(code=data["to"].strip(), path__startswith=tip.province.path)
        return {"unit": unit.first().name if unit.exists() else data["to"]}
    if name == "receipt":
        return {"number": data["receipt_number"]}
    if name == "classify":
        return {"label": Classification(data["classification"]).label}
    if name == "forward":
        return {"body": data["forwarded_to"]}
    if name == "valuable":
        return {"state": _("valuable") if data["valuable"] else _("not valuable")}
    return {}


@login_required
@require_POST
def tip_action(request, pk: int, name: str):
    """A handling step: first a confirmation page, then the service call."""
    tip = _tip(request, pk)
    action = ACTIONS.get(name)
    if action is None:
        raise Http404
    if not action.allowed(request.user, tip):
        raise PermissionDenied
    form = action.form(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        if request.POST.get("confirmed") != "1":
            question = action.question % {"id": tip.pk, **_preview(name, tip, data)}
            context = {"tip": tip, "form": form, "name": name, "question": question}
            return render(request, "tips/confirm.html", context)
        try:
            named = _perform(name, request.user, tip, data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, action.done % {"id": tip.pk, **named})
            return redirect("tips:detail", tip.pk)
    for error in form.errors.values():
        messages.error(request, " ".join(error))
    return redirect("tips:detail", tip.pk)


@login_required
def tip_attachment(request, pk: int, attachment_id: int):
    """The server's cleaned, re-encoded copy; never the raw upload."""
    tip = _tip(request, pk)
    attachment = TipAttachment.objects.filter(tip=tip, pk=attachment_id).first()
    if attachment is None:
        raise Http404(_("No such file."))
    return attachment_response(attachment)
