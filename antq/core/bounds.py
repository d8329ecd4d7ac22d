"""What every input must meet, on every path: clean text, dates and years in range, counts
that fit their column.

One set of checks used at each boundary: `antq.core.middleware.InputBoundsMiddleware` runs
`value_problem` over every field of every form and JSON body written to the site, the
spreadsheet and CSV readers of `antq.core.uploads` over every cell, and
`antq.core.history.save_with_history` runs `record_errors` before a domain record is saved
(lengths, dates, the range of the database column).

Refused in text: control characters (tab, line feed and carriage return only in multi-line
text), unpaired surrogates (no valid UTF-8 holds one; PostgreSQL and the exports fail on
them) and the bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) that make
a name read differently from what it holds.

The year bounds are settings read at call time; the defaults are provisional (no rule sets
them): ANTQ_YEAR_MIN 1945, the founding of the state, and ANTQ_YEAR_MAX 2100.
"""

import re
import unicodedata
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

YEAR_MIN = 1945
YEAR_MAX = 2100
MULTILINE_CONTROLS = {"\t", "\n", "\r"}
BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
_SUSPECT = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# A whole value that is a date: ISO (the API, <input type=date>) or dd/mm/yyyy (the forms).
_ISO_DATE = re.compile(r"(\d{4,})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.+\-Z]*)?")
_VN_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4,})")


def year_bounds() -> tuple[int, int]:
    """Return the first and last year any date or year of the system may fall in."""
    return (
        int(getattr(settings, "ANTQ_YEAR_MIN", YEAR_MIN)),
        int(getattr(settings, "ANTQ_YEAR_MAX", YEAR_MAX)),
    )


def text_problem(value: str, *, multiline: bool = True) -> str | None:
    """Return why this text is refused (translated), or None when it is clean."""
    match = _SUSPECT.search(value)
    while match:
        char = match.group()
        code = f"U+{ord(char):04X}"
        if 0xD800 <= ord(char) <= 0xDFFF:
            return _("It holds an invalid Unicode character (%(code)s).") % {"code": code}
        if char in BIDI_CONTROLS:
            return _(
                "It holds a character that reverses the text's direction (%(code)s) and can "
                "hide what it says; remove it."
            ) % {"code": code}
        if not (multiline and char in MULTILINE_CONTROLS) and unicodedata.category(char) == "Cc":
            return _("It holds a control character (%(code)s); remove it.") % {"code": code}
        match = _SUSPECT.search(value, match.end())
    return None


_UNPRINTABLE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def printable(value: str) -> str:
    """Return text an export can always write: what no input may hold becomes U+FFFD.

    For values stored before these checks existed: an export, a certificate or a file must
    not fail on one bad name.
    """
    return _UNPRINTABLE.sub("\ufffd", value)


def year_problem(year: int) -> str | None:
    first, last = year_bounds()
    if first <= year <= last:
        return None
    return _("The year %(year)s is outside %(first)s–%(last)s.") % {
        "year": year,
        "first": first,
        "last": last,
    }


def date_problem(value: date) -> str | None:
    return year_problem(value.year)


def _date_text_year(text: str) -> int | None:
    """Return the year of a value that is wholly a real date, else None."""
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _VN_DATE.fullmatch(text):
        day, month, year = (int(g) for g in match.groups())
    else:
        return None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return year


def _is_year_key(key: str) -> bool:
    return key == "year" or key.endswith("_year")


def value_problem(key: str, value) -> str | None:
    """Return why a submitted value is refused: bad text, or a date or year out of range."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return year_problem(value) if _is_year_key(key) else None
    if not isinstance(value, str):
        return None
    if problem := text_problem(value):
        return problem
    text = value.strip()
    if _is_year_key(key) and text.removeprefix("-").isdigit() and len(text) < 12:
        return year_problem(int(text))
    year = _date_text_year(text)
    return year_problem(year) if year is not None else None


def first_problem(data, prefix: str = "") -> tuple[str, str] | None:
    """Walk a decoded JSON body (or form fields); return (field, message) of the first fault."""
    if isinstance(data, dict):
        for key, value in data.items():
            key = str(key)
            name = f"{prefix}.{key}" if prefix else key
            if problem := text_problem(key):
                return name, problem
            if isinstance(value, dict | list):
                found = first_problem(value, name)
            else:
                found = (name, p) if (p := value_problem(key, value)) else None
            if found:
                return found
    elif isinstance(data, list):
        last_key = prefix.rsplit(".", 1)[-1]
        for index, value in enumerate(data):
            name = f"{prefix}.{index}" if prefix else str(index)
            if isinstance(value, dict | list):
                found = first_problem(value, name)
            else:
                found = (name, p) if (p := value_problem(last_key, value)) else None
            if found:
                return found
    return None


def cells_problem(cells) -> str | None:
    """Return why a row of an uploaded sheet is refused (bad text in a cell), or None."""
    for cell in cells:
        if isinstance(cell, str) and (problem := text_problem(cell)):
            return problem
    return None


# Fields of a record whose text is one line: a code or a name goes into titles and cells.
SINGLE_LINE_FIELDS = {"code", "name"}


def record_errors(record: models.Model) -> dict[str, str]:
    """Return {field: message} for every value of a record outside what its column allows.

    Checks the field's own validators (length, the integer range of the database column),
    the text, and that dates and years fall within `year_bounds`.
    """
    errors: dict[str, str] = {}
    for field in record._meta.concrete_fields:
        if field.primary_key or field.is_relation or isinstance(field, models.FileField):
            continue
        value = getattr(record, field.attname, None)
        if value in (None, ""):
            continue
        label = str(field.verbose_name)
        problem = None
        if isinstance(value, str):
            multiline = not (field.name in SINGLE_LINE_FIELDS or field.unique)
            problem = text_problem(value, multiline=multiline)
        elif isinstance(value, datetime | date):
            problem = date_problem(value)
        elif isinstance(value, int) and not isinstance(value, bool) and _is_year_key(field.name):
            problem = year_problem(value)
        if problem is None:
            try:
                field.run_validators(value)
            except ValidationError as error:
                problem = " ".join(error.messages)
        if problem:
            errors[field.name] = f"{label[:1].upper()}{label[1:]}: {problem}"
    return errors
