"""Budget lines come in one order, page after page: none repeated, none skipped."""

import pytest

from antq.core.roles import Role

from .test_norms import line

pytestmark = pytest.mark.django_db


def test_budget_lines_page_in_the_order_of_year_unit_and_source(
    tree, persona, client, bearer, settings
):
    staff = persona(Role.PROVINCE_STAFF)
    # Made out of their order, so that the database's own order cannot pass for it.
    for code, level in (("16522", "commune"), ("16417", "commune"), ("38", "province")):
        line(staff, tree[code], level, source="state")
    line(staff, tree["16417"], "commune", source="programme")
    settings.ANTQ_PAGE_SIZE = 1
    seen = []
    for page in (1, 2, 3, 4):
        answer = client.get(
            f"/api/v1/funding/lines?year=2026&page={page}", headers=bearer(staff)
        ).json()
        assert answer["pages"] == 4
        seen += [(item["unit"], item["source"]) for item in answer["items"]]
    assert seen == [("38", "state"), ("16417", "programme"), ("16417", "state"), ("16522", "state")]
