from django.core.management.base import BaseCommand, CommandError

from antq.accounts.models import Account
from antq.core.errors import DomainError
from antq.evaluation import services


class Command(BaseCommand):
    help = "Open a year of the safety standard with the law's periods and deadlines."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--user", required=True, help="province staff or administrator")

    def handle(self, *args, year, user, **options):
        actor = Account.objects.filter(username=user).first()
        if actor is None:
            raise CommandError(f"No account {user}.")
        try:
            campaign = services.year_open(actor=actor, year=year)
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"{campaign.year}: {campaign.ruleset_id}, {campaign.policy_id}")
