"""The quota under real concurrency: PostgreSQL only."""

import threading

import pytest
from django.db import connection, connections

from antq.awards import services
from antq.awards.models import AwardKind, Nomination, Quota
from antq.core.errors import DomainError
from antq.core.roles import Role

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def test_two_submissions_at_once_cannot_overspend_a_quota_of_one(transactional_db, tree, persona):
    from antq.awards.configuration import kinds_load

    kinds_load(AwardKind)
    staff = persona(Role.PROVINCE_STAFF)
    kind = AwardKind.objects.get(code="bang-khen-tinh-tap-the")
    services.quota_set(actor=staff, year=2026, kind=kind, unit=tree.commune, allowed=1)
    drafts = [
        services.nomination_create(actor=staff, year=2026, kind=kind, unit=u, achievements="x")
        for u in (tree.area, tree.area2)
    ]
    start = threading.Barrier(2)
    outcomes = []

    def submit(nomination):
        try:
            start.wait()
            services.nomination_submit(actor=staff, nomination=nomination)
            outcomes.append("sent")
        except DomainError as error:
            outcomes.append(error.message)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(d,)) for d in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(outcomes) == 2 and outcomes.count("sent") == 1, outcomes
    assert any("1/1" in o for o in outcomes)
    assert Quota.objects.get().used == 1
    assert Nomination.objects.filter(status="submitted").count() == 1
