"""Read the change history django-simple-history keeps for a record, in words a user reads."""

from django.db.models import ForeignKey, Model

from .bounds import record_errors
from .errors import FieldErrors


def _display(field, value):
    if value in (None, ""):
        return ""
    if isinstance(field, ForeignKey):
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else str(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _raw(value) -> str:
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def history_of(record: Model, *, excluded_fields: tuple[str, ...] = ()) -> list[dict]:
    """Return the record's changes, newest first, with a diff per field.

    Each change has `field` (its name), `label`, `old`/`new` (raw, ISO dates) and
    `old_text`/`new_text` (as a user reads them: names, labels, dd/mm/yyyy).
    """
    versions = list(record.history.select_related("history_user").order_by("-history_date", "-pk"))
    changes = []
    for newer, older in zip(versions, [*versions[1:], None], strict=True):
        diff = []
        if older is not None:
            delta = newer.diff_against(older, excluded_fields=list(excluded_fields))
            for change in delta.changes:
                field = record._meta.get_field(change.field)
                diff.append(
                    {
                        "field": change.field,
                        "label": str(field.verbose_name),
                        "old": _raw(change.old),
                        "new": _raw(change.new),
                        "old_text": _display(field, change.old),
                        "new_text": _display(field, change.new),
                    }
                )
        changes.append({"record": newer, "changes": diff})
    return changes


def save_with_history(record: Model, *, actor, reason: str = "") -> None:
    """Save a domain record; its history row names the actor (none for set-up) and why.

    A value its column cannot hold, or text or a date out of bounds (`antq.core.bounds`),
    is refused with the field's message before anything is written.
    """
    if errors := record_errors(record):
        raise FieldErrors(errors)
    if hasattr(record, "refresh_search_fields"):
        record.refresh_search_fields()
    record._history_user = actor if getattr(actor, "pk", None) else None
    record._change_reason = reason or None
    record.save()
