"""Unique indexes and row locks under real concurrency: PostgreSQL only."""

import threading
from datetime import date

import pytest
from django.db import connection, connections
from django.test import Client

from antq.core.roles import Role
from antq.forces import services
from antq.forces.models import ForceRating, TeamMember

from .conftest import person

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL locks"),
]


def _race(bodies, path, headers):
    start = threading.Barrier(len(bodies))
    answers = []

    def post(body):
        try:
            start.wait()
            answer = Client().post(path, body, content_type="application/json", headers=headers)
            answers.append((answer.status_code, answer.json()))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(b,)) for b in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(answers, key=lambda a: a[0])


def test_one_person_registered_twice_at_once_is_kept_once(
    transactional_db, tree, persona, make_team, bearer
):
    staff = persona(Role.PROVINCE_STAFF)
    teams = [make_team(tree.area, actor=staff), make_team(tree.area3, actor=staff)]
    values = {k: v.isoformat() if isinstance(v, date) else v for k, v in person().items()}
    answers = _race(
        [{**values, "team": t.pk} for t in teams], "/api/v1/forces/members", bearer(staff)
    )
    assert [a[0] for a in answers] == [201, 400], answers
    assert "Tổ bảo vệ ANTT" in answers[1][1]["errors"]["identity_number"]
    assert TeamMember.objects.count() == 1


def test_two_excellent_ratings_at_once_take_the_last_place_once(
    transactional_db, tree, persona, make_team, bearer
):
    staff = persona(Role.PROVINCE_STAFF)
    services.settings_update(actor=staff, province=tree.province, teams_per_area=10)
    teams = [make_team(tree.area, actor=staff) for _i in range(7)]
    for team in teams[:5]:
        services.rating_record(
            actor=staff, team=team, year=2026, level="good", decided_on=date(2026, 11, 10)
        )
    bodies = [
        {"team": t.pk, "year": 2026, "level": "excellent", "decided_on": "2026-11-10"}
        for t in teams[5:]
    ]
    answers = _race(bodies, "/api/v1/forces/ratings", bearer(staff))
    assert [a[0] for a in answers] == [201, 400], answers
    assert ForceRating.objects.filter(level="excellent").count() == 1
