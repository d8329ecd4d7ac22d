from datetime import date

import pytest

from antq.core.errors import DomainError, FieldErrors, PermissionDenied
from antq.core.roles import Role
from antq.directives import selectors, services
from antq.directives.models import Deployment, Directive

from .conftest import DEADLINE, ISSUED, at, deployment_of, docx, pdf, png_named_pdf

AUDIENCE = ["16417", "16417-TH01", "16522"]  # both communes and the commune's school


def test_every_commune_and_school_of_the_province_gets_one_deployment_row(tree, issue):
    directive = issue()
    codes = sorted(directive.deployments.values_list("unit__code", flat=True))
    assert codes == AUDIENCE  # not the agency, not the other province, not the areas
    assert directive.deployments.filter(report_deadline=DEADLINE).count() == 3
    row = Deployment.history.filter(unit__code="16417").get()
    assert "Thanh Hóa" in row.history_change_reason  # who deployed it
    assert row.history_user is not None


def test_listed_units_are_added_and_unknown_codes_are_refused_by_name(tree, issue):
    directive = issue(kinds=(), codes=["38-CQ01", "16417-KDC01"], number="12/CV-CAT")
    assert sorted(directive.deployments.values_list("unit__code", flat=True)) == [
        "16417-KDC01",
        "38-CQ01",
    ]
    with pytest.raises(FieldErrors) as refused:
        issue(kinds=(), codes=["38-CQ01", "00004"], number="13/CV-CAT")  # Hà Nội: not ours
    assert "00004" in refused.value.errors["codes"]
    assert Directive.objects.count() == 1


def test_the_share_moves_as_units_acknowledge_and_the_not_yet_list_is_exact(
    tree, issue, officer, school_officer
):
    directive = issue()
    counts = selectors.tracking_counts(directive=directive, unit=tree.province)
    assert (counts.expected, counts.received, counts.read, counts.read_share) == (3, 0, 0, 0.0)

    with at(date(2026, 3, 3)):
        services.deployment_acknowledge(
            actor=officer, deployment=deployment_of(directive, "16417"), read=False
        )
    counts = selectors.tracking_counts(directive=directive, unit=tree.province)
    assert (counts.received, counts.read) == (1, 0)
    assert counts.received_share == 33.3

    with at(date(2026, 3, 4)):
        services.deployment_acknowledge(
            actor=school_officer, deployment=deployment_of(directive, "16417-TH01")
        )
    counts = selectors.tracking_counts(directive=directive, unit=tree.province)
    assert (counts.received, counts.read, counts.read_share) == (2, 1, 33.3)
    not_read = selectors.not_yet(directive=directive, unit=tree.province, stage="read")
    assert [r.unit.code for r in not_read] == ["16417", "16522"]
    not_received = selectors.not_yet(directive=directive, unit=tree.province, stage="received")
    assert [r.unit.code for r in not_received] == ["16522"]
    # a commune's subtree holds itself and its school only
    commune = selectors.tracking_counts(directive=directive, unit=tree.commune)
    assert (commune.expected, commune.read) == (2, 1)


def test_a_second_acknowledgement_keeps_the_first_date_and_person(tree, issue, officer, persona):
    directive = issue()
    row = deployment_of(directive, "16417")
    with at(date(2026, 3, 3)):
        services.deployment_acknowledge(actor=officer, deployment=row)
    other = persona(Role.COMMUNE_OFFICER, "16417")
    with at(date(2026, 3, 9)):
        services.deployment_acknowledge(actor=other, deployment=row)
    row.refresh_from_db()
    assert row.read_at.date() == date(2026, 3, 3) and row.read_by == officer
    assert row.history.count() == 2  # deployed, acknowledged once


def test_province_staff_cannot_acknowledge_for_a_commune_nor_a_viewer_for_its_own(
    tree, issue, staff, persona
):
    directive = issue()
    with pytest.raises(PermissionDenied):
        services.deployment_acknowledge(actor=staff, deployment=deployment_of(directive, "16417"))
    with pytest.raises(PermissionDenied):
        services.deployment_acknowledge(
            actor=persona(Role.VIEWER), deployment=deployment_of(directive, "16417")
        )
    assert selectors.tracking_counts(directive=directive, unit=None).received == 0


def test_plan_is_recorded_with_number_date_and_file_and_checked(tree, issue, officer):
    directive = issue()
    row = deployment_of(directive, "16417")
    with at(date(2026, 3, 5)), pytest.raises(FieldErrors) as refused:
        services.deployment_plan_record(
            actor=officer,
            deployment=row,
            number="05/KH-UBND",
            plan_date=date(2026, 2, 1),
            file=docx(),
        )
    assert "02/03/2026" in refused.value.errors["plan_date"]
    with at(date(2026, 3, 5)):
        services.deployment_plan_record(
            actor=officer,
            deployment=row,
            number="05/KH-UBND",
            plan_date=date(2026, 3, 5),
            file=docx(),
        )
    row.refresh_from_db()
    assert (row.plan_number, row.plan_date) == ("05/KH-UBND", date(2026, 3, 5))
    assert row.plan_file.name.endswith(".docx") and row.read_at is not None  # planning reads it
    counts = selectors.tracking_counts(directive=directive, unit=tree.province)
    assert (counts.plan_expected, counts.planned) == (3, 1)


def test_no_plan_is_taken_where_the_directive_asks_for_none(tree, issue, officer):
    directive = issue(requires_plan=False)
    with at(date(2026, 3, 5)), pytest.raises(DomainError):
        services.deployment_plan_record(
            actor=officer,
            deployment=deployment_of(directive, "16417"),
            number="05/KH",
            plan_date=date(2026, 3, 5),
            file=pdf(),
        )


def test_reports_count_on_time_up_to_the_deadline_and_late_after(
    tree, issue, officer, school_officer
):
    directive = issue()
    with at(DEADLINE, hour=23):
        services.deployment_report_send(
            actor=officer, deployment=deployment_of(directive, "16417"), summary="Đã tổ chức 5 buổi"
        )
    with at(date(2026, 3, 21)):
        services.deployment_report_send(
            actor=school_officer, deployment=deployment_of(directive, "16417-TH01"), file=pdf()
        )
        counts = selectors.tracking_counts(directive=directive, unit=tree.province)
    assert (counts.reported, counts.on_time, counts.late, counts.overdue) == (2, 1, 1, 1)
    late = Deployment.history.filter(unit__code="16417-TH01").first()
    on_time = Deployment.history.filter(unit__code="16417").first()
    assert late.history_change_reason != on_time.history_change_reason  # "late" is said
    with pytest.raises(DomainError):
        services.deployment_report_send(
            actor=officer, deployment=deployment_of(directive, "16417"), summary="lần hai"
        )


def test_a_commune_passes_it_on_and_the_province_sees_the_whole_tree(tree, issue, officer, staff):
    directive = issue()
    parent = deployment_of(directive, "16417")
    with at(date(2026, 3, 4)), pytest.raises(FieldErrors) as refused:
        services.deployment_redeploy(
            actor=officer,
            deployment=parent,
            audience=services.Audience(kinds=["residential_area", "school"]),
            report_deadline=date(2026, 3, 25),
        )
    assert "20/03/2026" in refused.value.errors["report_deadline"]
    with at(date(2026, 3, 4)):
        sent, already = services.deployment_redeploy(
            actor=officer,
            deployment=parent,
            audience=services.Audience(kinds=["residential_area", "school"]),
            report_deadline=date(2026, 3, 15),
        )
    assert (sent, already) == (2, 1)  # two areas; the school had it from the province
    areas = Deployment.objects.filter(parent__unit__code="16417").order_by("unit__code")
    assert [(r.unit.code, r.report_deadline) for r in areas] == [
        ("16417-KDC01", date(2026, 3, 15)),
        ("16417-KDC02", date(2026, 3, 15)),
    ]
    province = selectors.tracking_counts(directive=directive, unit=tree.province)
    assert (province.expected, province.read) == (5, 1)  # the commune read it by passing it on
    by_child = {
        r["unit"].code: r
        for r in selectors.tracking_by_child(directive=directive, unit=tree.province)
    }
    assert (by_child["16417"]["expected"], by_child["16522"]["expected"]) == (4, 1)
    # the commune acts for its residential areas, which have no account
    with at(date(2026, 3, 5)):
        services.deployment_acknowledge(
            actor=officer, deployment=deployment_of(directive, "16417-KDC01")
        )
    assert selectors.tracking_counts(directive=directive, unit=tree.commune).read == 2


def test_files_are_checked_by_content_and_size_and_nothing_is_kept_when_refused(
    tree, issue, settings
):
    with pytest.raises(FieldErrors) as refused:
        issue(file=png_named_pdf())
    message = refused.value.errors["file"]
    assert "chi-thi.pdf" in message and "PNG" in message
    settings.ANTQ_DIRECTIVE_MAX_BYTES = 20
    with pytest.raises(FieldErrors) as refused:
        issue(file=pdf())
    assert "MB" in refused.value.errors["file"]
    assert Directive.objects.count() == 0 and Deployment.objects.count() == 0
    settings.ANTQ_DIRECTIVE_MAX_BYTES = 10 * 2**20
    assert issue(file=docx("chi-thi.docx")).file_name == "chi-thi.docx"


def test_bad_fields_are_refused_with_what_and_where(tree, issue):
    with pytest.raises(FieldErrors) as refused:
        issue(number=" ", report_deadline=date(2026, 3, 1))
    assert set(refused.value.errors) == {"number", "report_deadline"}
    issue()
    with pytest.raises(FieldErrors) as refused:
        issue()
    assert "67/KH-BCĐ" in refused.value.errors["number"]
    assert ISSUED.strftime("%d/%m/%Y") in refused.value.errors["number"]


def test_a_commune_officer_issues_only_inside_its_commune(tree, issue, officer):
    directive = issue(
        actor=officer, root=tree.commune, kinds=["residential_area"], number="3/KH-UBND"
    )
    assert directive.issuing_unit == tree.commune
    assert directive.deployments.count() == 2
    with pytest.raises(DomainError):
        issue(actor=officer, root=tree.province, kinds=["commune"], number="4/KH-UBND")


def test_the_year_deployment_rate_counts_acknowledged_units(tree, issue, officer):
    first = issue()
    issue(number="2/CT-UBND", kinds=("commune",))
    assert selectors.deployment_rate(unit=tree.province, year=2026) == (0, 5)
    with at(date(2026, 3, 3)):
        services.deployment_acknowledge(actor=officer, deployment=deployment_of(first, "16417"))
    assert selectors.deployment_rate(unit=tree.province, year=2026) == (1, 5)
    assert selectors.deployment_rate(unit=tree.commune, year=2026) == (1, 3)
    assert selectors.deployment_rate(unit=tree.province, year=2025) == (0, 0)


def test_a_new_deadline_moves_the_units_that_had_the_old_one_and_keeps_the_reason(
    tree, issue, officer, staff
):
    directive = issue()
    with at(date(2026, 3, 4)):
        services.deployment_redeploy(
            actor=officer,
            deployment=deployment_of(directive, "16417"),
            audience=services.Audience(kinds=["residential_area"]),
            report_deadline=date(2026, 3, 15),
        )
    with pytest.raises(FieldErrors):
        services.directive_update(
            actor=staff, directive=directive, reason="", report_deadline=date(2026, 3, 31)
        )
    with pytest.raises(PermissionDenied):
        services.directive_update(
            actor=officer, directive=directive, reason="x", report_deadline=date(2026, 3, 31)
        )
    services.directive_update(
        actor=staff,
        directive=directive,
        reason="Gia hạn theo đề nghị",
        report_deadline=date(2026, 3, 31),
    )
    deadlines = dict(directive.deployments.values_list("unit__code", "report_deadline"))
    assert deadlines["16522"] == deadlines["16417"] == date(2026, 3, 31)
    assert deadlines["16417-KDC01"] == date(2026, 3, 15)  # the commune's own stays
    assert directive.history.first().history_change_reason == "Gia hạn theo đề nghị"
    assert Deployment.history.filter(
        unit__code="16522", history_change_reason="Gia hạn theo đề nghị"
    ).exists()
