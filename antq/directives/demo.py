"""Deterministic demo data of the directives app for the demo province.

A dozen directives of the past months sent to the province's communes, schools and bodies,
acknowledged, planned and reported at rates that fall off for the newer ones, and passed on
by the first commune to its residential areas. Apart from plan 67/KH-BCĐ (seed 002), the
numbers are illustrative, not real documents.
"""

import zlib
from datetime import date, datetime, time, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from antq.accounts.models import Account
from antq.core.documents import OfficialDocument, Paragraph, to_pdf

from . import services
from .models import Deployment, Directive

BODY = "Ban Chỉ đạo 138 tỉnh"
# (number, kind, days before today, summary, audience kinds, requires a plan, days to report,
#  share acknowledged, share reported)
DIRECTIVES = [
    (
        "67/KH-BCĐ",
        "plan",
        300,
        "Kế hoạch thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc năm",
        ("commune", "school", "agency", "enterprise", "department", "mass_organisation"),
        True,
        30,
        100,
        96,
    ),
    (
        "02/CT-UBND",
        "instruction",
        280,
        "Chỉ thị về tăng cường bảo đảm an ninh trật tự dịp Tết Nguyên đán",
        ("commune",),
        False,
        20,
        100,
        92,
    ),
    (
        "15/HD-CAT",
        "guidance",
        240,
        "Hướng dẫn xây dựng, nhân rộng mô hình tự quản về an ninh trật tự ở khu dân cư",
        ("commune",),
        True,
        45,
        98,
        85,
    ),
    (
        "08-NQ/TU",
        "resolution",
        220,
        "Nghị quyết về công tác bảo đảm an ninh, trật tự trong tình hình mới",
        ("commune", "department", "mass_organisation"),
        False,
        None,
        97,
        0,
    ),
    (
        "112/CV-CAT",
        "official_letter",
        180,
        "Công văn triển khai đăng ký thi đua và tự đánh giá theo Thông tư 124/2021/TT-BCA",
        ("commune", "school", "agency", "enterprise"),
        False,
        25,
        95,
        88,
    ),
    (
        "21/KH-BCĐ",
        "plan",
        160,
        "Kế hoạch hưởng ứng Ngày toàn dân phòng, chống ma túy 26/6",
        ("commune", "school"),
        True,
        30,
        93,
        80,
    ),
    (
        "30/KH-CAT",
        "plan",
        120,
        "Kế hoạch tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc 19/8",
        ("commune",),
        True,
        40,
        92,
        75,
    ),
    (
        "145/CV-CAT",
        "official_letter",
        90,
        "Công văn về củng cố Tổ bảo vệ an ninh, trật tự ở cơ sở",
        ("commune",),
        False,
        20,
        88,
        70,
    ),
    (
        "09/HD-BCĐ",
        "guidance",
        60,
        "Hướng dẫn sơ kết phong trào toàn dân bảo vệ an ninh Tổ quốc 9 tháng",
        ("commune", "agency", "enterprise", "school"),
        False,
        30,
        80,
        45,
    ),
    (
        "33/KH-BCĐ",
        "plan",
        35,
        "Kế hoạch cao điểm tấn công, trấn áp tội phạm cuối năm",
        ("commune",),
        True,
        45,
        70,
        20,
    ),
    (
        "178/CV-CAT",
        "official_letter",
        14,
        "Công văn đôn đốc báo cáo tổng kết phong trào năm",
        ("commune", "department", "mass_organisation"),
        False,
        25,
        55,
        5,
    ),
    (
        "12/CT-UBND",
        "instruction",
        4,
        "Chỉ thị về bảo đảm an ninh, trật tự các ngày lễ cuối năm",
        ("commune",),
        False,
        21,
        30,
        0,
    ),
]


def _pick(number: str, code: str, salt: str) -> int:
    """A stable number 0–99 per unit and directive, so every run makes the same choices."""
    return zlib.crc32(f"{salt}|{number}|{code}".encode()) % 100


def _moment(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _file(province, number: str, day: date, summary: str) -> ContentFile:
    document = OfficialDocument(
        issuing_body=f"{BODY} {province.name}",
        number=number,
        place=province.name,
        day=day,
        title=summary,
        body=[Paragraph("Tài liệu minh họa của hệ thống ANTQ.")],
        signer_title="Trưởng ban",
        signer_name="Nguyễn Văn A",
    )
    return ContentFile(to_pdf(document), name=f"{number.replace('/', '-')}.pdf")


@transaction.atomic
def seed(*, province, staff, today) -> None:
    """Add this app's demo data once; a second run changes nothing."""
    if Directive.objects.filter(issuing_unit=province, number=DIRECTIVES[0][0]).exists():
        return
    accounts = dict(
        Account.objects.filter(unit__path__startswith=province.path).values_list("unit_id", "pk")
    )
    people = Account.objects.in_bulk(list(set(accounts.values())))
    first_commune = None
    for number, kind, ago, summary, kinds, plan, days, acknowledged, reported in DIRECTIVES:
        issued = today - timedelta(days=ago)
        if issued.year != today.year and number != DIRECTIVES[0][0]:
            issued = max(issued, date(today.year, 1, 2))
        text = f"{summary} {issued.year}" if number == DIRECTIVES[0][0] else summary
        directive = services.directive_issue(
            actor=staff,
            issuing_body=f"{BODY} {province.name}",
            number=number,
            issued_on=min(issued, today),
            kind=kind,
            summary=text,
            file=_file(province, number, issued, text),
            requires_plan=plan,
            report_deadline=issued + timedelta(days=days) if days else None,
            audience=services.Audience(root=province, kinds=list(kinds)),
        )
        rows = list(directive.deployments.select_related("unit"))
        if first_commune is None:
            first_commune = min(
                (r for r in rows if r.unit.kind == "commune"), key=lambda r: r.unit.code
            )
        _progress(directive, rows, today, accounts, people, acknowledged, reported)
        if ago >= 60:
            _pass_on(directive, first_commune.unit, staff, today, acknowledged)


def _progress(directive, rows, today, accounts, people, acknowledged, reported) -> None:
    issued, number = directive.issued_on, directive.number
    changed = []
    for row in rows:
        code = row.unit.code
        if _pick(number, code, "ack") >= acknowledged:
            continue
        person = people.get(accounts.get(row.unit_id))
        received = min(issued + timedelta(days=1 + _pick(number, code, "day") % 5), today)
        row.received_at, row.received_by = _moment(received, 8), person
        if _pick(number, code, "read") < 95:
            row.read_at, row.read_by = _moment(received, 10), person
            if directive.requires_plan and _pick(number, code, "plan") < max(reported, 40):
                row.plan_number = f"{1 + _pick(number, code, 'no')}/KH-UBND"
                row.plan_date = min(received + timedelta(days=3), today)
                row.plan_recorded_at = _moment(row.plan_date, 15)
        deadline = row.report_deadline
        if deadline and row.read_at and _pick(number, code, "report") < reported:
            lateness = _pick(number, code, "late")
            sent = (
                deadline - timedelta(days=lateness % 10)
                if lateness < 85
                else deadline + timedelta(days=1 + lateness % 6)
            )
            sent = max(min(sent, today), received)
            row.report_summary = (
                "Đơn vị đã quán triệt, triển khai tới 100% khu dân cư và báo cáo kết quả."
            )
            row.reported_at, row.reported_on, row.reported_by = _moment(sent, 16), sent, person
        changed.append(row)
    bulk_update_with_history(
        changed,
        Deployment,
        [
            "received_at",
            "received_by",
            "read_at",
            "read_by",
            "plan_number",
            "plan_date",
            "plan_recorded_at",
            "report_summary",
            "reported_at",
            "reported_on",
            "reported_by",
        ],
        batch_size=1000,
        default_change_reason="Dữ liệu minh họa",
    )


def _pass_on(directive, commune, staff, today, acknowledged) -> None:
    """The first commune passes older directives on to its residential areas."""
    parent = directive.deployments.filter(unit=commune).first()
    if parent is None:
        return
    officer = Account.objects.filter(unit=commune, role_grants__role="commune_officer").first()
    actor = officer or staff
    if officer is None:
        return
    services.deployment_redeploy(
        actor=actor, deployment=parent, audience=services.Audience(kinds=["residential_area"])
    )
    areas = list(parent.children.select_related("unit"))
    for row in areas:
        if _pick(directive.number, row.unit.code, "area") < acknowledged:
            day = min(directive.issued_on + timedelta(days=4), today)
            row.received_at = row.read_at = _moment(day, 9)
            row.received_by = row.read_by = officer
    bulk_update_with_history(
        areas,
        Deployment,
        ["received_at", "read_at", "received_by", "read_by"],
        default_change_reason="Dữ liệu minh họa",
    )
