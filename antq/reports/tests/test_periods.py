from datetime import date

import pytest

from antq.reports import periods


@pytest.mark.parametrize(
    ("key", "start", "end", "kind"),
    [
        ("2026-10", date(2026, 10, 1), date(2026, 10, 31), "month"),
        ("2026-02", date(2026, 2, 1), date(2026, 2, 28), "month"),
        ("2026-12", date(2026, 12, 1), date(2026, 12, 31), "month"),
        ("2026-Q3", date(2026, 7, 1), date(2026, 9, 30), "quarter"),
        ("2026-q4", date(2026, 10, 1), date(2026, 12, 31), "quarter"),
        ("2026-H1", date(2026, 1, 1), date(2026, 6, 30), "half_year"),
        ("2026", date(2026, 1, 1), date(2026, 12, 31), "year"),
    ],
)
def test_a_period_key_gives_its_dates_and_type(key, start, end, kind):
    period = periods.parse(key)
    assert (period.start, period.end, period.type) == (start, end, kind)
    assert periods.parse(period.key) == period


@pytest.mark.parametrize("key", ["2026-13", "2026-Q5", "2026-H3", "26-10", "", "tháng 10"])
def test_unreadable_keys_are_refused(key):
    with pytest.raises(periods.PeriodError):
        periods.parse(key)


def test_a_key_of_another_type_is_refused_with_an_example():
    with pytest.raises(periods.PeriodError) as caught:
        periods.parse("2026-Q3", "month")
    assert "2026-10" in caught.value.message


def test_next_previous_deadline_and_ranges():
    october = periods.parse("2026-10")
    assert october.next().key == "2026-11"
    assert periods.parse("2026-01").previous().key == "2025-12"
    assert periods.parse("2026-H2").next().key == "2027-H1"
    assert october.deadline(5) == date(2026, 11, 5)
    keys = [p.key for p in periods.periods_between(periods.parse("2025-11"), october)]
    assert keys[0] == "2025-11" and keys[-1] == "2026-10" and len(keys) == 12
