"""Typed domain refusals that views and the API turn into a clear message."""


class DomainError(Exception):
    """A refusal with a message fit to show the user (already translated)."""

    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class FieldErrors(DomainError):
    """Values that are wrong; `errors` maps each field to its message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(" ".join(errors.values()))
        self.errors = errors


class NotFound(DomainError):
    """The object does not exist, or the actor may not see it: the two answer alike."""

    status = 404


class PermissionDenied(DomainError):
    """The actor sees the object but may not do this to it."""

    status = 403


def found_or_404(fetch, **kwargs):
    """Call a selector that raises NotFound and answer the page's 404 instead."""
    from django.http import Http404

    try:
        return fetch(**kwargs)
    except NotFound as error:
        raise Http404(error.message) from error
