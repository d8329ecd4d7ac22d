"""API of the forces app."""

from ninja import Router

router = Router(tags=["forces"])
