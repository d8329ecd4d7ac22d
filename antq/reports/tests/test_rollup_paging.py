"""Issue 9: the rollup's units come a page at a time, with their total, a search, and the
units not yet reported counted and folded away."""

import re

import pytest

from antq.core.roles import Role

ROLLUP = "/reports/rollup/"
SEPTEMBER = {"form": "movement-monthly", "period": "2026-09", "unit": "38"}
PAGE = 20


@pytest.fixture
def forty_more(september, forty_communes):
    return {"16417", "16522", "16450", *forty_communes}


def _children(html: str) -> dict[str, str]:
    """The rows of the table by unit: code -> the link to that unit's own rollup."""
    table = html.split('data-testid="children"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<tr data-testid="child-([^"]+)".*?<td><a href="([^"]+)">', table, re.S)
    return {code: href.replace("&amp;", "&") for code, href in rows}


def _number(html: str, testid: str) -> int:
    return int(re.search(rf'data-testid="{testid}">(\d+)<', html).group(1))


def test_the_rollup_pages_its_units_and_shows_their_total(client, persona, forty_more):
    client.force_login(persona(Role.PROVINCE_STAFF))
    first = client.get(ROLLUP, SEPTEMBER).content.decode()
    total = _number(first, "children-total")
    assert total >= len(forty_more)
    on_first = _children(first)
    assert len(on_first) == PAGE
    seen, page, pages = dict(on_first), first, 1
    while nxt := re.search(
        r'<nav class="pager".*?href="\?([^"]*page=(\d+))">[^<]*Trang sau', page, re.S
    ):
        link = nxt.group(1).replace("&amp;", "&")
        for kept in ("form=movement-monthly", "period=2026-09", "unit=38"):
            assert kept in link  # the page links keep the filters
        page = client.get(ROLLUP + "?" + link).content.decode()
        assert _number(page, "children-total") == total
        assert not set(_children(page)) & set(seen)
        seen.update(_children(page))
        pages += 1
    assert pages == -(-total // PAGE) and len(seen) == total
    assert set(seen) >= forty_more
    # each unit's row still opens that unit's own rollup
    assert seen["16417"].endswith("&unit=16417")


def test_the_rollup_finds_a_unit_by_its_name_and_counts_the_missing_ones(
    client, persona, forty_more
):
    client.force_login(persona(Role.PROVINCE_STAFF))
    page = client.get(ROLLUP, {**SEPTEMBER, "q": "quang tam"}).content.decode()
    assert list(_children(page)) == ["16450"]
    assert _number(page, "children-total") == 1
    assert 'name="q" value="quang tam"' in page
    # the units not reported are counted, and folded away until asked for
    missing = _number(page, "missing")
    assert missing == 41  # Quảng Tâm's draft and the forty new communes
    assert _number(page, "missing-total") == missing
    folded = re.search(r"<details[^>]*data-testid=\"missing-list\".*?</details>", page, re.S)
    assert folded and "open" not in folded.group(0).split(">", 1)[0]
    assert folded.group(0).count("<li>") == missing
    assert "Xã Quảng Tâm (16450)" in folded.group(0)
