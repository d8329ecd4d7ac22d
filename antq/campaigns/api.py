"""API of the campaigns app."""

from ninja import Router

router = Router(tags=["campaigns"])
