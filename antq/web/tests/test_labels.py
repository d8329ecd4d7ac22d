"""Officials read names, never internal codes; the codes stay in the API."""

import io
import re

from openpyxl import load_workbook

from antq.awards.configuration import kinds_load
from antq.awards.models import AwardKind
from antq.core.roles import Role
from antq.evaluation.tests.support import YEAR, open_year, register


def _text(response) -> str:
    """What a person reads on the page: the text between the tags, not ids or links."""
    assert response.status_code == 200
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_year_page_names_its_ruleset_by_title(client, persona):
    open_year(persona)
    client.force_login(persona(Role.PROVINCE_STAFF))
    text = _text(client.get(f"/evaluation/38/{YEAR}/"))
    assert "Thông tư 124/2021/TT-BCA" in text
    assert "tt124-2021" not in text


def test_the_ruleset_page_says_what_a_figure_must_reach_in_words(client, persona):
    client.force_login(persona(Role.PROVINCE_STAFF))
    text = _text(client.get("/evaluation/rules/tt124-2021/"))
    assert "trở lên" in text
    assert not re.search(r"\((ratio|at_least|not_greater) ", text)


def test_the_configuration_page_shows_indicator_names_and_unit_kinds_in_vietnamese(client, persona):
    client.force_login(persona(Role.PROVINCE_STAFF))
    text = _text(client.get("/reports/configure/"))
    assert "Số buổi tuyên truyền" in text
    assert "propaganda_sessions" not in text and "movement-monthly" not in text
    assert "Cơ quan, Doanh nghiệp, Cơ sở giáo dục" in text
    assert "agency" not in text and "enterprise" not in text


def test_a_report_forms_heading_is_its_name_not_its_code(client, persona):
    client.force_login(persona(Role.PROVINCE_STAFF))
    text = _text(client.get("/reports/configure/movement-monthly/"))
    assert "Báo cáo tháng kết quả phong trào" in text and "Số buổi tuyên truyền" in text
    assert "movement-monthly" not in text and "propaganda_sessions" not in text


def test_point_dd_reads_as_the_letter_d_with_stroke(client, persona, tree):
    campaign = open_year(persona)
    officer = persona(Role.ESTABLISHMENT_OFFICER)
    register(officer, campaign, tree["16417-TH01"])
    client.force_login(officer)
    text = _text(client.get(f"/evaluation/38/{YEAR}/16417-TH01/assessment/"))
    assert "7.3.đ" in text
    assert "7.3.dd" not in text


def test_the_registrations_export_names_kinds_as_the_unit_list_does(client, persona, tree):
    campaign = open_year(persona)
    register(persona(Role.PROVINCE_STAFF), campaign, tree["16417-TH01"])
    client.force_login(persona(Role.PROVINCE_STAFF))
    answer = client.get(f"/evaluation/38/{YEAR}/registrations.xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(answer.streaming_content))).active
    kinds = {row[2] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert "Cơ sở giáo dục" in kinds
    assert not kinds & {"school", "agency", "cơ sở giáo dục"}


def test_the_award_kinds_page_lists_names_not_codes(client, persona):
    kinds_load(AwardKind)  # a browser test before may have emptied what the migration loads
    client.force_login(persona(Role.PROVINCE_STAFF))
    text = _text(client.get("/awards/kinds/"))
    kinds = list(AwardKind.objects.all())
    assert kinds and all(k.name in text for k in kinds)
    assert not [k.code for k in kinds if re.search(rf"\b{re.escape(k.code)}\b", text)]


def test_a_spending_date_reads_as_a_date_and_a_decisions_as_its_date_of_issue(client, persona):
    client.force_login(persona(Role.PROVINCE_STAFF))
    entries = client.get("/funding/").content.decode()
    assert "<th>Ngày</th>" in entries and "Ngày ban hành" not in entries
    open_year(persona)
    decisions = client.get(f"/evaluation/38/{YEAR}/decisions/").content.decode()
    assert "Ngày ban hành" in decisions


def test_the_report_templates_tab_is_named_after_its_form(client, persona):
    client.force_login(persona(Role.PROVINCE_STAFF))
    answer = client.get(
        "/reports/excel/template.xlsx",
        {"form": "movement-monthly", "unit": "16417", "period": "2026-09"},
    )
    book = load_workbook(io.BytesIO(b"".join(answer.streaming_content)))
    assert book.sheetnames == ["Báo cáo tháng kết quả phong"]  # 31 characters at most
    assert book.active["B1"].value == "movement-monthly"  # what the upload reads
