"""The spending page refuses an entry over a norm with the figures, saves one within; the
statement page and its Excel show it."""

from datetime import date

import time_machine

from antq.core.roles import Role
from antq.funding.models import SpendingEntry

from .test_norms import line


@time_machine.travel(date(2026, 4, 10), tick=False)
def test_staff_records_over_then_within_and_the_statement_shows_it(tree, persona, login):
    officer = persona(Role.COMMUNE_OFFICER)
    ln = line(officer, tree.commune, "commune", allocated=10_000_000)
    client = login(officer)
    form = {"line": ln.pk, "date": "02/04/2026", "head": "fuel", "payee": "Xăng", "distance_km": 50}
    over = client.post("/funding/new/", {**form, "amount": 700_000})
    assert over.status_code == 400
    assert "700.000" in over.content.decode() and "600.000" in over.content.decode()
    assert SpendingEntry.objects.count() == 0
    ok = client.post("/funding/new/", {**form, "amount": 600_000})
    assert ok.status_code == 302 and SpendingEntry.objects.count() == 1
    listed = client.get("/funding/", {"head": "fuel"}).content.decode()
    assert "Xăng" in listed
    assert 'id="entries-total">Tổng số: 600.000<' in listed  # the total, summed by the database
    page = client.get("/funding/statement/", {"year": 2026}).content.decode()
    assert "600000" in page.replace(".", "").replace(",", "")
    xlsx = client.get("/funding/statement/", {"year": 2026, "format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd")
    other = login(persona(Role.COMMUNE_OFFICER, "16522"))
    assert other.get("/funding/statement/", {"unit": "16417"}).status_code == 404
