"""Issue 9: the home page's "units not registered" leads to exactly those units, as many."""

import re

from antq.core.roles import Role
from antq.evaluation.tests.support import open_year, register
from antq.units import services as unit_services
from conftest import _Root


def _unregistered_item(html: str) -> tuple[int, str]:
    found = re.search(
        r'data-testid="work-evaluation-unregistered" data-count="(\d+)"[^>]*><a href="([^"]+)"',
        html,
    )
    assert found, "no 'units not registered' line on the home page"
    return int(found.group(1)), found.group(2).replace("&amp;", "&")


def _listed(html: str) -> tuple[int, set[str]]:
    """The linked page as a user reads it: its total, and the units marked not registered."""
    total = int(re.search(r'data-testid="registrations-total">(\d+)<', html).group(1))
    table = html.split('id="registrations"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>.*?</tr>", table, re.S)
    names = {
        re.search(r'<a href="[^"]+">([^<]+)</a>', row).group(1)
        for row in rows
        if "chưa đăng ký" in row
    }
    return total, names


def test_a_commune_officers_unregistered_units_are_the_ones_listed(tree, persona, login):
    officer = persona(Role.COMMUNE_OFFICER)
    campaign = open_year(persona)
    register(officer, campaign, tree.area)
    for index in range(3, 6):
        unit_services.unit_create(
            actor=_Root(),
            code=f"16417-KDC{index:02}",
            name=f"Thôn Mới {index}",
            kind="residential_area",
            parent=tree.commune,
        )
    client = login(officer)
    count, url = _unregistered_item(client.get("/").content.decode())
    expected = {
        "Phường Đông Quang",
        "Tổ dân phố Lê Lợi",
        "Trường THCS Đông Quang",
        "Thôn Mới 3",
        "Thôn Mới 4",
        "Thôn Mới 5",
    }
    assert count == len(expected)
    total, names = _listed(client.get(url).content.decode())
    assert total == count
    assert names == expected


def test_an_establishment_officer_is_led_to_its_own_unit_only(tree, persona, login):
    school = persona(Role.ESTABLISHMENT_OFFICER)
    open_year(persona)
    client = login(school)
    count, url = _unregistered_item(client.get("/").content.decode())
    total, names = _listed(client.get(url).content.decode())
    assert count == total == 1
    assert names == {"Trường THCS Đông Quang"}
