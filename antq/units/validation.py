"""Checks on one unit's fields, shared by the forms, the API, the services and the import."""

import re

from django.utils.translation import gettext as _

from .choices import (
    ALLOWED_PARENT_KINDS,
    ESTABLISHMENT_KINDS,
    PARENT_KINDS_FOR_LEVEL,
    ManagingLevel,
    UnitKind,
)

CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")


def code_error(code: str) -> str | None:
    if not code:
        return _("The code is required.")
    if not CODE_PATTERN.match(code):
        return _(
            "The code “%(code)s” may hold only letters without diacritics, digits, “.”, “_” "
            "and “-”, at most 40 characters."
        ) % {"code": code}
    return None


def unit_errors(
    *, code: str, name: str, kind: str, parent_kind: str | None, managing_level: str
) -> dict[str, str]:
    """Return {field: message} for everything wrong with these values; empty when valid."""
    errors: dict[str, str] = {}
    if message := code_error(code):
        errors["code"] = message
    if not name.strip():
        errors["name"] = _("The name is required.")
    elif len(name) > 255:
        errors["name"] = _("The name is longer than 255 characters.")
    if kind not in UnitKind.values:
        errors["kind"] = _("“%(kind)s” is not a unit kind. Use one of: %(kinds)s.") % {
            "kind": kind,
            "kinds": ", ".join(UnitKind.values),
        }
        return errors
    if managing_level and managing_level not in ManagingLevel.values:
        errors["managing_level"] = _(
            "“%(level)s” is not a managing level. Use one of: %(levels)s."
        ) % {"level": managing_level, "levels": ", ".join(ManagingLevel.values)}
        return errors
    if kind in ESTABLISHMENT_KINDS and not managing_level:
        errors["managing_level"] = _("An agency, enterprise or school needs its managing level.")
        return errors
    allowed = ALLOWED_PARENT_KINDS[kind]
    if parent_kind is None:
        if allowed:
            errors["parent"] = _("A %(kind)s needs a parent unit.") % {"kind": UnitKind(kind).label}
    elif parent_kind not in allowed:
        errors["parent"] = _("A %(kind)s cannot be placed under a %(parent)s.") % {
            "kind": UnitKind(kind).label,
            "parent": UnitKind(parent_kind).label,
        }
    elif kind in ESTABLISHMENT_KINDS and parent_kind not in PARENT_KINDS_FOR_LEVEL[managing_level]:
        errors["parent"] = _(
            "An establishment managed at %(level)s level hangs under a %(parents)s."
        ) % {
            "level": ManagingLevel(managing_level).label.lower(),
            "parents": " / ".join(
                str(UnitKind(k).label).lower()
                for k in sorted(PARENT_KINDS_FOR_LEVEL[managing_level])
            ),
        }
    return errors
