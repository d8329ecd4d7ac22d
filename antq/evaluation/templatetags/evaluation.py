"""Small filters for the evaluation pages."""

from datetime import date
from fractions import Fraction

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from antq import rules

register = template.Library()


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def ruleset_title(ruleset_id: str) -> str:
    """Show a ruleset by its title ("Tiêu chuẩn … (Thông tư 124/2021/TT-BCA)"), not its id."""
    try:
        return rules.get_ruleset(ruleset_id).title
    except rules.NoRulesetError:
        return ruleset_id


@register.filter
def answer_of(answers, item_id):
    """Return yes, no, na or '' for an item's stored answer."""
    if not answers or item_id not in answers:
        return ""
    value = answers[item_id]
    return "na" if value is None else ("yes" if value else "no")


@register.filter
def answer(value):
    if value is True:
        return _("Met")
    if value is False:
        return _("Not met")
    return "—" if value is None else value


@register.filter
def iso_date(value):
    """Turn a stored ISO date (periods are kept as text) into a date for ``|date``."""
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return value


@register.filter
def points(value):
    """Show points (a Fraction from the rules engine) as a plain number: 2.5, not 5/2."""
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else f"{float(value):g}"
    return value


_PARTS = {"title": gettext_lazy("title part"), "discipline": gettext_lazy("discipline part")}


@register.filter
def point_label(item_id: str) -> str:
    """Show an item id as officials read it: 7.3.đ, not 7.3.dd; 6.4 (phần kỷ luật)."""
    head, _dot, last = str(item_id).rpartition(".")
    if not head:
        return item_id
    if last in _PARTS:
        return f"{head} ({_PARTS[last]})"
    return f"{head}.đ" if last == "dd" else item_id
