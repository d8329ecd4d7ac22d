"""The home page is a worklist per role: what is due, returned, overdue, awaiting me, counted."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from antq.awards import services as award_services
from antq.awards.configuration import kinds_load
from antq.awards.models import AwardKind
from antq.core.roles import Role
from antq.directives import services as directive_services
from antq.evaluation import services as evaluation_services
from antq.evaluation.models import Classification, Recognition
from antq.evaluation.tests.support import all_yes, open_year, register
from antq.reports import services as report_services
from antq.reports.defaults import load_default_forms
from antq.reports.models import CrossRule, FormIndicator, Indicator, ReportForm
from antq.reports.tests.conftest import FIGURES
from antq.tips import services as tip_services
from antq.units import services as unit_services
from conftest import _Root

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = datetime(2026, 12, 10, 9, tzinfo=TZ)  # November's reports were due on 5 December


@pytest.fixture(autouse=True)
def _today(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    with time_machine.travel(TODAY, tick=False):
        yield


def _items(html: str) -> dict[str, tuple[int, str, str]]:
    """The worklist as a user reads it: key -> (count, text, link)."""
    found = {}
    pattern = r'data-testid="work-([\w-]+)" data-count="(\d+)"[^>]*><a href="([^"]+)">(.*?)</a>'
    for key, count, url, text in re.findall(pattern, html):
        text = re.sub(r"<[^>]+>", "", text).replace("&amp;", "&")
        found[key] = (int(count), text, url.replace("&amp;", "&"))
    return found


def _month(account, unit, period):
    form = ReportForm.objects.get(code="movement-monthly")
    return report_services.report_save(
        actor=account, form=form, unit=unit, period_key=period, values=FIGURES, submit=True
    )


def _assessment(account, campaign, unit, kind="residential_area", send=True):
    saved = evaluation_services.assessment_save(
        actor=account,
        campaign=campaign,
        unit=unit,
        answers=all_yes(kind),
        figures={"households_resident": 10, "households_registered": 10}
        if kind == "residential_area"
        else {},
    )
    if send:
        saved = evaluation_services.assessment_submit(actor=account, assessment=saved)
    return saved


def _directive(staff, tree):
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
    return directive_services.directive_issue(
        actor=staff,
        issuing_body="Ban Chỉ đạo 138 tỉnh Thanh Hóa",
        number="67/KH-BCĐ",
        issued_on=date(2026, 11, 20),
        kind="plan",
        summary="Cao điểm tấn công trấn áp tội phạm dịp Tết",
        file=SimpleUploadedFile("ke-hoach.pdf", pdf, content_type="application/pdf"),
        report_deadline=date(2026, 12, 1),
        audience=directive_services.Audience(root=tree.province, kinds=["commune"]),
    )


@pytest.fixture
def province_at_work(tree, persona):
    """A province in December: reports sent, one returned, one month missing; assessments at
    every stage; a directive not acknowledged; a citizen's tip waiting since November."""
    load_default_forms(Indicator, ReportForm, FormIndicator, CrossRule)
    staff = persona(Role.PROVINCE_STAFF)
    officer = persona(Role.COMMUNE_OFFICER)
    school = persona(Role.ESTABLISHMENT_OFFICER)
    september = _month(officer, tree.commune, "2026-09")
    _month(officer, tree.commune, "2026-10")
    _month(persona(Role.COMMUNE_OFFICER, "16522"), tree.commune2, "2026-10")
    report_services.report_return(actor=staff, report=september, reason="Thiếu số liệu tin báo")
    campaign = open_year(persona)
    register(officer, campaign, tree.area)
    register(officer, campaign, tree.area2)
    returned = _assessment(officer, campaign, tree.area)
    evaluation_services.assessment_return(
        actor=officer, assessment=returned, reason="Thiếu biên bản họp dân"
    )
    register(school, campaign, tree.school)
    _assessment(school, campaign, tree.school, kind="school")
    _directive(staff, tree)
    with time_machine.travel(datetime(2026, 11, 20, 9, tzinfo=TZ), tick=False):
        tip_services.tip_submit(
            province=tree.province, place=tree.area, kind="theft", text="Mất trộm xe máy"
        )
    return campaign


def test_a_commune_officer_sees_what_is_returned_overdue_and_awaiting_it(
    tree, persona, login, province_at_work
):
    client = login(persona(Role.COMMUNE_OFFICER))
    items = _items(client.get("/").content.decode())
    assert items["reports-returned"][:2] == (1, "1 báo cáo bị trả lại")
    assert items["reports-overdue"][:2] == (1, "1 báo cáo quá hạn")
    assert items["reports-overdue"][2] == "/reports/#inbox-due"
    assert "reports-to-approve" not in items  # nothing below the commune reports to it
    assert items["evaluation-returned"][1].startswith("1 tự đánh giá bị trả lại")
    assert items["evaluation-not_started"][0] == 1  # Tổ dân phố Lê Lợi registered only
    assert items["evaluation-to_verify"][0] == 1  # the school's, sent to its commune
    assert items["evaluation-unregistered"][0] == 1  # the ward itself
    assert items["evaluation-unregistered"][2] == "/evaluation/38/2026/registrations/?registered=no"
    assert items["directives-unread"][0] == 1 and items["directives-overdue"][0] == 1
    assert items["tips-new"][2] == "/tips/?status=received"
    # each count leads to the list of those units, and only those
    page = client.get(items["evaluation-returned"][2]).content.decode()
    assert page.count('data-testid="work-row"') == 1
    assert "Thôn Đông Hưng" in page and "Thiếu biên bản họp dân" in page
    page = client.get(items["evaluation-to_verify"][2]).content.decode()
    assert page.count('data-testid="work-row"') == 1 and "Trường THCS Đông Quang" in page
    # late and returned work comes first
    keys = list(items)
    assert keys.index("reports-returned") < keys.index("tips-new")


def test_province_staff_see_the_reports_awaiting_their_approval(
    tree, persona, login, province_at_work
):
    client = login(persona(Role.PROVINCE_STAFF))
    items = _items(client.get("/").content.decode())
    count, text, url = items["reports-to-approve"]
    assert (count, text) == (2, "2 báo cáo chờ bạn duyệt")
    # the link opens the inbox on those same reports
    inbox = client.get(url)
    assert inbox.context["queue"].paginator.count == 2
    assert "reports-overdue" not in items and "directives-unread" not in items
    assert items["evaluation-to_verify"][0] == 1
    assert items["tips-new"][0] == 1
    # the communes' own work is theirs: the province is not told to correct a returned one
    assert "evaluation-returned" not in items and "evaluation-unregistered" not in items


def test_an_establishment_officer_sees_its_own_overdue_report_only(
    tree, persona, login, province_at_work
):
    items = _items(login(persona(Role.ESTABLISHMENT_OFFICER)).get("/").content.decode())
    assert items["reports-overdue"][:2] == (1, "1 báo cáo quá hạn")  # the 2025 yearly report
    assert set(items) == {"reports-overdue"}  # its self-assessment is sent, nothing else waits


def test_leaders_of_the_province_and_the_commune_see_units_awaiting_their_decision(
    tree, persona, login, province_at_work
):
    officer = persona(Role.COMMUNE_OFFICER)
    verified = _assessment(officer, province_at_work, tree.area2)
    evaluation_services.assessment_verify(actor=officer, assessment=verified)
    for unit in ("38", "16417"):
        client = login(persona(Role.LEADER, unit))
        items = _items(client.get("/").content.decode())
        count, text, url = items["evaluation-to_decide"]
        assert (count, text.split(" (")[0]) == (1, "1 đơn vị chờ quyết định công nhận")
        assert url == "/evaluation/38/2026/decisions/"
        assert 'id="pick-16417-KDC02"' in client.get(url).content.decode()
        assert "reports-overdue" not in items  # a leader enters no report


def test_a_viewer_is_told_nothing_waits(tree, persona, login, province_at_work):
    html = login(persona(Role.VIEWER)).get("/").content.decode()
    assert _items(html) == {}
    assert "Không có việc nào đang chờ bạn" in html


def test_the_home_page_queries_do_not_grow_with_the_work(tree, persona, login, province_at_work):
    client = login(persona(Role.PROVINCE_STAFF))
    with CaptureQueriesContext(connection) as small:
        client.get("/")
    officer = persona(Role.COMMUNE_OFFICER, "16522")
    for i in range(4):
        unit = unit_services.unit_create(
            actor=_Root(),
            code=f"16522-KDC2{i}",
            name=f"Khu phố {i}",
            kind="residential_area",
            parent=tree.commune2,
            valid_from=date(2025, 7, 1),
        )
        register(officer, province_at_work, unit)
        _assessment(officer, province_at_work, unit)
    with CaptureQueriesContext(connection) as large:
        html = client.get("/").content.decode()
    assert _items(html)["evaluation-to_verify"][0] == 5
    assert len(large) == len(small), [q["sql"][:120] for q in large.captured_queries]
    assert len(large) <= 40


def test_the_appraiser_sees_the_dossiers_sent_to_the_board(tree, persona, login):
    kinds_load(AwardKind)
    staff = persona(Role.PROVINCE_STAFF)
    for year in (2025, 2026):
        campaign = evaluation_services.year_open(actor=staff, year=year)
        # the two years of recognition and class a provincial certificate of merit asks for
        Recognition.objects.create(
            year=campaign,
            unit=tree.area,
            outcome="recognised",
            decision_number=f"{year}/QĐ-UBND",
            decision_date=date(year, 12, 1),
            signer="Nguyễn Văn An",
            issuing_body="UBND phường Đông Quang",
        )
        Classification.objects.create(
            year=campaign,
            unit=tree.area,
            sheet_id="qd510-commune",
            status="final",
            total="92.00",
            class_name="excellent",
        )
    nomination = award_services.nomination_create(
        actor=staff,
        year=2026,
        kind=AwardKind.objects.get(code="bang-khen-tinh-tap-the"),
        unit=tree.area,
        achievements="Thành tích xuất sắc",
    )
    award_services.nomination_submit(actor=staff, nomination=nomination)
    client = login(persona(Role.APPRAISER))
    count, text, url = _items(client.get("/").content.decode())["awards-submitted"]
    assert (count, text) == (1, "1 hồ sơ đề nghị khen thưởng chờ bạn thẩm định")
    assert "Thôn Đông Hưng" in client.get(url).content.decode()
    assert "awards-submitted" not in _items(login(staff).get("/").content.decode())
