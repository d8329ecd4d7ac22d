"""The approval inbox holds every submitted report (count, pages, filters); several are
approved at once; pages speak of periods as officials write them and mark late reports."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from antq.core.roles import Role
from antq.reports import periods
from antq.reports.models import Report

from .conftest import FIGURES


def _many_submitted(form, unit, count: int):
    """`count` submitted months of one commune, the oldest submitted first."""
    month = periods.parse("2021-01")
    start = timezone.make_aware(timezone.datetime(2021, 2, 1, 9))
    rows = []
    for i in range(count):
        moment = start + timedelta(days=31 * i)
        rows.append(
            Report(
                form=form,
                unit=unit,
                period_key=month.key,
                period_start=month.start,
                period_end=month.end,
                status="submitted",
                submitted_at=moment,
                first_submitted_at=moment,
            )
        )
        month = month.next()
    return Report.objects.bulk_create(rows)


@pytest.mark.django_db
def test_the_inbox_counts_every_submitted_report_and_pages_them_newest_first(
    client, persona, tree, monthly, submit, clock
):
    _many_submitted(monthly, tree["16522"], 60)
    # a late report just sent must be on the first page
    submit(persona(Role.COMMUNE_OFFICER, "16417"), "16417", "2026-09", on=date(2026, 11, 20))
    client.force_login(persona(Role.PROVINCE_STAFF))
    first = client.get("/reports/")
    text = first.content.decode()
    assert first.context["queue"].paginator.count == 61
    assert len(first.context["queue"].object_list) == 50
    assert "1–50 / 61" in text or "1–50 of 61" in text
    newest = first.context["queue"].object_list[0]
    assert newest.unit.code == "16417" and newest.is_late
    assert "Tháng 09/2026" in text and 'data-testid="late"' in text
    second = client.get("/reports/?status=submitted&page=2")
    assert len(second.context["queue"].object_list) == 11
    only = client.get("/reports/?status=submitted&unit=Quảng Bình&period=2026-09")
    assert [r.unit.code for r in only.context["queue"]] == []
    only = client.get("/reports/?status=submitted&unit=16417")
    assert [r.unit.code for r in only.context["queue"]] == ["16417"]
    other = client.get("/reports/?status=approved")
    assert other.context["queue"].paginator.count == 0


@pytest.mark.django_db
def test_province_staff_approve_a_selection_at_once_and_a_commune_cannot(
    client, persona, tree, monthly, submit, clock
):
    a = submit(persona(Role.COMMUNE_OFFICER, "16417"), "16417", on=date(2026, 10, 2))
    b = submit(persona(Role.COMMUNE_OFFICER, "16522"), "16522", on=date(2026, 10, 2))
    outside = submit(persona(Role.COMMUNE_OFFICER, "00004"), "00004", on=date(2026, 10, 2))
    client.force_login(persona(Role.PROVINCE_STAFF))
    answer = client.post("/reports/approve/", {"report": [a.pk, b.pk, outside.pk]}, follow=True)
    shown = [str(m) for m in answer.context["messages"]]
    assert any("2" in m for m in shown), shown
    assert set(Report.objects.filter(status="approved").values_list("pk", flat=True)) == {
        a.pk,
        b.pk,
    }
    assert Report.objects.get(pk=outside.pk).status == "submitted"  # out of scope: untouched


@pytest.mark.django_db
def test_a_viewer_sees_no_entry_or_upload_forms(client, persona):
    client.force_login(persona(Role.VIEWER))
    page = client.get("/reports/").content.decode()
    assert 'id="entry-chooser"' not in page and 'id="template-chooser"' not in page
    client.force_login(persona(Role.COMMUNE_OFFICER))
    page = client.get("/reports/").content.decode()
    assert 'id="entry-chooser"' in page


@pytest.mark.django_db
def test_submit_and_approve_ask_first_and_say_what_was_done(client, persona, tree, monthly, clock):
    clock.set(date(2026, 10, 8))  # past the on-time limit
    officer = persona(Role.COMMUNE_OFFICER, "16417")
    client.force_login(officer)
    url = "/reports/entry/movement-monthly/16417/2026-09/"
    form = client.get(url).content.decode()
    assert "data-confirm=" in form and "Tháng 09/2026" in form
    assert "onclick" not in form and "reports/confirm.js" in form
    answer = client.post(url, {**FIGURES, "action": "submit"}, follow=True)
    message = next(str(m) for m in answer.context["messages"])
    assert "Tháng 09/2026" in message and "Đã gửi" in message
    report = Report.objects.get()
    assert report.is_late
    assert 'data-testid="late"' in answer.content.decode()
    client.force_login(persona(Role.PROVINCE_STAFF))
    answer = client.post(f"/reports/{report.pk}/return/", {"reason": "Sai số liệu"}, follow=True)
    message = next(str(m) for m in answer.context["messages"])
    assert "Đã trả lại" in message and report.unit.name in message


def test_periods_read_as_officials_write_them():
    assert periods.parse("2026-10").label == "Tháng 10/2026"
    assert periods.parse("2026-Q3").label == "Quý III/2026"
    assert periods.parse("2026").label == "Năm 2026"
