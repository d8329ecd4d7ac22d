from datetime import date

from antq.core.roles import Role
from antq.funding import demo, selectors
from antq.funding.models import BudgetLine, SpendingEntry


def test_demo_seeds_within_the_norms_once(tree, persona):
    staff = persona(Role.PROVINCE_STAFF)
    demo.seed(province=tree.province, staff=staff, today=date(2026, 12, 1))
    lines, entries = BudgetLine.objects.count(), SpendingEntry.objects.count()
    assert lines == 1 + 2 + 1 and entries == 2 * 5 + 2
    demo.seed(province=tree.province, staff=staff, today=date(2026, 12, 1))
    assert BudgetLine.objects.count() == lines and SpendingEntry.objects.count() == entries
    s = selectors.statement(actor=staff, unit=tree.province, year=2026)
    assert s["spent"] == sum(SpendingEntry.objects.values_list("amount", flat=True))
