"""A commune officer opens a tip, records its receipt and asks a question; the citizen reads it."""

from antq.core.roles import Role
from antq.tips.services import tip_submit
from conftest import PASSWORD


def test_officer_records_receipt_and_asks_citizen_reads(page, tree, persona, log_in):
    submitted = tip_submit(
        province=tree.province,
        kind="theft",
        text="Mất trộm xe máy trước cổng chợ lúc 7 giờ sáng.",
        place=tree.area,
    )
    tip = submitted.tip
    officer = persona(Role.COMMUNE_OFFICER)
    log_in(officer, PASSWORD)

    page.goto("/tips/")
    page.locator(f"[data-testid=tip-{tip.pk}] a").click()
    assert "nhận" in page.locator("#tip-status").inner_text()

    page.locator("#action-receipt summary").click()
    page.locator("#action-receipt input[name=receipt_number]").fill("15/BB-TN")
    page.locator("#do-receipt").click()
    assert "15/BB-TN" in page.locator("#confirm-question").inner_text()
    page.locator("#confirm-yes").click()
    assert page.get_by_text(f"Đã ghi nhận tiếp nhận tin báo #{tip.pk}, biên bản số 15/BB-TN.")
    assert page.locator("#tip-receipt").inner_text() == "15/BB-TN"

    page.locator("#action-ask summary").click()
    page.locator("#action-ask textarea[name=body]").fill("Xe máy màu gì, biển số bao nhiêu?")
    page.locator("#do-ask").click()
    page.locator("#confirm-yes").click()
    assert page.get_by_text(f"Đã gửi tin nhắn cho người báo tin #{tip.pk}.").is_visible()

    citizen = page.context.browser.new_context(base_url=page.url.split("/tips/")[0])
    phone = citizen.new_page()
    phone.set_viewport_size({"width": 390, "height": 844})
    phone.goto("/public/38/tips/follow/")
    phone.locator("input[name=code]").fill(submitted.code)
    phone.locator("#follow-submit").click()
    assert phone.get_by_text("Xe máy màu gì, biển số bao nhiêu?").is_visible()
    assert "Mất trộm xe máy" not in phone.content()
    citizen.close()
