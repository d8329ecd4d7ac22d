"""API of the self-management models registry: models and exemplary examples."""

from ninja import Router

router = Router(tags=["models"])
examples_router = Router(tags=["examples"])
