"""Accounts: creation, roles, tokens. Each change records who made it."""

import secrets
from collections.abc import Iterable

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.errors import FieldErrors, NotFound, PermissionDenied
from antq.core.roles import Role
from antq.units import permissions as unit_permissions

from .models import Account, ApiToken, RoleGrant


class AccountInvalid(FieldErrors):
    """The values of an account are wrong."""


def can_manage_accounts(actor) -> bool:
    return unit_permissions.is_admin(actor)


def _check_roles(roles: Iterable[str]) -> list[str]:
    roles = sorted(set(roles))
    if not roles:
        raise AccountInvalid({"roles": _("Choose at least one role.")})
    unknown = [r for r in roles if r not in Role.values]
    if unknown:
        raise AccountInvalid(
            {"roles": _("Unknown roles: %(roles)s.") % {"roles": ", ".join(unknown)}}
        )
    return roles


def _password_errors(password: str, account: Account) -> str | None:
    try:
        validate_password(password, account)
    except ValidationError as error:
        return " ".join(error.messages)
    return None


@transaction.atomic
def account_create(
    *,
    actor,
    username: str,
    unit,
    roles: Iterable[str],
    password: str,
    full_name: str = "",
    email: str = "",
    check_password_strength: bool = True,
) -> Account:
    """Create an account on `unit` with `roles`; only administrators may (or set-up scripts)."""
    if actor is not None and not can_manage_accounts(actor):
        raise PermissionDenied(_("Only administrators manage accounts."))
    roles = _check_roles(roles)
    username = username.strip()
    errors: dict[str, str] = {}
    if not username:
        errors["username"] = _("The user name is required.")
    elif Account.objects.filter(username__iexact=username).exists():
        errors["username"] = _("The user name %(u)s is taken.") % {"u": username}
    if unit is None and Role.ADMIN not in roles:
        errors["unit"] = _("Every account belongs to a unit.")
    account = Account(username=username, unit=unit, full_name=full_name.strip(), email=email)
    if check_password_strength and (message := _password_errors(password, account)):
        errors["password"] = message
    if errors:
        raise AccountInvalid(errors)
    account.set_password(password)
    account._history_user = actor
    account._change_reason = _("Created")
    account.save()
    RoleGrant.objects.bulk_create(RoleGrant(account=account, role=r) for r in roles)
    return account


@transaction.atomic
def account_update(
    *,
    actor,
    account: Account,
    unit,
    roles: Iterable[str],
    is_active: bool,
    full_name: str = "",
    email: str = "",
    reason: str = "",
) -> Account:
    if not can_manage_accounts(actor):
        raise PermissionDenied(_("Only administrators manage accounts."))
    roles = _check_roles(roles)
    account.unit, account.is_active = unit, is_active
    account.full_name, account.email = full_name.strip(), email.strip()
    account._history_user = actor
    account._change_reason = reason or _("Changed roles or unit: %(roles)s") % {
        "roles": ", ".join(roles)
    }
    account.save()
    account.role_grants.exclude(role__in=roles).delete()
    RoleGrant.objects.bulk_create(
        [RoleGrant(account=account, role=r) for r in roles], ignore_conflicts=True
    )
    account.__dict__.pop("roles", None)
    return account


def account_get(*, actor, username: str) -> Account:
    if not can_manage_accounts(actor):
        raise NotFound(_("No account %(u)s.") % {"u": username})
    account = Account.objects.select_related("unit").filter(username=username).first()
    if account is None:
        raise NotFound(_("No account %(u)s.") % {"u": username})
    return account


def api_token_issue(*, account: Account) -> str:
    """Create a token for the account and return it; it is shown once and never stored."""
    token = secrets.token_urlsafe(32)
    ApiToken.objects.create(account=account, digest=ApiToken.digest_of(token), prefix=token[:8])
    return token


def api_token_authenticate(token: str) -> Account | None:
    row = (
        ApiToken.objects.select_related("account", "account__unit")
        .filter(digest=ApiToken.digest_of(token), account__is_active=True)
        .first()
    )
    if row is None:
        return None
    # Touch at most once a minute, so a busy integration does not write on every call.
    now = timezone.now()
    if row.last_used_at is None or (now - row.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.account
