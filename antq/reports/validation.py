"""Check a report's values against its form: types, bounds, required figures, cross rules.

The same checks serve the web form (as the officer types), the Excel upload and the API.
"""

import operator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from antq.core.text import fold

from .choices import ValueType

OPERATORS = {
    "<=": operator.le,
    "<": operator.lt,
    ">=": operator.ge,
    ">": operator.gt,
    "==": operator.eq,
}
YES = {"1", "true", "yes", "co", "x", "dat"}
NO = {"0", "false", "no", "khong", "chua"}
MAX_NUMBER = Decimal("99999999999999")


@dataclass(frozen=True)
class Cleaned:
    """A value ready to store: `number` for numbers and yes/no (1/0), `text` for text."""

    number: Decimal | None = None
    text: str = ""

    @property
    def empty(self) -> bool:
        return self.number is None and not self.text


def _fmt(number: Decimal) -> str:
    return format(number.normalize(), "f") if number == number.to_integral() else str(number)


def clean_value(indicator, raw) -> Cleaned:
    """Return the stored form of one raw value, or raise ValueError with a message."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return Cleaned()
    if indicator.value_type == ValueType.TEXT:
        return Cleaned(text=str(raw).strip())
    if indicator.value_type == ValueType.BOOLEAN:
        if isinstance(raw, bool):
            return Cleaned(number=Decimal(int(raw)))
        word = fold(str(raw)).strip()
        if word in YES:
            return Cleaned(number=Decimal(1))
        if word in NO:
            return Cleaned(number=Decimal(0))
        raise ValueError(_("Answer yes (có) or no (không)."))
    if isinstance(raw, bool):
        raise ValueError(_("“%(value)s” is not a number.") % {"value": raw})
    text = str(raw).strip().replace(" ", "")
    if isinstance(raw, str) and "," in text:
        # Vietnamese writes 1.234,5; a lone comma is the decimal mark.
        text = text.replace(".", "").replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(_("“%(value)s” is not a number.") % {"value": raw}) from None
    if not number.is_finite() or abs(number) > MAX_NUMBER:
        raise ValueError(_("“%(value)s” is not a number.") % {"value": raw})
    if indicator.value_type == ValueType.INTEGER and number != number.to_integral():
        raise ValueError(_("Enter a whole number."))
    if number.as_tuple().exponent < -4:
        raise ValueError(_("Use at most 4 decimal places."))
    if indicator.min_value is not None and number < indicator.min_value:
        if indicator.min_value == 0:
            raise ValueError(_("Cannot be negative."))
        raise ValueError(_("Must be at least %(min)s.") % {"min": _fmt(indicator.min_value)})
    if indicator.max_value is not None and number > indicator.max_value:
        raise ValueError(_("Must be at most %(max)s.") % {"max": _fmt(indicator.max_value)})
    return Cleaned(number=number)


def check_values(
    form,
    indicators,
    raw: dict,
    *,
    existing: dict | None = None,
    complete: bool = False,
    rules=None,
) -> tuple[dict[str, Cleaned], dict[str, str]]:
    """Clean `raw` ({code: value}); return (cleaned, errors by indicator code).

    `existing` holds the stored values the raw ones update; `complete` (on submission)
    requires every required indicator to have a value. `rules` are the form's cross rules
    when already read (else they are read here).
    """
    by_code = {i.code: i for i in indicators}
    cleaned: dict[str, Cleaned] = {}
    errors: dict[str, str] = {}
    for code, value in raw.items():
        indicator = by_code.get(code)
        if indicator is None:
            errors[code] = _("This form has no indicator %(code)s.") % {"code": code}
            continue
        try:
            cleaned[code] = clean_value(indicator, value)
        except ValueError as error:
            errors[code] = str(error)
    merged = {**(existing or {}), **cleaned}
    if complete:
        for indicator in indicators:
            value = merged.get(indicator.code)
            if (
                indicator.required
                and (value is None or value.empty)
                and code_free(errors, indicator)
            ):
                errors[indicator.code] = _("Required to submit the report.")
    if rules is None:
        rules = form.cross_rules.select_related("left", "right")
    for rule in rules:
        left, right = merged.get(rule.left.code), merged.get(rule.right.code)
        if left is None or right is None or left.number is None or right.number is None:
            continue
        if not OPERATORS[rule.operator](left.number, right.number) and code_free(errors, rule.left):
            errors[rule.left.code] = rule.message
    return cleaned, errors


def code_free(errors: dict, indicator) -> bool:
    return indicator.code not in errors
