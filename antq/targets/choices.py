from django.db import models
from django.utils.translation import gettext_lazy as _


class Metric(models.TextChoices):
    RECOGNISED_SHARE = "recognised_share", _("Share recognised safe")
    GOOD_OR_BETTER_SHARE = "good_or_better_share", _("Share classified good or better")
    WEAK_COUNT = "weak_count", _("Number classified weak")


class Subject(models.TextChoices):
    """Which units a metric counts."""

    COMMUNE = "commune", _("communes")
    RESIDENTIAL_AREA = "residential_area", _("residential areas")
    ESTABLISHMENT = "establishment", _("agencies, enterprises and schools")


SUBJECT_KINDS = {
    Subject.COMMUNE: ("commune",),
    Subject.RESIDENTIAL_AREA: ("residential_area",),
    Subject.ESTABLISHMENT: ("agency", "enterprise", "school"),
}
SHARE_METRICS = frozenset({Metric.RECOGNISED_SHARE, Metric.GOOD_OR_BETTER_SHARE})


class Comparison(models.TextChoices):
    AT_LEAST = "gte", "≥"
    MORE_THAN = "gt", ">"
    AT_MOST = "lte", "≤"
    LESS_THAN = "lt", "<"
    EQUAL = "eq", "="
    BETWEEN = "between", _("between")
