"""The officers' pages: list with filters and export, detail, confirmed actions, scope."""

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from antq.core.roles import Role
from antq.tips import selectors, services
from antq.tips.models import Tip, TipOpening

from .helpers import gps_jpeg

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def submit(tree, place=None, **extra):
    return services.tip_submit(
        province=tree.province,
        kind=extra.pop("kind", "theft"),
        text=extra.pop("text", "Mất trộm xe máy trước chợ."),
        place=place,
        **extra,
    ).tip


def test_list_filters_total_and_scope(client, tree, persona, login):
    a = submit(tree, tree.area, kind="drugs", text="Bán ma túy ở ngõ 5")
    submit(tree, tree.area2)
    other = submit(tree, tree.area3)
    login(persona(Role.COMMUNE_OFFICER))
    page = client.get("/tips/")
    text = page.content.decode()
    assert page.status_code == 200 and "2 tin báo" in text
    assert f"#{other.pk}<" not in text
    only = client.get("/tips/", {"kind": "drugs", "q": "ngõ 5"}).content.decode()
    assert f"#{a.pk}<" in only and "1 tin báo" in only
    assert client.get(f"/tips/{other.pk}/").status_code == 404  # another commune's tip
    assert client.get("/tips/999999/").status_code == 404
    staff = client.get("/tips/", {"commune": "16522"}).content.decode()
    assert "0 tin báo" in staff  # the commune officer sees nothing of Quảng Phú


def test_list_overdue_filter(client, tree, persona, login):
    with time_machine.travel(datetime(2026, 3, 2, 9, tzinfo=HCM), tick=False):
        old = submit(tree, tree.area)
    with time_machine.travel(datetime(2026, 3, 10, 9, tzinfo=HCM), tick=False):
        new = submit(tree, tree.area)
        login(persona(Role.PROVINCE_STAFF))
        text = client.get("/tips/", {"overdue": "on"}).content.decode()
    assert f"#{old.pk}<" in text and f"#{new.pk}<" not in text and "quá hạn" in text


def test_export_holds_no_identifying_field(client, tree, persona, login):
    submit(tree, tree.area, text="Nội dung bí mật", contact="0912 345 678")
    login(persona(Role.PROVINCE_STAFF))
    response = client.get("/tips/export.xlsx")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [str(c.value) for row in book.active.iter_rows() for c in row]
    assert "Phường Đông Quang" in cells
    for secret in ("Nội dung bí mật", "0912", "Thôn Đông Hưng"):
        assert not any(secret in c for c in cells)


def test_detail_logs_opening_and_shows_contact_only_to_handlers(client, tree, persona, login):
    tip = submit(tree, tree.area, contact="Nguyễn Văn A, 0912")
    officer = persona(Role.COMMUNE_OFFICER)
    login(officer)
    text = client.get(f"/tips/{tip.pk}/").content.decode()
    assert "0912" in text and "Nhật ký truy cập" not in text
    assert TipOpening.objects.filter(tip=tip, officer=officer).count() == 1
    staff = persona(Role.PROVINCE_STAFF)
    login(staff)
    text = client.get(f"/tips/{tip.pk}/").content.decode()
    assert "0912" not in text  # the province sees the tip, not who sent it
    assert "Nhật ký truy cập" in text and officer.username in text


def test_action_asks_confirmation_then_says_what_was_done(client, tree, persona, login):
    tip = submit(tree, tree.area)
    login(persona(Role.COMMUNE_OFFICER))
    url = f"/tips/{tip.pk}/do/receipt/"
    confirm = client.post(url, {"receipt_number": "BB-12/2026"})
    assert "BB-12/2026" in confirm.content.decode() and "confirmed" in confirm.content.decode()
    tip.refresh_from_db()
    assert tip.status == "received" and not tip.receipt_number  # nothing done yet
    done = client.post(url, {"receipt_number": "BB-12/2026", "confirmed": "1"}, follow=True)
    assert f"Đã ghi nhận tiếp nhận tin báo #{tip.pk}, biên bản số BB-12/2026." in (
        done.content.decode()
    )
    tip.refresh_from_db()
    assert tip.status == "recorded" and tip.receipt_number == "BB-12/2026"
    client.post(f"/tips/{tip.pk}/do/ask/", {"body": "Xe màu gì?", "confirmed": "1"})
    assert tip.messages.get().body == "Xe màu gì?"
    client.post(f"/tips/{tip.pk}/do/valuable/", {"valuable": "on", "confirmed": "1"})
    tip.refresh_from_db()
    assert tip.valuable


def test_reroute_is_the_provinces_with_a_reason(client, tree, persona, login):
    tip = submit(tree, tree.area)
    login(persona(Role.COMMUNE_OFFICER))
    refused = client.post(
        f"/tips/{tip.pk}/do/reroute/", {"to": "16522", "reason": "x", "confirmed": "1"}
    )
    assert refused.status_code == 403
    login(persona(Role.PROVINCE_STAFF))
    client.post(f"/tips/{tip.pk}/do/reroute/", {"to": "16522", "reason": "", "confirmed": "1"})
    tip.refresh_from_db()
    assert tip.routed_to == tree.commune
    client.post(
        f"/tips/{tip.pk}/do/reroute/", {"to": "16522", "reason": "Sai địa bàn", "confirmed": "1"}
    )
    tip.refresh_from_db()
    assert tip.routed_to == tree.commune2


def test_attachment_is_the_cleaned_copy(client, tree, persona, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    tip = services.tip_submit(
        province=tree.province,
        kind="drugs",
        text="x",
        place=tree.area,
        attachments=[SimpleUploadedFile("a.jpg", gps_jpeg())],
    ).tip
    login(persona(Role.COMMUNE_OFFICER))
    file = client.get(f"/tips/{tip.pk}/files/{tip.attachments.get().pk}/")
    assert file["Content-Security-Policy"].startswith("default-src 'none'")
    assert b"SERIAL-12345" not in b"".join(file.streaming_content)
    login(persona(Role.COMMUNE_OFFICER, "16522"))
    assert client.get(f"/tips/{tip.pk}/files/{tip.attachments.get().pk}/").status_code == 404


def test_forwarded_on_time_per_month(tree, persona):
    officer = persona(Role.COMMUNE_OFFICER)
    received = datetime(2026, 5, 4, 9, tzinfo=HCM)
    with time_machine.travel(received, tick=False):
        quick = submit(tree, tree.area, contact="x")
        late = submit(tree, tree.area, contact="y", text="Khác")
        submit(tree, tree.area3, contact="z", text="Xã khác")
    services.tip_advance(actor=officer, tip=quick, status="classified", classification="urgent")
    with time_machine.travel(received + timedelta(hours=20), tick=False):
        services.tip_advance(actor=officer, tip=quick, status="forwarded", forwarded_to="CQĐT")
    with time_machine.travel(received + timedelta(days=8), tick=False):
        services.tip_advance(actor=officer, tip=late, status="forwarded", forwarded_to="CQĐT")
    staff = persona(Role.PROVINCE_STAFF)
    assert selectors.forwarded_on_time(user=staff, unit=tree.commune, year=2026) == [
        {"month": 5, "forwarded": 2, "on_time": 1}
    ]
    assert selectors.forwarded_on_time(user=staff, unit=tree.commune2, year=2026) == []
    assert Tip.objects.count() == 3


def test_list_query_budget(client, tree, persona, login, django_assert_max_num_queries):
    for i in range(15):
        submit(tree, tree.area, text=f"Tin {i}")
    login(persona(Role.PROVINCE_STAFF))
    with django_assert_max_num_queries(14):
        assert client.get("/tips/").status_code == 200


def test_demo_seed_is_deterministic_and_runs_once(tree, persona):
    from datetime import date

    from antq.tips import demo

    staff = persona(Role.PROVINCE_STAFF)
    with time_machine.travel(datetime(2026, 6, 15, 10, tzinfo=HCM), tick=False):
        demo.seed(province=tree.province, staff=staff, today=date(2026, 6, 15))
        demo.seed(province=tree.province, staff=staff, today=date(2026, 6, 15))
        tips = Tip.objects.filter(province=tree.province)
        assert tips.count() == len(demo.TIPS)
        assert len({t.status for t in tips}) == 6 and len({t.kind for t in tips}) == 7
        assert tips.filter(messages__from_citizen=True).distinct().count() == 2
        assert selectors.tip_overdue(tips).exists()
        assert {t.routed_to for t in tips} >= {tree.commune, tree.commune2, tree.province}


def test_statistics_api_shows_forwarded_on_time(client, tree, persona, bearer):
    officer = persona(Role.COMMUNE_OFFICER)
    with time_machine.travel(datetime(2026, 4, 6, 9, tzinfo=HCM), tick=False):
        tip = submit(tree, tree.area, contact="x")
        services.tip_advance(actor=officer, tip=tip, status="forwarded", forwarded_to="CQĐT")
    body = client.get(
        "/api/v1/tips/statistics", {"year": 2026}, headers=bearer(persona(Role.PROVINCE_STAFF))
    ).json()
    assert body["forwarded_on_time"] == [{"month": 4, "forwarded": 1, "on_time": 1}]
    assert sum(r["received"] for r in body["by_month_and_kind"]) == 1
