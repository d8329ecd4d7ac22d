"""Every role × nominate / see a draft / appraise / decide / allocate a quota, in scope and
out of it. Out of scope answers like missing (404); in scope without the right, 403."""

from datetime import date

import pytest
import time_machine

from antq.awards import services
from antq.awards.models import AwardKind, Nomination
from antq.core.roles import Role

pytestmark = pytest.mark.django_db
BK = "bang-khen-tinh-tap-the"
PROPOSERS = {Role.ADMIN, Role.PROVINCE_STAFF, Role.COMMUNE_OFFICER, Role.ESTABLISHMENT_OFFICER}
DECIDERS = {Role.ADMIN, Role.PROVINCE_STAFF, Role.LEADER}
# The establishment officer works at the school: the residential area is outside its subtree.
SEES_AREA = set(Role.values) - {Role.ESTABLISHMENT_OFFICER}


def _nomination(persona, tree, status="draft"):
    staff = persona(Role.PROVINCE_STAFF)
    kind = AwardKind.objects.get(code=BK)
    n = services.nomination_create(
        actor=staff, year=2026, kind=kind, unit=tree.area, achievements="x"
    )
    if status != "draft":
        n = services.nomination_submit(actor=staff, nomination=n)
    if status == "accepted":
        Nomination.objects.filter(pk=n.pk).update(
            status="accepted"
        )  # the board's step is tested elsewhere
        n.refresh_from_db()
    return n


@pytest.mark.parametrize("role", Role.values)
@pytest.mark.parametrize("scope", ["in", "out"])
def test_nominate(role, scope, client, persona, tree, bearer):
    unit = "16417-KDC01" if scope == "in" else "00004-KDC01"
    response = client.post(
        "/api/v1/awards/nominations",
        {"unit": unit, "award": BK, "year": 2026, "achievements": "Thành tích"},
        content_type="application/json",
        headers=bearer(persona(role)),
    )
    if role == Role.ADMIN:
        want = 201
    elif scope == "out" or role not in SEES_AREA:
        want = 404
    else:
        want = 201 if role in PROPOSERS else 403
    assert response.status_code == want
    assert Nomination.objects.exists() == (want == 201)


@pytest.mark.parametrize("role", Role.values)
def test_draft_visibility(role, client, persona, tree, bearer):
    """The board sees what is sent to it, not the units' drafts."""
    draft = _nomination(persona, tree)
    response = client.get(f"/api/v1/awards/nominations/{draft.pk}", headers=bearer(persona(role)))
    visible = role in SEES_AREA and role != Role.APPRAISER
    assert response.status_code == (200 if visible else 404)
    other = persona(role, "01") if role != Role.ADMIN else None
    if other is not None:
        assert (
            client.get(f"/api/v1/awards/nominations/{draft.pk}", headers=bearer(other)).status_code
            == 404
        )


@pytest.mark.parametrize("role", Role.values)
@time_machine.travel(date(2026, 12, 5))
def test_appraise(role, client, persona, tree, bearer):
    sent = _nomination(persona, tree, "submitted")
    response = client.post(
        f"/api/v1/awards/nominations/{sent.pk}/appraise",
        {"outcome": "return", "reason": "Bổ sung biên bản"},
        content_type="application/json",
        headers=bearer(persona(role)),
    )
    board = role in (Role.ADMIN, Role.APPRAISER)
    want = 404 if role not in SEES_AREA else (200 if board else 403)
    assert response.status_code == want
    sent.refresh_from_db()
    assert sent.status == ("returned" if want == 200 else "submitted")


@pytest.mark.parametrize("role", Role.values)
@time_machine.travel(date(2026, 12, 5))
def test_decide(role, client, persona, tree, bearer):
    accepted = _nomination(persona, tree, "accepted")
    payload = {
        "award": BK,
        "year": 2026,
        "number": "9/QĐ-UBND",
        "decided_on": "2026-12-10",
        "signer": "Đỗ Minh Tuấn",
        "signer_title": "Chủ tịch",
        "issuing_body": "UBND tỉnh Thanh Hóa",
        "nominations": [accepted.pk],
    }
    response = client.post(
        "/api/v1/awards/decisions",
        payload,
        content_type="application/json",
        headers=bearer(persona(role)),
    )
    assert response.status_code == (201 if role in DECIDERS else 403)


@pytest.mark.parametrize("role", Role.values)
def test_allocate_quota(role, login, persona, tree):
    response = login(persona(role)).post(
        "/awards/quotas/?year=2026", {"unit": "16417", "kind": BK, "allowed": 3}
    )
    if role in (Role.ADMIN, Role.PROVINCE_STAFF):
        assert response.status_code == 302
    else:
        assert response.status_code == 403
