"""The citizen's pages: the form, the place search, the return with the code."""

from django.core.cache import cache

from antq.tips.models import Tip
from antq.tips.services import tip_ask, tip_submit

from .helpers import solve


def test_form_sets_no_cookie_but_csrf_and_tells_anonymity(client, tree):
    cache.clear()
    page = client.get("/public/38/tips/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "ẩn danh" in text and "Không rõ" in text and "tips/tips.js" in text
    assert "<script>" not in text  # no inline script
    assert set(page.cookies) <= {"csrftoken"}
    assert client.get("/public/99/tips/").status_code == 404


def test_place_search_without_diacritics(client, tree):
    found = client.get("/public/38/tips/places/", {"q": "dong hung"}).json()["places"]
    assert [p["code"] for p in found] == [tree.area.code]
    assert not client.get("/public/38/tips/places/", {"q": "doi can"}).json()["places"]


def test_send_by_page_and_errors_in_vietnamese(client, tree):
    cache.clear()
    page = client.get("/public/38/tips/")
    challenge = page.context["challenge"]
    bad = client.post(
        "/public/38/tips/",
        {"challenge": challenge, "nonce": solve(challenge), "kind": "theft", "text": ""},
    )
    assert bad.status_code == 400 and "Vui lòng ghi nội dung sự việc." in bad.content.decode()
    assert not Tip.objects.exists()
    challenge = bad.context["challenge"]
    sent = client.post(
        "/public/38/tips/",
        {"challenge": challenge, "nonce": solve(challenge), "kind": "theft", "text": "Mất xe."},
    )
    assert "chỉ hiển thị một lần" in sent.content.decode()
    assert Tip.objects.get().routed_to == tree.province
    replay = client.post(
        "/public/38/tips/",
        {"challenge": challenge, "nonce": solve(challenge), "kind": "theft", "text": "Mất xe."},
    )
    assert replay.status_code == 400 and Tip.objects.count() == 1  # a puzzle serves once


def test_follow_with_code_and_wrong_code(client, tree, persona):
    cache.clear()
    submitted = tip_submit(province=tree.province, kind="fraud", text="Lừa đảo qua mạng.")
    tip_ask(actor=persona("province_staff"), tip=submitted.tip, body="Số tài khoản nào?")
    page = client.post("/public/38/tips/follow/", {"code": submitted.code})
    text = page.content.decode()
    assert "Số tài khoản nào?" in text and "tip-status" in text
    assert "Lừa đảo qua mạng." not in text
    wrong = client.post("/public/38/tips/follow/", {"code": "AAAA-BBBB-CCCC-DDDD-EEEE"})
    assert "Không có tin báo nào với mã này." in wrong.content.decode()
    answered = client.post("/public/38/tips/follow/", {"code": submitted.code, "body": "1234"})
    assert "Đã gửi câu trả lời." in answered.content.decode()
    assert submitted.tip.messages.filter(from_citizen=True, body="1234").exists()
