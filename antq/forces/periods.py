"""Dates of the force: the rating year (guidance 01) and working-day time limits (Circular 14)."""

from datetime import date, timedelta

# Guidance 01/HD-BCA-V05: a year's ratings cover 15/11 of the year before to 14/11.
PERIOD_START = (11, 15)
PERIOD_END = (11, 14)
MIN_MONTHS_RATED = 9
# Circular 14/2024 Art. 5(3): the proposal and the decision each within five working days.
LEAVE_STEP_WORKING_DAYS = 5


def rating_period(year: int) -> tuple[date, date]:
    return date(year - 1, *PERIOD_START), date(year, *PERIOD_END)


def rating_year_of(day: date) -> int:
    """The rating year a day falls in."""
    return day.year + 1 if (day.month, day.day) >= PERIOD_START else day.year


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def served_nine_months(start: date, end: date) -> bool:
    """Whether start..end (both inclusive) spans at least nine months."""
    return add_months(start, MIN_MONTHS_RATED) <= end + timedelta(days=1)


def add_working_days(day: date, n: int) -> date:
    """The n-th working day after `day`, counting Monday to Friday.

    Public holidays are not known to the system, so a deadline across Tết reads early.
    """
    current = day
    while n > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            n -= 1
    return current
