"""A citizen on a 390 px phone sends a tip with a photo, returns with the code and answers."""

import re

from antq.tips.models import Tip
from antq.tips.services import tip_ask
from antq.tips.tests.helpers import gps_jpeg


def test_citizen_sends_returns_and_answers(page, tree, persona, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    page.set_viewport_size({"width": 390, "height": 844})
    photo = tmp_path / "IMG_2044.jpg"
    photo.write_bytes(gps_jpeg())

    page.goto("/public/38/tips/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator("select[name=kind]").select_option("drugs")
    page.locator("textarea[name=text]").fill("Có người bán ma túy ở đầu ngõ vào buổi tối.")
    page.locator("#place-search").fill("dong hung")
    page.locator("#place option").nth(1).wait_for(state="attached")
    assert "Thôn Đông Hưng" in page.locator("#place").inner_text()
    page.locator("input[name=attachments]").set_input_files(str(photo))
    page.locator("#tip-submit").click()

    code = page.locator("#tracking-code").inner_text(timeout=30_000).strip()
    assert re.fullmatch(r"[A-Z2-9]{4}(-[A-Z2-9]{4}){4}", code)
    assert page.get_by_text("chỉ hiển thị một lần").count() or page.get_by_text("Lưu").count()
    tip = Tip.objects.get()
    assert tip.routed_to == tree.commune and tip.attachments.count() == 1
    assert {c["name"] for c in page.context.cookies()} <= {"csrftoken"}

    tip_ask(actor=persona("commune_officer"), tip=tip, body="Người bán đi xe màu gì?")

    page.goto("/public/38/tips/follow/")
    page.locator("input[name=code]").fill(code.lower())
    page.locator("#follow-submit").click()
    assert page.get_by_text("Người bán đi xe màu gì?").is_visible()
    page.locator("textarea[name=body]").fill("Xe Wave màu đỏ.")
    page.locator("#reply-submit").click()
    assert page.get_by_text("Xe Wave màu đỏ.").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert tip.messages.filter(from_citizen=True, body="Xe Wave màu đỏ.").exists()
