"""Deterministic demo data of the documents app for the demo province."""


def seed(*, province, staff, today) -> None:
    """Add this app's demo data once; a second run changes nothing."""
