"""Background work of the yearly cycle: thin, load by id and call the code that does it."""

from huey.contrib.djhuey import db_task

from . import services
from .models import CampaignYear


@db_task()
def refresh_year_verdicts(campaign_id: int) -> int:
    """Recompute every assessment's cached verdict of a province's year (figures changed)."""
    campaign = CampaignYear.objects.select_related("province").get(pk=campaign_id)
    return services.year_verdicts_refresh(campaign=campaign)
