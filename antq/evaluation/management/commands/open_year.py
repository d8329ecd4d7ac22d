from django.core.management.base import BaseCommand, CommandError

from antq.accounts.models import Account
from antq.core.errors import DomainError
from antq.evaluation import services
from antq.units.models import Unit


class Command(BaseCommand):
    help = (
        "Open a province's year of the safety standard with the law's periods and deadlines. "
        "The province defaults to the user's own; an administrator names it with --province."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--user", required=True, help="province staff or administrator")
        parser.add_argument("--province", help="code of the province (for administrators)")

    def handle(self, *args, year, user, province, **options):
        actor = Account.objects.filter(username=user).first()
        if actor is None:
            raise CommandError(f"No account {user}.")
        unit = None
        if province:
            unit = Unit.objects.filter(code=province, kind="province").first()
            if unit is None:
                raise CommandError(f"No province {province}.")
        try:
            campaign = services.year_open(actor=actor, year=year, province=unit)
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            f"{campaign.province.code} {campaign.year}: {campaign.ruleset_id}, {campaign.policy_id}"
        )
