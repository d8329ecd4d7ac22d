"""Form helpers shared by the apps' pages."""

from .errors import DomainError


def add_domain_error(form, error: DomainError) -> None:
    """Show a service's refusal on the form: beside each field it names, else on top."""
    for field, message in getattr(error, "errors", {None: error.message}).items():
        form.add_error(field if field in form.fields else None, message)
