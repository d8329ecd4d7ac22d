from datetime import date

import pytest

from antq.awards import demo
from antq.awards.models import Cluster, Nomination, Quota
from antq.core.roles import Role

pytestmark = pytest.mark.django_db


def test_demo_seeds_once(tree, persona):
    staff = persona(Role.PROVINCE_STAFF)
    demo.seed(province=tree.province, staff=staff, today=date(2026, 3, 1))
    counts = (Cluster.objects.count(), Quota.objects.count(), Nomination.objects.count())
    assert counts == (1, 2, 1)
    demo.seed(province=tree.province, staff=staff, today=date(2026, 3, 1))
    assert (Cluster.objects.count(), Quota.objects.count(), Nomination.objects.count()) == counts
