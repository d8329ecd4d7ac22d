"""Helpers shared by the stages: history recording, rules errors, who may act."""

from django.utils.translation import gettext as _

from antq import rules
from antq.core.errors import DomainError, PermissionDenied
from antq.core.history import save_with_history
from antq.units.models import Unit

from .. import permissions, selectors
from ..choices import EVALUATED_KINDS

# django-simple-history keeps the reason in a column of 100 characters (PostgreSQL refuses more).


# Every stage records its history the same way as every other app.
record = save_with_history


def rules_call(function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except rules.RulesError as error:
        raise DomainError(error.message) from error


def check_in_year(campaign, unit: Unit) -> None:
    """Refuse a unit of another province: each province evaluates under its own year."""
    if not selectors.belongs_to(campaign, unit):
        raise DomainError(
            _("%(unit)s is not evaluated under %(year)s.") % {"unit": unit.name, "year": campaign}
        )


def check_unit(actor, unit: Unit, campaign) -> None:
    check_in_year(campaign, unit)
    if unit.kind not in EVALUATED_KINDS or unit.out_of_scope_reason:
        raise DomainError(
            _("%(unit)s is not subject to the safety standard.") % {"unit": unit.name}
        )
    if not permissions.can_act_for(actor, unit):
        raise PermissionDenied(_("You may not act for %(unit)s.") % {"unit": unit.name})
