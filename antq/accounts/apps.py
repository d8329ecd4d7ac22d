from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "antq.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # Axes decides a lock-out inside authenticate(); its signal is the only place to
        # learn of it. An auth concern, so the receiver lives here and calls the service.
        from axes.signals import user_locked_out

        user_locked_out.connect(_revoke_tokens_on_lock_out, dispatch_uid="antq-lock-out")


def _revoke_tokens_on_lock_out(sender, request=None, username=None, **kwargs):
    from .services import account_locked_out

    if username:
        account_locked_out(username=username)
