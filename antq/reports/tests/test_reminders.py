from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine
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


def test_the_daily_task_and_the_command_send_todays_reminders(
    officer, persona, submit, commune3, capsys
):
    for code in ("16417", "16522", "16450"):
        account = officer(code)
        account.email = f"xa-{code}@example.vn"
        account.save()
    submit(officer("16417"), "16417", values=FIGURES, on=date(2026, 10, 2))
    # The task reads today's date itself: run it at 07:00 on 04/10, a day before the deadline.
    with time_machine.travel(datetime(2026, 10, 4, 7, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))):
        counts = send_report_reminders.call_local()
    assert counts == {"reminders": 2, "escalations": 0}
    sent = [m for m in mail.outbox if "2026-09" in m.subject]
    assert sorted(m.to[0] for m in sent) == ["xa-16450@example.vn", "xa-16522@example.vn"]
    assert all("05/10/2026" in m.body for m in sent)

    mail.outbox.clear()
    call_command("send_report_reminders", "--date", "04/10/2026")
    assert "2 reminder(s), 0 escalation(s)." in capsys.readouterr().out
    assert sorted(m.to[0] for m in mail.outbox if "2026-09" in m.subject) == [
        "xa-16450@example.vn",
        "xa-16522@example.vn",
    ]
