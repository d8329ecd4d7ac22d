"""The registry's rules as an officer meets them: refusals say why and change nothing."""

from datetime import date

import pytest

from antq.core.errors import DomainError, FieldErrors, PermissionDenied
from antq.core.roles import Role
from antq.forces import services
from antq.forces.models import ForceRating, SecurityTeam, TeamMember

from .conftest import person


def test_a_team_covers_several_areas_and_records_who_set_it_up(tree, officer):
    team = services.team_create(
        actor=officer,
        commune=tree.commune,
        name="Tổ bảo vệ ANTT số 1",
        areas=[tree.area, tree.area2],
        decision_number="125/QĐ-UBND",
        decision_date=date(2025, 8, 1),
        decision_signer="Chủ tịch UBND phường Lê Văn Bình",
    )
    assert set(team.areas.values_list("code", flat=True)) == {"16417-KDC01", "16417-KDC02"}
    record = team.history.first()
    assert record.history_user == officer
    assert record.history_change_reason


def test_an_area_of_another_commune_is_refused(tree, officer):
    with pytest.raises(FieldErrors) as refused:
        services.team_create(
            actor=officer,
            commune=tree.commune,
            name="Tổ",
            areas=[tree.area3],
            decision_number="1/QĐ",
            decision_date=date(2025, 1, 1),
        )
    assert "Thôn Quảng Đại" in refused.value.errors["areas"]
    assert not SecurityTeam.objects.exists()


def test_more_teams_than_the_province_allows_per_area_are_refused(tree, make_team):
    make_team(tree.area)
    with pytest.raises(FieldErrors) as refused:
        make_team(tree.area)
    message = refused.value.errors["areas"]
    assert "Thôn Đông Hưng" in message and "1" in message
    assert SecurityTeam.objects.count() == 1


def test_more_members_than_the_province_allows_are_refused(tree, persona, make_team, make_member):
    services.settings_update(
        actor=persona(Role.PROVINCE_STAFF), province=tree.province, members_per_area=2
    )
    team = make_team()
    make_member(team)
    make_member(team)
    with pytest.raises(FieldErrors) as refused:
        make_member(team)
    assert "2" in refused.value.errors["team"]
    assert team.members.count() == 2


@pytest.mark.parametrize(
    ("overrides", "rule", "field"),
    [
        ({"birth_date": date(2009, 1, 1)}, "M-AGE", "birth_date"),
        ({"birth_date": date(1950, 1, 1)}, "M-AGE", "over_age_decision"),
        ({"education": "primary"}, "M-EDU", "education"),
        ({"resident_since": date(2024, 6, 1)}, "M-RES", "resident_since"),
        ({"record_document": ""}, "M-RECORD", "record_document"),
        ({"health_document": ""}, "M-HEALTH", "health_document"),
    ],
)
def test_a_person_failing_a_rule_is_refused_and_nothing_saved(
    tree, make_team, overrides, rule, field
):
    team = make_team()
    officer = team.history.first().history_user
    with pytest.raises(services.MemberRefused) as refused:
        services.member_register(actor=officer, team=team, **person(**overrides))
    assert refused.value.errors[field].startswith(rule)
    assert [r.rule for r in refused.value.refusals] == [rule]
    assert not TeamMember.objects.exists()


def test_primary_education_suffices_in_the_areas_the_law_names(tree, make_team, officer):
    team = make_team(primary_education_area=True)
    services.member_register(actor=officer, team=team, **person(education="primary"))
    assert team.members.count() == 1


def test_a_second_registration_of_an_identity_number_names_the_first_team(
    tree, persona, make_team, officer
):
    first = make_team(tree.area)
    staff = persona(Role.PROVINCE_STAFF)
    other = make_team(tree.area3, actor=staff)  # another commune of the same province
    services.member_register(actor=officer, team=first, **person())
    for team in (first, other):
        with pytest.raises(FieldErrors) as refused:
            services.member_register(actor=staff, team=team, **person(full_name="Người khác"))
        assert first.name in refused.value.errors["identity_number"]
        assert "Phường Đông Quang" in refused.value.errors["identity_number"]
    assert TeamMember.objects.count() == 1


def test_the_same_identity_number_in_another_province_is_not_a_duplicate(
    tree, persona, make_team, officer
):
    services.member_register(actor=officer, team=make_team(tree.area), **person())
    admin = persona(Role.ADMIN)
    elsewhere = make_team(tree.other_area, actor=admin)
    services.member_register(actor=admin, team=elsewhere, **person())
    assert TeamMember.objects.count() == 2


def test_the_identity_number_is_free_again_once_the_member_left(tree, make_team, officer):
    team = make_team()
    member = services.member_register(actor=officer, team=team, **person())
    services.member_leave_propose(
        actor=officer,
        member=member,
        ground="a",
        started_on=date(2026, 3, 2),
        proposal_number="07/ĐX-CAX",
        proposal_date=date(2026, 3, 5),
    )
    services.member_leave_decide(
        actor=officer, member=member, decision_number="08/QĐ-UBND", decided_on=date(2026, 3, 9)
    )
    again = services.member_register(actor=officer, team=team, **person(joined_on=date(2026, 4, 1)))
    assert again.pk != member.pk


def test_leaving_shows_both_five_working_day_deadlines(tree, make_team, make_member, officer):
    member = make_member(make_team())
    # Friday 6/3/2026: five working days later is Friday 13/3
    services.member_leave_propose(
        actor=officer, member=member, ground="b", started_on=date(2026, 3, 6)
    )
    assert services.leave_deadlines(member)["proposal_due"] == date(2026, 3, 13)
    with pytest.raises(FieldErrors):
        services.member_leave_decide(
            actor=officer, member=member, decision_number="08", decided_on=date(2026, 3, 10)
        )
    services.member_leave_propose(
        actor=officer,
        member=member,
        ground="b",
        started_on=date(2026, 3, 6),
        proposal_number="07/ĐX",
        proposal_date=date(2026, 3, 12),
    )
    assert services.leave_deadlines(member)["decision_due"] == date(2026, 3, 19)


def test_a_viewer_may_not_register(tree, persona, make_team):
    team = make_team()
    with pytest.raises(PermissionDenied):
        services.member_register(actor=persona(Role.VIEWER), team=team, **person())


# --- ratings ---------------------------------------------------------------------------------


def _rate(officer, team, level, member=None, **extra):
    return services.rating_record(
        actor=officer,
        team=team,
        member=member,
        year=2026,
        level=level,
        decided_on=date(2026, 11, 20),
        **extra,
    )


def test_excellent_ratings_are_capped_at_twenty_percent_of_good(tree, make_team, officer):
    areas_needed = 7
    from antq.units.services import unit_create

    areas = [tree.area, tree.area2]
    for i in range(3, areas_needed + 1):
        areas.append(
            unit_create(
                actor=officer,
                code=f"16417-KDC{i:02d}",
                name=f"Thôn {i}",
                kind="residential_area",
                parent=tree.commune,
            )
        )
    teams = [make_team(area) for area in areas]
    for team in teams[:5]:
        _rate(officer, team, "good")
    _rate(officer, teams[5], "excellent")  # 1 ≤ 20% of 5
    with pytest.raises(FieldErrors) as refused:
        _rate(officer, teams[6], "excellent")
    message = refused.value.errors["level"]
    assert "2" in message and "20%" in message and "5" in message and "1" in message
    assert ForceRating.objects.filter(level="excellent").count() == 1
    # lowering one of the five "good" would leave 1 excellent against 4 good (cap 0)
    with pytest.raises(FieldErrors):
        _rate(officer, teams[0], "completed")
    assert ForceRating.objects.filter(level="good").count() == 5


def test_the_quota_base_may_count_excellent_too(tree, persona, make_team, officer):
    services.settings_update(
        actor=persona(Role.PROVINCE_STAFF),
        province=tree.province,
        quota_base="good_or_better",
        teams_per_area=5,
    )
    teams = [make_team(tree.area) for _ in range(5)]
    for team in teams[:4]:
        _rate(officer, team, "good")
    # base = 4 good + 1 excellent = 5 → one excellent allowed
    _rate(officer, teams[4], "excellent")
    assert ForceRating.objects.filter(level="excellent").count() == 1


def test_a_leader_is_not_rated_above_the_team(tree, make_team, make_member, officer):
    team = make_team()
    leader = make_member(team, role="leader")
    with pytest.raises(DomainError):
        _rate(officer, team, "good", member=leader)  # the team is not rated yet
    _rate(officer, team, "completed")
    with pytest.raises(FieldErrors) as refused:
        _rate(officer, team, "good", member=leader)
    assert "Hoàn thành nhiệm vụ" in refused.value.errors["level"]
    _rate(officer, team, "completed", member=leader)
    _rate(officer, team, "good", member=leader, newly_transferred=True)
    assert ForceRating.objects.get(member=leader).level == "good"


def test_a_team_younger_than_nine_months_is_not_rated(tree, make_team, officer):
    team = make_team(decision_date=date(2026, 2, 15))  # 9 months would end on 14/11
    _rate(officer, team, "good")
    young = make_team(tree.area2, decision_date=date(2026, 2, 16))
    with pytest.raises(DomainError) as refused:
        _rate(officer, young, "good")
    assert "9 tháng" in refused.value.message
    assert not ForceRating.objects.filter(team=young).exists()


def test_a_member_with_less_than_nine_months_in_the_year_is_not_rated(
    tree, make_team, make_member, officer
):
    team = make_team()
    _rate(officer, team, "good")
    late = make_member(team, joined_on=date(2026, 2, 16))
    with pytest.raises(DomainError) as refused:
        _rate(officer, team, "good", member=late)
    assert "16/02/2026" in refused.value.message and "9 tháng" in refused.value.message
    on_time = make_member(team, joined_on=date(2026, 2, 15))
    _rate(officer, team, "good", member=on_time)


def test_no_rating_under_a_complaint(tree, make_team, make_member, officer):
    team = make_team()
    member = make_member(team)
    _rate(officer, team, "good")
    services.member_mark_complaint(actor=officer, member=member, under=True, reason="Đơn tố cáo")
    with pytest.raises(DomainError) as refused:
        _rate(officer, team, "good", member=member)
    assert "khiếu nại" in refused.value.message
    services.team_mark_complaint(actor=officer, team=team, under=True, reason="Đơn")
    with pytest.raises(DomainError):
        _rate(officer, team, "completed")
