"""Accounts: creation, roles, tokens. Each change records who made it."""

import secrets
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.errors import DomainError, FieldErrors, NotFound, PermissionDenied
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
    password_hashed: bool = False,
) -> Account:
    """Create an account on `unit` with `roles`; only administrators may (or set-up scripts).

    `password_hashed`: `password` is already hashed (an import hashes before it writes,
    after `account_errors` checked the plain password)."""
    if actor is not None and not can_manage_accounts(actor):
        raise PermissionDenied(_("Only administrators manage accounts."))
    roles = _check_roles(roles)
    account = Account(
        username=username.strip(), unit=unit, full_name=full_name.strip(), email=email
    )
    strength = check_password_strength and not password_hashed
    if errors := _errors(account, roles, password if strength else None):
        raise AccountInvalid(errors)
    if password_hashed:
        account.password = password
    else:
        account.set_password(password)
    account._history_user = actor
    account._change_reason = _("Created")
    account.save()
    RoleGrant.objects.bulk_create(RoleGrant(account=account, role=r) for r in roles)
    return account


def account_errors(
    *, username: str, unit, roles: Iterable[str], password: str, full_name="", email=""
) -> dict[str, str]:
    """What `account_create` would refuse, by field, writing nothing (the roles' refusal is
    raised as AccountInvalid, as there)."""
    account = Account(username=username.strip(), unit=unit, full_name=full_name, email=email)
    return _errors(account, _check_roles(roles), password)


def _errors(account: Account, roles: list[str], password: str | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not account.username:
        errors["username"] = _("The user name is required.")
    elif Account.objects.filter(username__iexact=account.username).exists():
        errors["username"] = _("The user name %(u)s is taken.") % {"u": account.username}
    if account.unit is None and Role.ADMIN not in roles:
        errors["unit"] = _("Every account belongs to a unit.")
    if password is not None and (message := _password_errors(password, account)):
        errors["password"] = message
    return errors


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


class ApiTokenRefused(DomainError):
    """The token was valid once but no longer is: it expired or was revoked."""

    status = 401


def api_token_days() -> int:
    """How many days a new token works (the province's choice; provisional default 90)."""
    return int(getattr(settings, "ANTQ_API_TOKEN_DAYS", 90))


def api_token_issue(*, account: Account, label: str = "", days: int | None = None) -> str:
    """Create a token for the account and return it; it is shown once and never stored."""
    token = secrets.token_urlsafe(32)
    ApiToken.objects.create(
        account=account,
        label=label.strip()[:100],
        digest=ApiToken.digest_of(token),
        prefix=token[:8],
        expires_at=timezone.now() + timedelta(days=days or api_token_days()),
    )
    return token


def api_token_authenticate(token: str) -> Account | None:
    """Return the token's account; None for an unknown token, a refusal for a spent one."""
    row = (
        ApiToken.objects.select_related("account", "account__unit")
        .filter(digest=ApiToken.digest_of(token), account__is_active=True)
        .first()
    )
    if row is None:
        return None
    now = timezone.now()
    if row.revoked_at is not None:
        raise ApiTokenRefused(_("This API token has been revoked. Ask for a new one."))
    if row.is_expired(now):
        raise ApiTokenRefused(_("This API token has expired. Ask for a new one."))
    # Touch at most once a minute, so a busy integration does not write on every call.
    if row.last_used_at is None or (now - row.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.account


def can_revoke_tokens_of(actor, account: Account) -> bool:
    """The owner revokes their own tokens; administrators revoke anyone's."""
    return getattr(actor, "pk", None) == account.pk or can_manage_accounts(actor)


def api_token_revoke(*, actor, token_id: int, reason: str = "") -> ApiToken:
    """Revoke one token of an account the actor may act for; others answer not found."""
    with transaction.atomic():
        row = ApiToken.objects.select_for_update().select_related("account").filter(pk=token_id)
        row = row.first()
        if row is None or not can_revoke_tokens_of(actor, row.account):
            raise NotFound(_("No such API token."))
        if row.revoked_at is None:
            row.revoked_at = timezone.now()
            row.revoked_by = actor if getattr(actor, "pk", None) else None
            row.revoked_reason = (reason or _("Revoked by hand"))[:200]
            row.save(update_fields=["revoked_at", "revoked_by", "revoked_reason"])
    return row


def api_tokens_revoke_all(*, actor, account: Account, reason: str) -> int:
    """Revoke every working token of the account; return how many were revoked."""
    if actor is not None and not can_revoke_tokens_of(actor, account):
        raise NotFound(_("No account %(u)s.") % {"u": account.username})
    return ApiToken.objects.filter(account=account, revoked_at__isnull=True).update(
        revoked_at=timezone.now(),
        revoked_by=actor if getattr(actor, "pk", None) else None,
        revoked_reason=reason[:200],
    )


@transaction.atomic
def account_password_set(*, actor, account: Account, password: str) -> Account:
    """Set a new password (the owner's change, or an administrator's reset).

    The account's API tokens are revoked: whoever knew the old password may hold one.
    """
    if getattr(actor, "pk", None) != account.pk and not can_manage_accounts(actor):
        raise PermissionDenied(_("Only administrators manage accounts."))
    if message := _password_errors(password, account):
        raise AccountInvalid({"password": message})
    account.set_password(password)
    account._history_user = actor if getattr(actor, "pk", None) else None
    account._change_reason = (
        _("Password changed") if getattr(actor, "pk", None) == account.pk else _("Password reset")
    )
    account.save()
    api_tokens_revoke_all(actor=None, account=account, reason=account._change_reason)
    return account


def account_locked_out(*, username: str) -> int:
    """Revoke the tokens of an account locked out for failed log-ins (called on axes' signal)."""
    account = Account.objects.filter(username=username).first()
    if account is None:
        return 0
    return api_tokens_revoke_all(actor=None, account=account, reason=_("Locked out"))
