from datetime import date

from django.core import mail
from django.core.management import call_command

from antq.core.roles import Role
from antq.reports.reminders import reports_remind
from antq.reports.tasks import send_report_reminders

from .conftest import FIGURES


def test_units_missing_near_the_deadline_are_reminded_and_those_that_reported_are_not(
    officer, persona, submit, commune3
):
    for code in ("16417", "16522", "16450"):
        account = officer(code)
        account.email = f"xa-{code}@example.vn"
        account.save()
    staff = persona(Role.PROVINCE_STAFF)
    staff.email = "pv05@example.vn"
    staff.save()
    submit(officer("16417"), "16417", values=FIGURES, on=date(2026, 10, 2))

    counts = reports_remind(today=date(2026, 10, 4))  # one day before the deadline (05/10)
    assert counts["reminders"] == 2
    reminders = [m for m in mail.outbox if "2026-09" in m.subject]
    assert sorted(m.to[0] for m in reminders) == ["xa-16450@example.vn", "xa-16522@example.vn"]
    assert "05/10/2026" in reminders[0].body

    mail.outbox.clear()
    reports_remind(today=date(2026, 10, 6))  # the day after: the overdue list goes up
    escalations = [m for m in mail.outbox if "2026-09" in m.subject]
    assert [m.to for m in escalations] == [["pv05@example.vn"]]
    assert "16450" in escalations[0].body and "16522" in escalations[0].body
    assert "16417" not in escalations[0].body


def test_the_task_and_the_command_run_without_a_server(officer, commune3):
    send_report_reminders.call_local()
    call_command("send_report_reminders", "--date", "04/10/2026")
