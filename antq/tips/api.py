"""API of citizen tips: the public side (no account) and the officers' side."""

from datetime import datetime

from django.http import FileResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from antq.core.errors import FieldErrors, NotFound
from antq.units.models import Unit

from . import codes, selectors, services
from .models import TipAttachment

public_router = Router(tags=["public tips"], auth=None)
router = Router(tags=["tips"])


class Error(Schema):
    detail: str
    errors: dict[str, str] | None = None


class ChallengeOut(Schema):
    challenge: str
    bits: int


class TipIn(Schema):
    province: str
    kind: str
    text: str
    place: str = ""
    happened_on: str = ""
    contact: str = ""
    challenge: str
    nonce: str


class CodeOut(Schema):
    code: str


class MessageOut(Schema):
    from_citizen: bool
    body: str
    sent_at: datetime
    files: int


class CitizenTipOut(Schema):
    status: str
    status_label: str
    messages: list[MessageOut]


class ReplyIn(Schema):
    body: str = ""


def _province(code: str) -> Unit:
    province = Unit.objects.filter(code=code, kind="province").first()
    if province is None:
        raise FieldErrors({"province": _("Unknown province.")})
    return province


def place_of(province: Unit, code: str) -> Unit | None:
    if not code:
        return None
    place = Unit.objects.filter(code=code, path__startswith=province.path).first()
    if place is None:
        raise FieldErrors({"place": _("The place is not in this province.")})
    return place


@public_router.get(
    "/challenge", response=ChallengeOut, summary=gettext_lazy("A challenge for the public tip form")
)
def challenge(request):
    """A proof-of-work puzzle for the next submission: find a nonce with SHA-256 zero bits."""
    return {"challenge": codes.challenge_new(), "bits": codes.work_target_bits()}


@public_router.post(
    "", response={201: CodeOut, 400: Error, 422: Error}, summary=gettext_lazy("Send a tip")
)
def tip_submit(request, payload: Form[TipIn], attachments: File[list[UploadedFile]] = None):
    """Send a tip; the answer's code is shown once and is the only way back to it."""
    if not codes.work_valid(payload.challenge, payload.nonce):
        raise FieldErrors(
            {"nonce": _("The security check failed. Reload the page and send again.")}
        )
    province = _province(payload.province)
    submitted = services.tip_submit(
        province=province,
        kind=payload.kind,
        text=payload.text,
        place=place_of(province, payload.place),
        happened_on=payload.happened_on,
        contact=payload.contact,
        attachments=attachments or [],
    )
    return Status(201, {"code": submitted.code})


@public_router.get(
    "/{code}",
    response={200: CitizenTipOut, 404: Error, 429: Error},
    summary=gettext_lazy("Follow a tip by its code"),
)
def tip_follow(request, code: str):
    """The status and the dialogue of the tip with this code."""
    return selectors.citizen_view(services.tip_by_code(code))


@public_router.post(
    "/{code}/messages",
    response={201: CitizenTipOut, 400: Error, 404: Error, 429: Error},
    summary=gettext_lazy("Reply to the officers about a tip"),
)
def tip_reply(
    request, code: str, payload: Form[ReplyIn], attachments: File[list[UploadedFile]] = None
):
    """Answer the officers under the code, with text and/or files."""
    message = services.tip_citizen_reply(
        code=code, body=payload.body, attachments=attachments or []
    )
    return Status(201, selectors.citizen_view(message.tip))


class TipOut(Schema):
    id: int
    kind: str
    text: str
    status: str
    classification: str
    place: str | None
    routed_to: str
    received_at: datetime
    anonymous: bool
    valuable: bool
    case_solved: bool
    attachments: list[int]


class StepOut(Schema):
    status: str
    note: str
    at: datetime
    actor: str | None


def tip_out(tip) -> dict:
    return {
        "id": tip.pk,
        "kind": tip.kind,
        "text": tip.text,
        "status": tip.status,
        "classification": tip.classification,
        "place": tip.place.code if tip.place else None,
        "routed_to": tip.routed_to.code,
        "received_at": tip.received_at,
        "anonymous": tip.anonymous,
        "valuable": tip.valuable,
        "case_solved": tip.case_solved,
        "attachments": [a.pk for a in tip.attachments.all()],
    }


@router.get("", response=list[TipOut], summary=gettext_lazy("Tips routed to your units"))
def tip_list(request, status: str = "", kind: str = ""):
    """The tips the officer may see."""
    tips = selectors.tip_list(user=request.user, status=status, kind=kind)
    return [tip_out(t) for t in tips.prefetch_related("attachments")[:200]]


class TipStatisticsOut(Schema):
    by_month_and_kind: list[dict]
    forwarded_on_time: list[dict]


@router.get(
    "/statistics",
    response={200: TipStatisticsOut, 404: Error},
    summary=gettext_lazy("Tips received and forwarded on time, by month"),
)
def tip_statistics(request, year: int, unit: str = ""):
    """Per month: received, valuable, solved by kind; forwarded and forwarded on time."""
    from antq.units.selectors import unit_get

    node = unit_get(user=request.user, code=unit) if unit else request.user.unit
    if node is None:
        raise NotFound(_("No such unit."))
    return {
        "by_month_and_kind": selectors.tip_statistics(user=request.user, unit=node, year=year),
        "forwarded_on_time": selectors.forwarded_on_time(user=request.user, unit=node, year=year),
    }


@router.get("/{tip_id}", response={200: TipOut, 404: Error}, summary=gettext_lazy("One tip"))
def tip_detail(request, tip_id: int):
    """One tip; the opening is recorded in the access log."""
    tip = selectors.tip_get(user=request.user, tip_id=tip_id)
    services.tip_open(actor=request.user, tip=tip)
    return tip_out(tip)


@router.get(
    "/{tip_id}/steps",
    response={200: list[StepOut], 404: Error},
    summary=gettext_lazy("A tip's handling steps"),
)
def tip_steps(request, tip_id: int):
    """The handling steps of a tip."""
    tip = selectors.tip_get(user=request.user, tip_id=tip_id)
    return [
        {"status": s.status, "note": s.note, "at": s.at, "actor": str(s.actor) if s.actor else None}
        for s in tip.steps.select_related("actor")
    ]


@router.get(
    "/{tip_id}/attachments/{attachment_id}",
    response={404: Error},
    summary=gettext_lazy("Download a tip's cleaned attachment"),
)
def tip_attachment(request, tip_id: int, attachment_id: int):
    """A stored attachment: already cleaned and, for images, re-encoded by the server."""
    tip = selectors.tip_get(user=request.user, tip_id=tip_id)
    attachment = TipAttachment.objects.filter(tip=tip, pk=attachment_id).first()
    if attachment is None:
        raise NotFound(_("No such file."))
    return attachment_response(attachment)


def attachment_response(attachment) -> FileResponse:
    """Serve the server's cleaned copy, sandboxed, never sniffed; images inline, else a download."""
    response = FileResponse(attachment.file.open("rb"), content_type=attachment.mime)
    response["Content-Disposition"] = (
        "attachment" if not attachment.mime.startswith("image/") else "inline"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
