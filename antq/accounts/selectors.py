"""Accounts: reads, already scoped to the actor."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from antq.core.errors import NotFound

from .models import Account, ApiToken
from .services import can_revoke_tokens_of


def api_token_list(*, actor, account: Account) -> QuerySet[ApiToken]:
    """The account's tokens, newest first, for the owner or an administrator."""
    if not can_revoke_tokens_of(actor, account):
        raise NotFound(_("No account %(u)s.") % {"u": account.username})
    return ApiToken.objects.filter(account=account).select_related("revoked_by")


def api_token_get(*, actor, token_id: int) -> ApiToken:
    row = ApiToken.objects.select_related("account").filter(pk=token_id).first()
    if row is None or not can_revoke_tokens_of(actor, row.account):
        raise NotFound(_("No such API token."))
    return row
