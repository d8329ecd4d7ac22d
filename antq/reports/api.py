"""API handlers for periodic reports."""

from ninja import Router

router = Router(tags=["reports"])
