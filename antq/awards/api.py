"""API of the awards app."""

from ninja import Router

router = Router(tags=["awards"])
