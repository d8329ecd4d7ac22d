from datetime import date
from decimal import Decimal

import pytest
from django.utils.translation import gettext

from antq.core.errors import DomainError, NotFound, PermissionDenied
from antq.core.roles import Role
from antq.reports import selectors, services
from antq.reports.models import Report, ReportValue

from .conftest import FIGURES


def test_a_draft_keeps_partial_figures_and_submission_requires_all(officer, submit, monthly, tree):
    me = officer("16417")
    draft = submit(
        me, "16417", values={"propaganda_sessions": "4"}, on=date(2026, 10, 2), send=False
    )
    assert draft.status == "draft"
    with pytest.raises(services.ReportInvalid) as caught:
        submit(me, "16417", values={}, on=date(2026, 10, 2))
    assert "tips_received" in caught.value.errors
    assert "propaganda_sessions" not in caught.value.errors
    report = submit(me, "16417", on=date(2026, 10, 2))
    assert report.status == "submitted"
    values = selectors.report_values(report=report)
    assert values["firecrackers_kg_recovered"].number == Decimal("13.85")


@pytest.mark.parametrize(
    ("values", "code"),
    [
        ({"propaganda_sessions": -1}, "propaganda_sessions"),
        ({"tips_received": "mười hai"}, "tips_received"),
        ({"guns_recovered": "1.5"}, "guns_recovered"),
        ({"tips_received": 3, "tips_valuable": 5}, "tips_valuable"),
        ({"no_such_indicator": 1}, "no_such_indicator"),
    ],
)
def test_a_bad_value_is_refused_by_indicator_and_nothing_is_written(officer, submit, values, code):
    with pytest.raises(services.ReportInvalid) as caught:
        submit(officer("16417"), "16417", values={**FIGURES, **values}, on=date(2026, 10, 2))
    assert list(caught.value.errors) == [code]
    assert not Report.objects.exists() and not ReportValue.objects.exists()


def test_the_cross_rule_message_is_the_configured_vietnamese_text(officer, submit):
    with pytest.raises(services.ReportInvalid) as caught:
        submit(
            officer("16417"), "16417", values={**FIGURES, "tips_valuable": 20}, on=date(2026, 10, 2)
        )
    assert caught.value.errors["tips_valuable"].startswith("Số tin có giá trị không được lớn hơn")


def test_a_period_of_another_type_a_future_period_and_a_unit_out_of_scope_are_refused(
    officer, submit, clock
):
    me = officer("16417")
    with pytest.raises(DomainError):
        submit(me, "16417", period="2026-Q3", on=date(2026, 10, 2))
    with pytest.raises(DomainError):
        submit(me, "16417", period="2026-11", on=date(2026, 10, 2))
    with pytest.raises(NotFound):
        submit(me, "16522", on=date(2026, 10, 2))
    with pytest.raises(DomainError):  # a residential area does not report the commune form
        submit(me, "16417-KDC01", on=date(2026, 10, 2))
    assert not Report.objects.exists()


def test_entry_closes_after_the_deadline_when_late_entry_is_closed(officer, submit, monthly):
    monthly.late_entry_open = False
    monthly.save()
    with pytest.raises(DomainError):
        submit(officer("16417"), "16417", on=date(2026, 10, 6))
    assert submit(officer("16417"), "16417", on=date(2026, 10, 5)).status == "submitted"


def test_return_needs_a_reason_resubmission_shows_the_diff_approval_locks(
    officer, persona, submit, clock
):
    me, staff = officer("16417"), persona(Role.PROVINCE_STAFF)
    report = submit(me, "16417", on=date(2026, 10, 2))
    with pytest.raises(PermissionDenied):  # a unit does not approve its own report
        services.report_approve(actor=me, report=report)
    with pytest.raises(DomainError):
        services.report_return(actor=staff, report=report, reason="  ")
    assert Report.objects.get().status == "submitted"
    clock.set(date(2026, 10, 3))
    services.report_return(actor=staff, report=report, reason="Số lượt người chưa khớp biên bản")
    report.refresh_from_db()
    assert report.status == "returned" and report.return_reason.startswith("Số lượt")
    assert selectors.report_changes(report=report) == []

    clock.set(date(2026, 10, 4))
    submit(me, "16417", values={"propaganda_attendances": 310, "tips_valuable": 8})
    report.refresh_from_db()
    changes = {c.indicator.code: (c.old, c.new) for c in selectors.report_changes(report=report)}
    assert changes == {"propaganda_attendances": ("250", "310"), "tips_valuable": ("9", "8")}

    services.report_approve(actor=staff, report=report)
    with pytest.raises(DomainError):
        submit(me, "16417", values={"propaganda_sessions": 5})
    with pytest.raises(PermissionDenied):  # only province staff reopen
        services.report_reopen(actor=me, report=report, reason="sửa")
    with pytest.raises(DomainError):
        services.report_reopen(actor=staff, report=report, reason="")
    services.report_reopen(actor=staff, report=report, reason="Bổ sung số liệu tháng 9")
    report.refresh_from_db()
    assert report.status == "returned"
    submit(me, "16417", values={"propaganda_sessions": 5})
    reasons = [h.history_change_reason for h in selectors.report_history(report=report)]
    reopened = gettext("Reopened: %(reason)s") % {"reason": "Bổ sung số liệu tháng 9"}
    assert reasons[:3] == [gettext("Resubmitted"), reopened, gettext("Approved")]


def test_the_commune_approves_its_school_but_not_another_commune(persona, clock, tree):
    from antq.reports.models import ReportForm

    clock.set(date(2027, 1, 10))
    yearly = ReportForm.objects.get(code="establishment-yearly")
    school = persona(Role.ESTABLISHMENT_OFFICER)
    report = services.report_save(
        actor=school,
        form=yearly,
        unit=tree["16417-TH01"],
        period_key="2026",
        values={
            "staff_briefed": 40,
            "propaganda_sessions": 2,
            "tips_received": 1,
            "tips_valuable": 1,
            "security_incidents": 0,
            "models_active": 1,
            "festival_day_held": "có",
        },
        submit=True,
    )
    with pytest.raises(NotFound):
        services.report_approve(actor=persona(Role.COMMUNE_OFFICER, "16522"), report=report)
    services.report_approve(actor=persona(Role.COMMUNE_OFFICER), report=report)
    assert Report.objects.get().status == "approved"
