"""API of the directives app."""

from ninja import Router

router = Router(tags=["directives"])
