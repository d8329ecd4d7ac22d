from datetime import date

from django.core import mail

from antq.core.roles import Role
from antq.directives import services
from antq.directives.tasks import send_directive_reminders

from .conftest import at, deployment_of


def _emails(persona):
    addresses = {}
    for role, code in [
        (Role.COMMUNE_OFFICER, "16417"),
        (Role.COMMUNE_OFFICER, "16522"),
        (Role.ESTABLISHMENT_OFFICER, "16417-TH01"),
        (Role.PROVINCE_STAFF, "38"),
    ]:
        account = persona(role, code)
        account.email = f"{code}@example.vn"
        account.save()
        addresses[code] = account
    return addresses


def test_reminders_before_the_deadline_and_the_overdue_list_go_out_on_the_worker(
    tree, issue, persona
):
    accounts = _emails(persona)
    directive = issue()  # to both communes and the school, result report due 20/03/2026
    with at(date(2026, 3, 10)):
        services.deployment_report_send(
            actor=accounts["16417"],
            deployment=deployment_of(directive, "16417"),
            summary="Đã triển khai tới 100% thôn",
        )
    mail.outbox.clear()

    with at(date(2026, 3, 17)):  # three days before: those who have not reported are reminded
        counts = send_directive_reminders.call_local()
    assert counts == {"reminders": 2, "escalations": 0}
    assert sorted(m.to[0] for m in mail.outbox) == ["16417-TH01@example.vn", "16522@example.vn"]
    assert all("67/KH-BCĐ" in m.subject and "20/03/2026" in m.body for m in mail.outbox)

    mail.outbox.clear()
    with at(date(2026, 3, 18)):  # not a reminder day
        assert send_directive_reminders.call_local() == {"reminders": 0, "escalations": 0}
    assert mail.outbox == []

    with at(date(2026, 3, 21)):  # the day after: the overdue go up to the level above
        counts = send_directive_reminders.call_local()
    assert counts == {"reminders": 0, "escalations": 2}
    by_recipient = {m.to[0]: m for m in mail.outbox}
    province = by_recipient["38@example.vn"]  # the commune 16522 is the province's to chase
    assert "16522" in province.body and "16417" not in province.body
    commune = by_recipient["16417@example.vn"]  # the school sits under commune 16417
    assert "16417-TH01" in commune.body and "16522" not in commune.body

    mail.outbox.clear()
    with at(date(2026, 3, 24)):  # between the weekly escalations: nothing
        send_directive_reminders.call_local()
    assert mail.outbox == []
    with at(date(2026, 3, 28)):  # a week later, again
        assert send_directive_reminders.call_local()["escalations"] == 2


def test_a_unit_passed_on_by_its_commune_is_chased_by_that_commune(tree, issue, persona):
    accounts = _emails(persona)
    directive = issue(kinds=("commune",))
    with at(date(2026, 3, 3)):
        services.deployment_redeploy(
            actor=accounts["16417"],
            deployment=deployment_of(directive, "16417"),
            audience=services.Audience(codes=["16417-KDC01"]),
        )
    mail.outbox.clear()
    with at(date(2026, 3, 21)):
        send_directive_reminders.call_local()
    commune = [m for m in mail.outbox if m.to == ["16417@example.vn"]]
    assert len(commune) == 1 and "16417-KDC01" in commune[0].body
