"""Deterministic demo data of the forces app for the demo province."""


def seed(*, province, staff, today) -> None:
    """Add this app's demo data once; a second run changes nothing."""
