"""Two people fill the same report entry: the second, stale form is refused, the first stays."""

import re
from datetime import date

from antq.accounts.services import account_create
from antq.core.roles import Role
from antq.reports.models import Report

URL = "/reports/entry/movement-monthly/16417/2026-09/"


def _version(client) -> str:
    return re.search(r'name="version" value="(\d+)"', client.get(URL).content.decode()).group(1)


def _colleague(tree):
    return account_create(
        actor=None,
        username="can-bo-2-16417",
        full_name="Lê Văn Hai",
        unit=tree["16417"],
        roles=[Role.COMMUNE_OFFICER],
        password="Mat-khau-thu-nghiem-2026",
    )


def test_a_stale_report_entry_is_refused_and_the_first_value_stays(client, officer, clock, tree):
    clock.set(date(2026, 10, 2))
    first, second = officer("16417"), _colleague(tree)
    client.force_login(first)
    assert client.post(URL, {"propaganda_sessions": "4", "action": "save"}).status_code == 302
    first_version = _version(client)
    client.force_login(second)
    second_version = _version(client)
    assert first_version == second_version

    client.force_login(first)
    saved = client.post(
        URL, {"propaganda_sessions": "7", "version": first_version, "action": "save"}
    )
    assert saved.status_code == 302
    history_rows = Report.objects.get().history.count()

    client.force_login(second)
    refused = client.post(
        URL, {"propaganda_sessions": "5", "version": second_version, "action": "submit"}
    )
    page = refused.content.decode()
    assert refused.status_code == 400
    problem = re.search(r'data-testid="entry-problem">(.*?)</p>', page, re.S).group(1)
    assert "sau khi bạn mở biểu mẫu" in problem
    assert "“5” → “7”" in problem
    assert str(first) in problem and "Lê Văn Hai" not in problem  # who saved it
    report = Report.objects.get()
    assert report.status == "draft"
    assert report.values.get(indicator__code="propaganda_sessions").number == 7
    assert report.history.count() == history_rows
    # the form shown again holds the saved value and the new version
    assert 'name="propaganda_sessions" value="7"' in page
    assert _version(client) != second_version
    assert f'name="version" value="{_version(client)}"' in page


def test_a_form_opened_before_the_report_existed_is_stale_once_it_does(
    client, officer, clock, tree
):
    clock.set(date(2026, 10, 2))
    first, second = officer("16417"), _colleague(tree)
    client.force_login(second)
    opened = _version(client)
    assert opened == "0"
    client.force_login(first)
    assert client.post(URL, {"propaganda_sessions": "4", "action": "save"}).status_code == 302
    client.force_login(second)
    refused = client.post(URL, {"propaganda_sessions": "9", "version": opened, "action": "save"})
    assert refused.status_code == 400
    assert Report.objects.get().values.get(indicator__code="propaganda_sessions").number == 4


def test_a_refused_value_keeps_the_version_the_form_was_opened_at(client, officer, clock, tree):
    clock.set(date(2026, 10, 2))
    client.force_login(officer("16417"))
    client.post(URL, {"propaganda_sessions": "4", "action": "save"})
    opened = _version(client)
    bad = client.post(URL, {"propaganda_sessions": "-1", "version": opened, "action": "save"})
    assert bad.status_code == 400
    assert f'name="version" value="{opened}"' in bad.content.decode()
