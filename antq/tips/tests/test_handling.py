"""The police side: routing, re-routing, deadlines and escalation, scope, access log, figures."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from antq.core.errors import FieldErrors, NotFound, PermissionDenied
from antq.core.roles import Role
from antq.tips import selectors, services
from antq.tips.models import CommuneTipSetting, Tip, TipOpening

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def submit(tree, place=None, **extra):
    return services.tip_submit(
        province=tree.province,
        kind=extra.pop("kind", "theft"),
        text=extra.pop("text", "Mất trộm xe máy trước chợ."),
        place=place,
        **extra,
    ).tip


def test_routing_by_place(tree):
    assert submit(tree, tree.area).routed_to == tree.commune
    assert submit(tree, tree.commune2).routed_to == tree.commune2
    assert submit(tree, None).routed_to == tree.province


def test_place_of_another_province_is_refused(tree):
    with pytest.raises(FieldErrors) as refused:
        submit(tree, tree.other_area)
    assert "place" in refused.value.errors
    assert not Tip.objects.exists()


def test_another_communes_officer_gets_404(tree, persona, client, bearer):
    tip = submit(tree, tree.area3)  # Quảng Phú
    officer = persona(Role.COMMUNE_OFFICER)  # Đông Quang
    with pytest.raises(NotFound):
        selectors.tip_get(user=officer, tip_id=tip.pk)
    answer = client.get(f"/api/v1/tips/{tip.pk}", headers=bearer(officer))
    missing = client.get("/api/v1/tips/999999", headers=bearer(officer))
    assert answer.status_code == missing.status_code == 404
    assert answer.json() == {"detail": missing.json()["detail"].replace("999999", str(tip.pk))}
    owner = persona(Role.COMMUNE_OFFICER, "16522")
    assert client.get(f"/api/v1/tips/{tip.pk}", headers=bearer(owner)).status_code == 200


def test_reroute_with_a_reason_by_the_province(tree, persona):
    tip = submit(tree, tree.area)
    staff = persona(Role.PROVINCE_STAFF)
    with pytest.raises(FieldErrors) as refused:
        services.tip_reroute(actor=staff, tip=tip, to=tree.commune2, reason=" ")
    assert "reason" in refused.value.errors
    with pytest.raises(PermissionDenied):
        services.tip_reroute(
            actor=persona(Role.COMMUNE_OFFICER), tip=tip, to=tree.commune2, reason="Sai địa bàn"
        )
    services.tip_reroute(actor=staff, tip=tip, to=tree.commune2, reason="Sai địa bàn")
    tip.refresh_from_db()
    assert tip.routed_to == tree.commune2
    assert "Sai địa bàn" in tip.steps.last().note
    assert tip.history.first().history_change_reason == "Sai địa bàn"
    assert tip.history.first().history_user == staff
    with pytest.raises(NotFound):
        selectors.tip_get(user=persona(Role.COMMUNE_OFFICER), tip_id=tip.pk)


RECEIVED = datetime(2026, 3, 2, 9, 0, tzinfo=HCM)  # a Monday


@pytest.mark.parametrize(
    ("classification", "remote", "due"),
    [
        ("urgent", False, RECEIVED + timedelta(hours=24)),
        ("urgent", True, RECEIVED + timedelta(hours=48)),
        ("ordinary", False, RECEIVED + timedelta(days=7)),
        ("denunciation", False, datetime(2026, 3, 11, 9, 0, tzinfo=HCM)),  # 7 working days
    ],
)
def test_deadline_from_receipt_and_escalation(tree, persona, classification, remote, due):
    persona(Role.PROVINCE_STAFF).__class__.objects.filter(
        username__startswith="province_staff"
    ).update(email="pv05@example.vn")
    officer = persona(Role.COMMUNE_OFFICER)
    officer.email = "cax@example.vn"
    officer.save()
    if remote:
        CommuneTipSetting.objects.create(unit=tree.commune, remote=True)
    with time_machine.travel(RECEIVED, tick=False):
        tip = submit(tree, tree.area, contact="0912")  # not anonymous: exact time kept
    services.tip_advance(actor=officer, tip=tip, status="recorded", receipt_number="BB-01")
    services.tip_advance(actor=officer, tip=tip, status="classified", classification=classification)
    assert selectors.next_deadline(tip).due == due
    mail.outbox.clear()

    services.tips_check_deadlines(now=due - timedelta(hours=1))
    tip.refresh_from_db()
    assert tip.reminded_at and tip.escalated_at is None
    assert [m.subject for m in mail.outbox] == ["Tip deadline approaching"] or mail.outbox
    assert services.tips_check_deadlines(now=due - timedelta(minutes=1)) == {
        "reminded": 0,
        "escalated": 0,
    }
    assert services.tips_check_deadlines(now=due + timedelta(minutes=1))["escalated"] == 1
    tip.refresh_from_db()
    assert tip.escalated_at
    overdue = mail.outbox[-1]
    assert "pv05@example.vn" in overdue.to
    assert "Mất trộm" not in overdue.body and "0912" not in overdue.body
    assert services.tips_check_deadlines(now=due + timedelta(days=1))["escalated"] == 0


def test_denunciation_settlement_runs_after_forwarding(tree, persona):
    officer = persona(Role.COMMUNE_OFFICER)
    with time_machine.travel(RECEIVED, tick=False):
        tip = submit(tree, tree.area, contact="x")
    services.tip_advance(actor=officer, tip=tip, status="classified", classification="denunciation")
    services.tip_advance(actor=officer, tip=tip, status="forwarded", forwarded_to="Thanh tra tỉnh")
    assert selectors.next_deadline(tip).due == RECEIVED + timedelta(days=30)
    tip2 = submit(tree, tree.area)
    services.tip_advance(actor=officer, tip=tip2, status="forwarded", forwarded_to="CQĐT")
    assert selectors.next_deadline(tip2) is None  # a crime tip's clock stops once forwarded


def test_new_tip_notification_carries_no_content(tree, persona, django_capture_on_commit_callbacks):
    officer = persona(Role.COMMUNE_OFFICER)
    officer.email = "cax@example.vn"
    officer.save()
    with django_capture_on_commit_callbacks(execute=True):
        submit(tree, tree.area, text="Bí mật: kho vũ khí ở nhà ông X")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["cax@example.vn"]
    assert "vũ khí" not in mail.outbox[0].body and "ông X" not in mail.outbox[0].subject


def test_every_opening_is_logged_and_visible_to_the_province(tree, persona, client, bearer):
    tip = submit(tree, tree.area)
    officer = persona(Role.COMMUNE_OFFICER)
    client.get(f"/api/v1/tips/{tip.pk}", headers=bearer(officer))
    client.get(f"/api/v1/tips/{tip.pk}", headers=bearer(officer))
    staff = persona(Role.PROVINCE_STAFF)
    log = selectors.tip_openings(user=staff, tip=tip)
    assert [o.officer for o in log] == [officer, officer]
    with pytest.raises(NotFound):
        selectors.tip_openings(user=officer, tip=tip)
    assert TipOpening.objects.count() == 2


def test_officer_sees_only_what_the_citizen_wrote(tree, persona, client, bearer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .helpers import gps_jpeg

    code = services.tip_submit(
        province=tree.province,
        kind="drugs",
        text="Bán ma túy.",
        place=tree.area,
        attachments=[SimpleUploadedFile("a.jpg", gps_jpeg())],
    ).code
    officer = persona(Role.COMMUNE_OFFICER)
    body = client.get("/api/v1/tips", headers=bearer(officer)).json()
    assert body[0]["text"] == "Bán ma túy." and "contact" not in body[0]
    attachment = body[0]["attachments"][0]
    image = client.get(
        f"/api/v1/tips/{body[0]['id']}/attachments/{attachment}", headers=bearer(officer)
    )
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"
    assert b"SERIAL-12345" not in b"".join(image.streaming_content)
    assert code not in str(body)


def test_report_figures_for_the_subtree(tree, persona):
    officer = persona(Role.COMMUNE_OFFICER)
    with time_machine.travel(datetime(2026, 5, 10, 10, tzinfo=HCM), tick=False):
        a = submit(tree, tree.area)
        submit(tree, tree.area2)
        submit(tree, tree.area3)
        submit(tree, None)
    services.tip_advance(actor=officer, tip=a, status="result", valuable=True, case_solved=True)
    may = {"start": date(2026, 5, 1), "end": date(2026, 5, 31)}
    assert selectors.report_figures(unit=tree.commune, **may) == {
        "tips_received": 2,
        "tips_valuable": 1,
        "cases_solved_from_tips": 1,
    }
    assert selectors.report_figures(unit=tree.province, **may)["tips_received"] == 4
    assert (
        selectors.report_figures(unit=tree.commune, start=date(2026, 6, 1), end=date(2026, 6, 30))[
            "tips_received"
        ]
        == 0
    )
    stats = selectors.tip_statistics(
        user=persona(Role.PROVINCE_STAFF), unit=tree.province, year=2026
    )
    assert sum(r["received"] for r in stats if r["month"] == 5) == 4


ROLES = list(Role.values)
SEES = {Role.ADMIN, Role.PROVINCE_STAFF, Role.COMMUNE_OFFICER}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("where", ["own", "sideways", "other_province"])
def test_permission_matrix(tree, persona, client, bearer, role, where):
    tips = {
        "own": submit(tree, tree.area),
        "sideways": submit(tree, tree.area3),
        "other_province": services.tip_submit(
            province=tree.other_province, kind="theft", text="x", place=tree.other_area
        ).tip,
    }
    tip = tips[where]
    account = persona(role)
    sees = role in SEES and (
        role == Role.ADMIN
        or (role == Role.PROVINCE_STAFF and where != "other_province")
        or where == "own"
    )
    headers = bearer(account)
    listed = [t["id"] for t in client.get("/api/v1/tips", headers=headers).json()]
    assert (tip.pk in listed) == sees
    for url in (f"/api/v1/tips/{tip.pk}", f"/api/v1/tips/{tip.pk}/steps"):
        assert client.get(url, headers=headers).status_code == (200 if sees else 404)
    can_reroute = sees and role in (Role.ADMIN, Role.PROVINCE_STAFF)
    try:
        services.tip_reroute(actor=account, tip=tip, to=tip.province, reason="Kiểm tra")
        outcome = "ok"
    except NotFound:
        outcome = 404
    except PermissionDenied:
        outcome = 403
    assert outcome == ("ok" if can_reroute else 403 if sees else 404)
    try:
        services.tip_ask(actor=account, tip=tip, body="Hỏi")
        asked = "ok"
    except NotFound:
        asked = 404
    assert asked == ("ok" if sees else 404)


def test_tip_list_query_budget(tree, persona, client, bearer, django_assert_max_num_queries):
    for i in range(12):
        submit(tree, tree.area, text=f"Tin số {i}")
    headers = bearer(persona(Role.PROVINCE_STAFF))
    with django_assert_max_num_queries(8):
        body = client.get("/api/v1/tips", headers=headers).json()
    assert len(body) == 12
