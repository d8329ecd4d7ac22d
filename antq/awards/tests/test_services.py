"""The nomination path, quotas and cluster ranking through the services."""

from datetime import date

import pytest
import time_machine

from antq.awards import selectors, services
from antq.awards.models import AwardKind, ClusterMember
from antq.core.errors import DomainError, FieldErrors, PermissionDenied
from antq.core.roles import Role

pytestmark = pytest.mark.django_db
BK = "bang-khen-tinh-tap-the"


def _kind(code=BK):
    return AwardKind.objects.get(code=code)


def _nominate(persona, unit, code=BK, **extra):
    return services.nomination_create(
        actor=persona(Role.PROVINCE_STAFF),
        year=2026,
        kind=_kind(code),
        unit=unit,
        achievements="Hai năm liền đạt tiêu chuẩn an toàn, phân loại Xuất sắc.",
        **extra,
    )


@time_machine.travel(date(2026, 12, 5))
def test_nomination_over_the_quota_is_refused_with_the_figures(tree, persona, evaluate):
    staff = persona(Role.PROVINCE_STAFF)
    for unit in (tree.area, tree.area2):
        evaluate(unit, 2025)
        evaluate(unit, 2026)
    services.quota_set(actor=staff, year=2026, kind=_kind(), unit=tree.commune, allowed=1)
    first = _nominate(persona, tree.area)
    services.nomination_submit(actor=staff, nomination=first)
    second = _nominate(persona, tree.area2)
    with pytest.raises(DomainError) as refused:
        services.nomination_submit(actor=staff, nomination=second)
    assert "1 of 1" in refused.value.message or "1/1" in refused.value.message
    assert "Phường Đông Quang" in refused.value.message
    second.refresh_from_db()
    assert second.status == "draft"
    assert selectors.quota_list(user=staff, year=2026).get().used == 1


@time_machine.travel(date(2026, 12, 5))
def test_rejection_frees_the_place(tree, persona, evaluate):
    staff = persona(Role.PROVINCE_STAFF)
    services.quota_set(actor=staff, year=2026, kind=_kind(), unit=tree.commune, allowed=1)
    first = services.nomination_submit(actor=staff, nomination=_nominate(persona, tree.area))
    services.nomination_appraise(
        actor=persona(Role.APPRAISER), nomination=first, outcome="reject", reason="Thiếu hồ sơ"
    )
    services.nomination_submit(actor=staff, nomination=_nominate(persona, tree.area2))
    assert selectors.quota_list(user=staff, year=2026).get().used == 1


@time_machine.travel(date(2026, 12, 5))
def test_quota_cannot_drop_below_its_use(tree, persona):
    staff = persona(Role.PROVINCE_STAFF)
    services.quota_set(actor=staff, year=2026, kind=_kind(), unit=tree.commune, allowed=1)
    services.nomination_submit(actor=staff, nomination=_nominate(persona, tree.area))
    with pytest.raises(FieldErrors):
        services.quota_set(actor=staff, year=2026, kind=_kind(), unit=tree.commune, allowed=0)


@time_machine.travel(date(2026, 12, 5))
def test_pending_complaint_refuses_the_submission(tree, persona, evaluate):
    staff = persona(Role.PROVINCE_STAFF)
    evaluate(tree.commune, 2025)
    evaluate(tree.commune, 2026)
    services.matter_record(
        actor=staff,
        unit=tree.commune,
        kind="complaint",
        reference="Đơn tố cáo 7/TC",
        opened_on=date(2026, 11, 20),
    )
    nomination = _nominate(persona, tree.commune)
    with pytest.raises(DomainError) as refused:
        services.nomination_submit(actor=staff, nomination=nomination)
    assert "Đơn tố cáo 7/TC" in refused.value.message


CHECKS = None


def _accept(persona, nomination):
    checklist = dict.fromkeys(nomination.kind.checklist, True)
    return services.nomination_appraise(
        actor=persona(Role.APPRAISER),
        nomination=nomination,
        outcome="accept",
        checklist=checklist,
        votes_for=7,
        votes_against=0,
        votes_abstain=1,
    )


@time_machine.travel(date(2026, 12, 5))
def test_board_cannot_accept_an_ineligible_unit(tree, persona, evaluate):
    evaluate(tree.commune, 2026)
    nomination = services.nomination_submit(
        actor=persona(Role.PROVINCE_STAFF), nomination=_nominate(persona, tree.commune)
    )
    with pytest.raises(DomainError) as refused:
        _accept(persona, nomination)
    assert "2025" in refused.value.message


@time_machine.travel(date(2026, 12, 5))
def test_return_needs_a_reason_and_only_the_board_appraises(tree, persona, evaluate):
    nomination = services.nomination_submit(
        actor=persona(Role.PROVINCE_STAFF), nomination=_nominate(persona, tree.commune)
    )
    with pytest.raises(FieldErrors):
        services.nomination_appraise(
            actor=persona(Role.APPRAISER), nomination=nomination, outcome="return"
        )
    with pytest.raises(PermissionDenied):
        services.nomination_appraise(
            actor=persona(Role.COMMUNE_OFFICER),
            nomination=nomination,
            outcome="return",
            reason="x",
        )


@time_machine.travel(date(2026, 12, 5))
def test_decision_awards_and_a_second_decision_is_a_duplicate(tree, persona, evaluate):
    staff = persona(Role.PROVINCE_STAFF)
    evaluate(tree.commune, 2025)
    evaluate(tree.commune, 2026)
    services.basic_salary_set(
        actor=staff, amount=2_000_000, valid_from=date(2026, 1, 1), legal_basis="thử nghiệm"
    )
    nomination = _accept(
        persona,
        services.nomination_submit(actor=staff, nomination=_nominate(persona, tree.commune)),
    )
    decision = services.decision_record(
        actor=staff,
        kind=_kind(),
        year=2026,
        number="1234/QĐ-UBND",
        decided_on=date(2026, 12, 15),
        signer="Nguyễn Văn B",
        signer_title="Chủ tịch",
        issuing_body="UBND tỉnh Thanh Hóa",
        nominations=[nomination],
        amounts={nomination.pk: 1_500_000},
    )
    award = decision.awards.get()
    assert award.amount == 1_500_000 and award.decision_number == "1234/QĐ-UBND"
    nomination.refresh_from_db()
    assert nomination.status == "decided"
    again = _nominate(persona, tree.commune)
    with pytest.raises(DomainError) as refused:
        services.nomination_submit(actor=staff, nomination=again)
    assert "1234/QĐ-UBND" in refused.value.message


def test_cash_is_the_multiple_of_the_basic_salary(persona, tree):
    staff = persona(Role.PROVINCE_STAFF)
    kind = _kind("chien-si-thi-dua-co-so")
    assert services.cash_for(kind, date(2026, 6, 1)) is None  # no salary configured
    services.basic_salary_set(
        actor=staff, amount=2_000_000, valid_from=date(2026, 1, 1), legal_basis="thử nghiệm"
    )
    assert services.cash_for(kind, date(2026, 6, 1)) == 2_000_000
    assert services.cash_for(_kind("lao-dong-tien-tien"), date(2026, 6, 1)) == 600_000
    assert services.cash_for(_kind(), date(2026, 6, 1)) is None  # Bằng khen: not found


def test_titles_and_forms_of_award_are_kept_apart(persona, tree):
    with pytest.raises(FieldErrors):
        services.title_register(
            actor=persona(Role.COMMUNE_OFFICER),
            year=2026,
            unit=tree.commune,
            kind=_kind(),
            registered_on=date(2026, 1, 15),
        )
    registration = services.title_register(
        actor=persona(Role.COMMUNE_OFFICER),
        year=2026,
        unit=tree.commune,
        kind=_kind("tap-the-lao-dong-tien-tien"),
        registered_on=date(2026, 1, 15),
    )
    assert registration.pk
    with pytest.raises(DomainError):
        services.title_register(
            actor=persona(Role.COMMUNE_OFFICER),
            year=2026,
            unit=tree.commune,
            kind=_kind("tap-the-lao-dong-tien-tien"),
            registered_on=date(2026, 1, 16),
        )


def test_cluster_ranking_computed_adjusted_with_a_reason_and_its_history(tree, persona, evaluate):
    staff = persona(Role.PROVINCE_STAFF)
    evaluate(tree.commune, 2026, class_name="good", total="75.00")
    evaluate(tree.commune2, 2026, class_name="excellent", total="91.00")
    evaluate(tree.agency, 2026, recognised=False, class_name="average", total="60.00")
    cluster = services.cluster_create(
        actor=staff,
        year=2026,
        kind="cluster",
        name="Cụm thi đua số 1",
        leader=tree.commune,
        deputy=tree.commune2,
        members=[tree.agency],
    )
    leader = persona(Role.COMMUNE_OFFICER)  # works in the leading commune
    members = services.cluster_rank_compute(actor=leader, cluster=cluster)
    assert [m.unit.code for m in members] == ["16522", "16417", "38-CQ01"]
    assert members[0].score == 100 and members[1].score == 80 and members[2].score == 20
    agency = ClusterMember.objects.get(cluster=cluster, unit=tree.agency)
    with pytest.raises(FieldErrors):
        services.cluster_rank_adjust(actor=leader, member=agency, rank=2, reason=" ")
    services.cluster_rank_adjust(
        actor=leader, member=agency, rank=2, reason="Thành tích đột xuất trong đợt cao điểm"
    )
    ranks = dict(ClusterMember.objects.filter(cluster=cluster).values_list("unit__code", "rank"))
    assert ranks == {"16522": 1, "38-CQ01": 2, "16417": 3}
    history = selectors.cluster_history(cluster)
    reasons = [h.history_change_reason for h in history]
    assert "Thành tích đột xuất trong đợt cao điểm" in reasons
    assert history[0].history_user == leader
    services.cluster_rank_submit(actor=leader, cluster=cluster)
    with pytest.raises(DomainError):
        services.cluster_rank_compute(actor=leader, cluster=cluster)


def test_only_the_leader_ranks(tree, persona):
    cluster = services.cluster_create(
        actor=persona(Role.PROVINCE_STAFF),
        year=2026,
        kind="cluster",
        name="Cụm 2",
        leader=tree.commune2,
        members=[tree.commune],
    )
    with pytest.raises(PermissionDenied):
        services.cluster_rank_compute(actor=persona(Role.COMMUNE_OFFICER), cluster=cluster)


def test_dossier_file_checked_by_content(tree, persona):
    from django.core.files.uploadedfile import SimpleUploadedFile

    nomination = _nominate(persona, tree.commune)
    fake = SimpleUploadedFile("to-trinh.pdf", b"not a pdf at all", content_type="application/pdf")
    with pytest.raises(FieldErrors) as refused:
        services.dossier_attach(
            actor=persona(Role.PROVINCE_STAFF), nomination=nomination, purpose="request", file=fake
        )
    assert "to-trinh.pdf" in refused.value.message
    real = SimpleUploadedFile("to-trinh.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n", content_type="x/y")
    attached = services.dossier_attach(
        actor=persona(Role.PROVINCE_STAFF), nomination=nomination, purpose="request", file=real
    )
    assert attached.content_type == "application/pdf"
