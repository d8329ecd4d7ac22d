"""API of citizen tips: the public side (no account) and the officers' side."""

from ninja import Router

public_router = Router(tags=["public tips"], auth=None)
router = Router(tags=["tips"])
