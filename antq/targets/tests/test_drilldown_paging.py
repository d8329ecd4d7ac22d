"""Issue 9: the dashboard's units below come a page at a time, with their total and a search."""

import io
import re

import pytest
from openpyxl import load_workbook

from antq.core.roles import Role

from .support import YEAR

PAGE = 20


@pytest.fixture
def forty_more(forty_communes):
    # the two communes of the tree, the province's agency and forty more
    return 3 + len(forty_communes)


def _drilled(html: str) -> dict[str, str]:
    """The units of the drill-down table as a user reads them: code -> link."""
    table = html.split('id="drilldown"', 1)[1].split("</table>", 1)[0]
    return {
        code: href.replace("&amp;", "&")
        for href, code in re.findall(r'<a href="([^"]+)" data-testid="drill-([^"]+)"', table)
    }


def _total(html: str) -> int:
    return int(re.search(r'data-testid="drilldown-total">(\d+)<', html).group(1))


def test_the_drill_down_pages_its_units_and_shows_their_total(
    tree, persona, year, client, forty_more
):
    client.force_login(persona(Role.LEADER))
    first = client.get("/targets/", {"unit": "38", "year": YEAR}).content.decode()
    assert _total(first) == forty_more
    on_first = _drilled(first)
    assert len(on_first) == PAGE
    assert on_first["16417"] == f"?unit=16417&year={YEAR}"  # each unit still drills down
    seen, page, pages = dict(on_first), first, 1
    while nxt := re.search(
        r'<nav class="pager".*?href="\?([^"]*page=(\d+))">[^<]*Trang sau', page, re.S
    ):
        link = nxt.group(1).replace("&amp;", "&")
        assert "unit=38" in link and f"year={YEAR}" in link  # the page links keep the filters
        page = client.get("/targets/?" + link).content.decode()
        assert _total(page) == forty_more
        assert not set(_drilled(page)) & set(seen)
        seen.update(_drilled(page))
        pages += 1
    assert pages == -(-forty_more // PAGE)
    assert set(seen) == {"16417", "16522", "38-CQ01", *(f"169{i:02}" for i in range(40))}
    # the export still holds every unit
    export = client.get("/targets/", {"unit": "38", "year": YEAR, "export": "children"})
    sheet = load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
    assert sheet.max_row - 1 == forty_more


def test_the_drill_down_finds_a_unit_by_its_name_without_diacritics(
    tree, persona, year, client, forty_more
):
    client.force_login(persona(Role.LEADER))
    page = client.get("/targets/", {"unit": "38", "year": YEAR, "q": "quang phu"}).content.decode()
    assert list(_drilled(page)) == ["16522"]
    assert _total(page) == 1
    assert 'name="q" value="quang phu"' in page
    page = client.get("/targets/", {"unit": "38", "year": YEAR, "q": "Thử 1"}).content.decode()
    assert set(_drilled(page)) == {f"169{i:02}" for i in range(10, 20)}
