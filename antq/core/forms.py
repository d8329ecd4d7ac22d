"""Form helpers shared by the apps' pages."""

import datetime
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .errors import DomainError

# What a date field accepts: dd/mm/yyyy (also with "." or "-", or the eight digits typed on a
# phone's number pad), and ISO yyyy-mm-dd for the API and older links.
DATE_PATTERN = r"\s*(\d{1,2}[\/.\-]\d{1,2}[\/.\-]\d{4}|\d{8}|\d{4}-\d{1,2}-\d{1,2})\s*"
_DAY_FIRST = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_DIGITS = re.compile(r"(\d{2})(\d{2})(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_date(text: str) -> datetime.date | None:
    """Read a date written day first (01/04/2026 is 1 April) or as ISO; None if it is none."""
    text = text.strip()
    if match := _ISO.fullmatch(text):
        year, month, day = match.groups()
    elif match := _DAY_FIRST.fullmatch(text) or _DIGITS.fullmatch(text):
        day, month, year = match.groups()
    else:
        return None
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None


class DateInput(forms.DateInput):
    """A text box for a date shown and typed dd/mm/yyyy, whatever the browser's language.

    The browser's own date picker follows the browser's language (month first in English),
    so a plain text box with a placeholder and a pattern is used instead.
    """

    input_type = "text"

    def __init__(self, attrs=None):
        base = {
            "placeholder": "dd/mm/yyyy",
            "inputmode": "numeric",
            "pattern": DATE_PATTERN,
            "autocomplete": "off",
            "maxlength": "12",
            "title": _("A date as dd/mm/yyyy, for example 01/04/2026 for 1 April 2026."),
        }
        super().__init__(attrs={**base, **(attrs or {})}, format="%d/%m/%Y")


class DateField(forms.DateField):
    """A date typed dd/mm/yyyy (or ISO); an impossible date is refused in Vietnamese."""

    widget = DateInput
    default_error_messages = {
        "invalid": _("Enter a real date as dd/mm/yyyy (day, month, year), for example 01/04/2026."),
    }

    def __init__(self, *, attrs=None, **kwargs):
        kwargs.setdefault("widget", DateInput(attrs=attrs))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        day = parse_date(str(value))
        if day is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return day


def add_domain_error(form, error: DomainError) -> None:
    """Show a service's refusal on the form: beside each field it names, else on top."""
    for field, message in getattr(error, "errors", {None: error.message}).items():
        form.add_error(field if field in form.fields else None, message)
