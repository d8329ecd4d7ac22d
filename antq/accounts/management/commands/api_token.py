from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from antq.accounts.models import Account
from antq.accounts.services import api_token_issue


class Command(BaseCommand):
    help = "Print a new API token for an account (Authorization: Bearer <token>)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--label", default="", help="what the token is for")
        parser.add_argument("--days", type=int, help="days it works (default ANTQ_API_TOKEN_DAYS)")

    def handle(self, *args, username, label, days, **options):
        account = Account.objects.filter(username=username, is_active=True).first()
        if account is None:
            raise CommandError(_("No account %(u)s.") % {"u": username})
        self.stdout.write(api_token_issue(account=account, label=label, days=days))
