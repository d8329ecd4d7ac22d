"""The citizen's pages: send a tip, return with the code. No account, no cookie but CSRF."""

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from antq.core.errors import DomainError, FieldErrors, NotFound
from antq.units.models import Unit

from . import codes, selectors, services
from .api import place_of
from .choices import TipKind


def _province(code: str) -> Unit:
    province = Unit.objects.filter(code=code, kind="province").first()
    if province is None:
        raise Http404
    return province


def _no_referrer(response):
    response["Referrer-Policy"] = "same-origin"  # no-referrer makes Origin "null": CSRF refuses
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def tip_new(request, province: str):
    unit = _province(province)
    errors, data = {}, request.POST
    if request.method == "POST":
        try:
            if not codes.work_valid(data.get("challenge", ""), data.get("nonce", "")):
                raise FieldErrors(
                    {"nonce": _("The security check failed. Reload the page and send again.")}
                )
            submitted = services.tip_submit(
                province=unit,
                kind=data.get("kind", ""),
                text=data.get("text", ""),
                place=place_of(unit, data.get("place", "")),
                happened_on=data.get("happened_on", ""),
                contact=data.get("contact", "") if data.get("leave_contact") else "",
                attachments=request.FILES.getlist("attachments"),
            )
        except FieldErrors as refusal:
            errors = refusal.errors
        else:
            return _no_referrer(
                render(request, "tips/public_sent.html", {"province": unit, "code": submitted.code})
            )
    context = {
        "province": unit,
        "kinds": TipKind.choices,
        "errors": errors,
        "data": data,
        "challenge": codes.challenge_new(),
        "bits": codes.work_target_bits(),
    }
    return _no_referrer(
        render(request, "tips/public_new.html", context, status=400 if errors else 200)
    )


@require_GET
def places(request, province: str):
    """Communes and residential areas of the province, searched without diacritics."""
    unit = _province(province)
    found = selectors.places_search(province=unit, q=request.GET.get("q", ""))
    return JsonResponse(
        {
            "places": [
                {
                    "code": u.code,
                    "name": u.name if u.kind == "commune" else f"{u.name}, {u.parent.name}",
                }
                for u in found
            ]
        }
    )


@require_http_methods(["GET", "POST"])
def tip_follow(request, province: str):
    """Return with the code (by POST, so it never sits in an address or a log)."""
    unit = _province(province)
    context = {"province": unit}
    if request.method == "POST":
        code = request.POST.get("code", "")
        try:
            if request.POST.get("body") is not None or request.FILES:
                services.tip_citizen_reply(
                    code=code,
                    body=request.POST.get("body", ""),
                    attachments=request.FILES.getlist("attachments"),
                )
                context["replied"] = True
            tip = services.tip_by_code(code)
            if tip.province_id != unit.pk:
                raise NotFound(_("No tip with this code."))
            context.update(code=code, view=selectors.citizen_view(tip))
        except DomainError as refusal:
            context.update(
                error=refusal.message, code=code if isinstance(refusal, FieldErrors) else ""
            )
            if isinstance(refusal, FieldErrors):
                context["view"] = selectors.citizen_view(services.tip_by_code(code))
    return _no_referrer(render(request, "tips/public_follow.html", context))
