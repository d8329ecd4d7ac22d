"""Background work of the yearly cycle: thin, load by id and call the code that does it."""

from huey.contrib.djhuey import db_task

from . import services


@db_task()
def refresh_year_verdicts(year: int) -> int:
    """Recompute every assessment's cached verdict of a year (after a change of figures)."""
    return services.year_verdicts_refresh(year=year)
