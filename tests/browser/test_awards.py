"""The whole award path in a browser: register → nominate → appraise → decide → download."""

import io
import re
from datetime import date

from docx import Document
from playwright.sync_api import expect
from pypdf import PdfReader

from antq.awards.configuration import kinds_load
from antq.awards.models import AwardKind
from antq.core.roles import Role
from antq.evaluation import services as evaluation
from antq.evaluation.models import Classification, Recognition
from antq.units.selectors import today
from conftest import PASSWORD

BK = "bang-khen-tinh-tap-the"


def _switch(page, log_in, account):
    page.context.clear_cookies()
    log_in(account, PASSWORD)


def _evaluated(persona, tree, year):
    staff = persona(Role.PROVINCE_STAFF)
    for y in (year - 1, year):
        campaign = evaluation.year_open(actor=staff, year=y)
        Recognition.objects.create(
            year=campaign,
            unit=tree.commune,
            outcome="recognised",
            decision_number=f"{y}/QĐ-UBND",
            decision_date=date(y, 11, 30),
            signer="Nguyễn Văn An",
            issuing_body="UBND tỉnh Thanh Hóa",
        )
        Classification.objects.create(
            year=campaign,
            unit=tree.commune,
            sheet_id="qd510-commune",
            status="final",
            total="93.00",
            class_name="excellent",
        )


def _download(page, selector) -> bytes:
    with page.expect_download() as info:
        page.locator(selector).click()
    return open(info.value.path(), "rb").read()


def test_register_nominate_appraise_decide_and_download(
    page, log_in, tree, persona, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    kinds_load(AwardKind)  # a transactional test before may have emptied the migration's rows
    year = today().year
    _evaluated(persona, tree, year)
    officer = persona(Role.COMMUNE_OFFICER)

    _switch(page, log_in, officer)
    page.goto(f"/awards/registrations/?year={year}")
    page.locator("#id_unit").fill("16417")
    page.locator("#id_kind").select_option("tap-the-lao-dong-tien-tien")
    page.locator("#register-submit").click()
    expect(page.locator("#registrations")).to_contain_text("Tập thể lao động tiên tiến")

    page.goto(f"/awards/nominations/new/?year={year}")
    page.locator("#id_unit").fill("16417")
    page.locator("#id_kind").select_option(BK)
    page.locator("#id_achievements").fill("Hai năm liền an toàn về an ninh, trật tự; Xuất sắc.")
    page.locator("#nomination-save").click()
    expect(page.locator("#eligible")).to_have_text("đủ điều kiện")
    expect(page.locator("#reasons")).to_contain_text(f"{year}/QĐ-UBND")
    page.locator("#id_purpose").select_option("request")
    page.locator("#id_file").set_input_files(
        files=[
            {
                "name": "to-trinh.pdf",
                "mimeType": "application/pdf",
                "buffer": b"%PDF-1.4\n%\xe2\xe3\n",
            }
        ]
    )
    page.locator("#file-submit").click()
    expect(page.locator("#files")).to_contain_text("to-trinh.pdf")
    page.locator("#nomination-submit").click()
    expect(page.locator("#status")).to_contain_text("Đã gửi thẩm định")
    nomination_url = page.url

    _switch(page, log_in, persona(Role.APPRAISER))
    page.goto("/awards/")
    expect(page.locator("#worklist")).to_contain_text("Hồ sơ cần thẩm định")
    page.goto(nomination_url)
    for box in page.locator("#appraisal-form input[type=checkbox]").all():
        box.check()
    page.locator("#id_outcome").select_option("accept")
    page.locator("#id_votes_for").fill("7")
    page.locator("#id_votes_against").fill("0")
    page.locator("#appraisal-submit").click()
    expect(page.locator("#status")).to_contain_text("Hội đồng đã chấp thuận")

    _switch(page, log_in, persona(Role.PROVINCE_STAFF))
    page.goto(f"/awards/decisions/new/?year={year}")
    page.locator("#id_number").fill("123/QĐ-UBND")
    page.locator("#id_signer").fill("Đỗ Minh Tuấn")
    page.locator("#id_signer_title").fill("Chủ tịch UBND tỉnh")
    page.locator("#id_issuing_body").fill("UBND tỉnh Thanh Hóa")
    page.locator("#decision-submit").click()
    expect(page).to_have_url(re.compile(r"/awards/decisions/\d+/$"))
    expect(page.locator("#recipients")).to_contain_text("Phường Đông Quang")

    word = Document(io.BytesIO(_download(page, "#certificates-docx")))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "BẰNG KHEN" in text and "Phường Đông Quang" in text and "123/QĐ-UBND" in text
    pdf = PdfReader(io.BytesIO(_download(page, "#certificates-pdf")))
    pdf_text = pdf.pages[0].extract_text()
    assert "BẰNG KHEN" in pdf_text and "Phường Đông Quang" in pdf_text
    decision = Document(io.BytesIO(_download(page, "#decision-docx")))
    assert any("Phường Đông Quang" in p.text for p in decision.paragraphs)
