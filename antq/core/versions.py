"""A form's version of a record, so that a stale form is refused instead of undoing a change.

A page form carries the id of the record's latest history row when it was opened; the service
compares it, under the row lock, with the latest one now. Every save through the model writes
a history row, so any change in between (a correction, a rename, a merge) makes the form stale.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import DomainError


class StaleForm(DomainError):
    """The record was saved by someone else after the form was opened; nothing was written."""

    status = 409


def version_of(record) -> str:
    """Return the id of the record's latest history row ("0" for a record not yet saved)."""
    if record is None or record.pk is None:
        return "0"
    latest = record.history.order_by("-history_id").values_list("history_id", flat=True).first()
    return str(latest or 0)


def check_version(record, *, version: str | None, submitted: dict, saved: dict, labels: dict):
    """Refuse `submitted` when `version` is not the record's latest; None checks nothing.

    `submitted` and `saved` map field names to the text a user reads; the message names each
    field whose submitted value differs from the saved one, and who saved it when.
    """
    if version is None or str(version).strip() == version_of(record):
        return
    latest = record.history.select_related("history_user").order_by("-history_id").first()
    who = str(latest.history_user) if latest and latest.history_user else _("someone")
    when = timezone.localtime(latest.history_date) if latest else timezone.localtime()
    changes = [
        _("%(field)s: “%(yours)s” → “%(saved)s”")
        % {"field": labels.get(name, name), "yours": value, "saved": saved.get(name, "")}
        for name, value in submitted.items()
        if str(value).strip() != str(saved.get(name, "")).strip()
    ]
    message = _(
        "%(who)s saved this record at %(when)s, after you opened the form; nothing of yours "
        "was saved."
    ) % {"who": who, "when": when.strftime("%H:%M %d/%m/%Y")}
    if changes:
        message += " " + _("Your value → the value now saved: %(changes)s.") % {
            "changes": "; ".join(changes)
        }
    message += " " + _("The form now shows the saved values: enter your changes again.")
    raise StaleForm(message)
