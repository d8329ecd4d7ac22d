"""Reporting periods: parse and format keys such as "2026-10", "2026-Q3", "2026-H1", "2026".

Plain functions over dates; the only Django import is gettext for the messages.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from .choices import PeriodType

_PATTERNS = [
    (PeriodType.MONTH, re.compile(r"^(\d{4})-(\d{2})$")),
    (PeriodType.QUARTER, re.compile(r"^(\d{4})-Q([1-4])$")),
    (PeriodType.HALF_YEAR, re.compile(r"^(\d{4})-H([12])$")),
    (PeriodType.YEAR, re.compile(r"^(\d{4})$")),
]
# How many months one period of each type spans.
MONTHS = {PeriodType.MONTH: 1, PeriodType.QUARTER: 3, PeriodType.HALF_YEAR: 6, PeriodType.YEAR: 12}
EXAMPLES = {
    PeriodType.MONTH: "2026-10",
    PeriodType.QUARTER: "2026-Q3",
    PeriodType.HALF_YEAR: "2026-H1",
    PeriodType.YEAR: "2026",
}


class PeriodError(ValueError):
    """A period key that cannot be read, or of the wrong type."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, order=True)
class Period:
    start: date
    end: date
    type: str
    key: str

    def __str__(self) -> str:
        return self.key

    @property
    def label(self) -> str:
        """The period as officials write it: "Tháng 10/2026", "Quý III/2026"."""
        return label(self)

    def deadline(self, days_after_end: int) -> date:
        """Return the last day a report for this period is due."""
        return self.end + timedelta(days=days_after_end)

    def next(self) -> "Period":
        return period_containing(self.end + timedelta(days=1), self.type)

    def previous(self) -> "Period":
        return period_containing(self.start - timedelta(days=1), self.type)


def _month_end(year: int, month: int) -> date:
    first_next = date(year + month // 12, month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def _build(period_type: str, year: int, index: int) -> Period:
    """Return the `index`-th period (1-based) of `year`."""
    span = MONTHS[period_type]
    first_month = (index - 1) * span + 1
    start = date(year, first_month, 1)
    end = _month_end(year, first_month + span - 1)
    key = {
        PeriodType.MONTH: f"{year:04d}-{index:02d}",
        PeriodType.QUARTER: f"{year:04d}-Q{index}",
        PeriodType.HALF_YEAR: f"{year:04d}-H{index}",
        PeriodType.YEAR: f"{year:04d}",
    }[period_type]
    return Period(start=start, end=end, type=period_type, key=key)


def parse(key: str, expected_type: str | None = None) -> Period:
    """Read a period key; refuse it when unreadable or not of `expected_type`."""
    text = (key or "").strip().upper()
    for period_type, pattern in _PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        year, index = int(match.group(1)), int(match.group(2)) if match.lastindex == 2 else 1
        if period_type == PeriodType.MONTH and not 1 <= index <= 12:
            break
        if not 1900 <= year <= 2999:
            break
        if expected_type and period_type != expected_type:
            raise PeriodError(
                _(
                    "The period %(key)s is a %(given)s; this form is reported by %(expected)s, "
                    "e.g. %(example)s."
                )
                % {
                    "key": key,
                    "given": PeriodType(period_type).label.lower(),
                    "expected": PeriodType(expected_type).label.lower(),
                    "example": EXAMPLES[expected_type],
                }
            )
        return _build(period_type, year, index)
    raise PeriodError(
        _("“%(key)s” is not a reporting period; write 2026-10, 2026-Q3, 2026-H1 or 2026.")
        % {"key": key}
    )


def period_containing(day: date, period_type: str) -> Period:
    """Return the period of `period_type` that contains `day`."""
    index = (day.month - 1) // MONTHS[period_type] + 1
    return _build(period_type, day.year, index)


def periods_between(first: Period, last: Period) -> list[Period]:
    """Return every period from `first` to `last` inclusive (same type)."""
    periods, current = [], first
    while current <= last:
        periods.append(current)
        current = current.next()
    return periods


ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def label(period: Period) -> str:
    """Return the period as officials write it: "Tháng 10/2026", "Quý III/2026",
    "6 tháng đầu năm 2026", "Năm 2026"."""
    year, month = period.start.year, period.start.month
    if period.type == PeriodType.MONTH:
        return _("Month %(month)s/%(year)s") % {"month": f"{month:02d}", "year": year}
    if period.type == PeriodType.QUARTER:
        quarter = ROMAN[(month - 1) // 3 + 1]
        return _("Quarter %(quarter)s/%(year)s") % {"quarter": quarter, "year": year}
    if period.type == PeriodType.HALF_YEAR:
        if month == 1:
            return _("First half of %(year)s") % {"year": year}
        return _("Second half of %(year)s") % {"year": year}
    return _("Year %(year)s") % {"year": year}


def key_label(key: str) -> str:
    """Return the label of a period key, or the key itself when it cannot be read."""
    try:
        return label(parse(key))
    except PeriodError:
        return key
