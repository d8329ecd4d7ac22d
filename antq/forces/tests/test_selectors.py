"""The figures other apps read: criterion 4.5 for an area, report indicators, statistics."""

from datetime import date

import time_machine

from antq.core.roles import Role
from antq.forces import services
from antq.forces.selectors import (
    ForceStanding,
    area_force_standing,
    report_figures,
    statistics,
)


def _rate(officer, team, level, year=2026, member=None):
    return services.rating_record(
        actor=officer,
        team=team,
        member=member,
        year=year,
        level=level,
        decided_on=date(year, 11, 10),
    )


def test_an_area_whose_team_did_not_complete_its_tasks_fails_with_the_reason(
    tree, make_team, officer
):
    team = make_team(tree.area)
    _rate(officer, team, "not_completed")
    standing = area_force_standing(area=tree.area, year=2026)
    assert isinstance(standing, ForceStanding)
    assert standing.met is False
    assert standing.final is True
    assert team.name in standing.reason
    assert "Không hoàn thành nhiệm vụ" in standing.reason
    assert "sổ theo dõi lực lượng" in standing.source.lower()


def test_an_area_whose_team_completed_its_tasks_meets_it(tree, make_team, officer):
    team = make_team(tree.area)
    _rate(officer, team, "completed")
    standing = area_force_standing(area=tree.area, year=2026)
    assert standing.met is True
    assert "Hoàn thành nhiệm vụ" in standing.reason
    assert "không có thành viên nào bị kỷ luật" in standing.reason


def test_a_disciplined_member_fails_it_even_with_a_good_rating(
    tree, make_team, make_member, officer
):
    team = make_team(tree.area)
    member = make_member(team)
    _rate(officer, team, "good")
    services.member_discipline(
        actor=officer, member=member, on=date(2026, 5, 4), note="Khiển trách"
    )
    standing = area_force_standing(area=tree.area, year=2026)
    assert standing.met is False
    assert "1 thành viên bị kỷ luật" in standing.reason


def test_before_fourteen_november_the_rating_is_not_final(tree, make_team, officer):
    team = make_team(tree.area)
    with time_machine.travel(date(2026, 11, 13), tick=False):
        standing = area_force_standing(area=tree.area, year=2026)
        assert standing.met is None and standing.final is False
        assert team.name in standing.reason
        _rate(officer, team, "good")
        standing = area_force_standing(area=tree.area, year=2026)
        assert standing.met is True and standing.final is False
        assert "14/11/2026" in standing.reason
    with time_machine.travel(date(2026, 11, 14), tick=False):
        assert area_force_standing(area=tree.area, year=2026).final is True


def test_an_area_without_a_team_has_no_figure(tree):
    standing = area_force_standing(area=tree.area2, year=2026)
    assert standing.met is None
    assert "Tổ dân phố Lê Lợi" in standing.reason


def test_report_figures_count_the_subtree_as_it_stood_at_the_end(
    tree, persona, make_team, make_member, officer
):
    team = make_team(tree.area)
    make_member(team)
    make_member(team, joined_on=date(2026, 6, 1))
    staff = persona(Role.PROVINCE_STAFF)
    elsewhere = make_team(tree.area3, actor=staff)
    make_member(elsewhere, actor=staff)
    assert report_figures(unit=tree.province, start=date(2026, 1, 1), end=date(2026, 3, 31)) == {
        "security_teams": 2,
        "security_team_members": 2,
    }
    assert report_figures(unit=tree.commune, start=date(2026, 1, 1), end=date(2026, 6, 30)) == {
        "security_teams": 1,
        "security_team_members": 2,
    }
    assert report_figures(unit=tree.area2, start=date(2026, 1, 1), end=date(2026, 6, 30)) == {
        "security_teams": 0,
        "security_team_members": 0,
    }
    assert report_figures(
        unit=tree.other_province, start=date(2026, 1, 1), end=date(2026, 6, 30)
    ) == {"security_teams": 0, "security_team_members": 0}


def test_statistics_count_teams_members_trained_and_ratings_by_level(
    tree, make_team, make_member, officer
):
    team = make_team(tree.area)
    member = make_member(team)
    make_member(team)
    _rate(officer, team, "good")
    _rate(officer, team, "completed", member=member)
    training = services.training_class_create(
        actor=officer,
        unit=tree.commune,
        topic="Nghiệp vụ tuần tra, kiểm soát",
        organiser="Công an tỉnh",
        starts_on=date(2026, 5, 4),
        ends_on=date(2026, 5, 8),
    )
    services.participant_record(
        actor=officer, training=training, member=member, passed=True, certificate_number="12/CN"
    )
    figures = statistics(unit=tree.province, year=2026)
    assert figures["teams"] == 1
    assert figures["members"] == 2
    assert figures["trained"] == 1
    assert figures["ratings"]["teams"]["good"] == 1
    assert figures["ratings"]["members"]["completed"] == 1
    assert statistics(unit=tree.other_province, year=2026)["teams"] == 0
