"""Issue 9: the year's worklist of a province has a total, pages and filters that stay on."""

import re

import pytest

from antq.core.roles import Role
from antq.evaluation import services
from antq.units import services as unit_services
from conftest import _Root

from .support import YEAR, open_year, register

PAGE = 25
YEAR_PAGE = f"/evaluation/38/{YEAR}/"


def _rows(html: str) -> list[tuple[str, str]]:
    """The worklist as a user reads it: (what, unit name) a row."""
    body = html.split('id="worklist"', 1)[1].split("</table>", 1)[0]
    found = []
    for row in re.findall(r'<tr data-testid="task".*?</tr>', body, re.S):
        what = re.sub(r"<[^>]+>", "", re.search(r"<td>(.*?)</td>", row, re.S).group(1)).strip()
        unit = re.search(r'data-label="[^"]*">([^<]*)', row).group(1).strip()
        found.append((what, unit))
    return found


def _total(html: str) -> int:
    return int(re.search(r'data-testid="worklist-total">(\d+)<', html).group(1))


@pytest.fixture
def busy_year(tree, persona):
    """Forty registered areas in Đông Quang and five in Quảng Phú, none started but one."""
    root, staff = _Root(), persona(Role.PROVINCE_STAFF)
    campaign = open_year(persona)
    for commune, name, indexes in (
        (tree.commune, "Thôn Đông", range(3, 43)),
        (tree.commune2, "Thôn Quảng", range(2, 7)),
    ):
        for index in indexes:
            area = unit_services.unit_create(
                actor=root,
                code=f"{commune.code}-KDC{index:02}",
                name=f"{name} {index:02}",
                kind="residential_area",
                parent=commune,
            )
            register(staff, campaign, area)
    register(staff, campaign, tree.area3)
    services.assessment_save(
        actor=staff, campaign=campaign, unit=tree.area3, answers={}, figures={}
    )
    return campaign


def test_the_year_page_shows_the_total_and_pages_of_the_province_worklist(
    tree, persona, login, busy_year
):
    client = login(persona(Role.PROVINCE_STAFF))
    first = client.get(YEAR_PAGE).content.decode()
    # 45 areas to start, Thôn Quảng Đại to complete, and one line of units not registered
    assert _total(first) == 47
    assert len(_rows(first)) == PAGE
    second_link = re.search(r'href="\?([^"]*page=2)"', first).group(1).replace("&amp;", "&")
    second = client.get(YEAR_PAGE + "?" + second_link).content.decode()
    assert _total(second) == 47
    assert len(_rows(second)) == 47 - PAGE
    assert not set(_rows(first)) & set(_rows(second))
    named = {unit for _what, unit in _rows(first) + _rows(second)}
    assert {f"Thôn Đông {i:02}" for i in range(3, 43)} <= named
    assert {"Thôn Quảng Đại", *(f"Thôn Quảng {i:02}" for i in range(2, 7))} <= named


def test_the_worklist_filters_by_commune_and_kind_of_task_and_pages_keep_them(
    tree, persona, login, busy_year
):
    client = login(persona(Role.PROVINCE_STAFF))
    page = client.get(YEAR_PAGE + "?commune=16522").content.decode()
    rows = _rows(page)
    # five to start, one to complete, and Quảng Phú itself not registered
    assert _total(page) == 7 and len(rows) == 7
    assert {unit for _what, unit in rows if unit} == {
        "Thôn Quảng Đại",
        *(f"Thôn Quảng {i:02}" for i in range(2, 7)),
    }
    assert 'value="16522" selected' in page

    page = client.get(YEAR_PAGE + "?status=draft").content.decode()
    assert _rows(page) == [("Hoàn thành và gửi bản tự đánh giá", "Thôn Quảng Đại")]
    assert _total(page) == 1

    page = client.get(YEAR_PAGE + "?commune=16417&status=not_started").content.decode()
    assert _total(page) == 40
    assert {what for what, _unit in _rows(page)} == {"Bắt đầu tự đánh giá"}
    link = re.search(r'href="\?([^"]*page=2)"', page).group(1).replace("&amp;", "&")
    assert "commune=16417" in link and "status=not_started" in link
    second = client.get(YEAR_PAGE + "?" + link).content.decode()
    assert len(_rows(second)) == 40 - PAGE
    assert {unit for _what, unit in _rows(second)} <= {f"Thôn Đông {i:02}" for i in range(3, 43)}


def test_a_commune_outside_the_scope_or_an_unknown_kind_of_task_is_ignored(
    tree, persona, login, busy_year
):
    client = login(persona(Role.COMMUNE_OFFICER))
    everything = _total(client.get(YEAR_PAGE).content.decode())
    page = client.get(YEAR_PAGE + "?commune=16522&status=nothing").content.decode()
    assert _total(page) == everything
    named = {unit for _what, unit in _rows(page)}
    assert "Thôn Đông 03" in named  # the officer's own commune, as without a filter
    assert not any(unit.startswith("Thôn Quảng") for unit in named)


def test_the_not_registered_line_under_a_commune_leads_to_those_units(
    tree, persona, login, busy_year
):
    client = login(persona(Role.PROVINCE_STAFF))
    page = client.get(YEAR_PAGE + "?commune=16417&status=unregistered").content.decode()
    link = re.search(r'<td><a href="([^"]+)">Đơn vị chưa đăng ký</a> \((\d+)\)', page)
    assert link, page
    url, count = link.group(1).replace("&amp;", "&"), int(link.group(2))
    # Đông Quang itself, Tổ dân phố Lê Lợi, Thôn Đông Hưng and its school
    assert count == 4
    listed = client.get(url).content.decode()
    assert int(re.search(r'data-testid="registrations-total">(\d+)<', listed).group(1)) == 4
    assert listed.count('<span class="tag closed">chưa đăng ký</span>') == 4
    assert "Thôn Quảng" not in listed
