from django.db import models
from django.utils.translation import gettext_lazy as _


class Metric(models.TextChoices):
    RECOGNISED_SHARE = "recognised_share", _("Share recognised safe")
    GOOD_OR_BETTER_SHARE = "good_or_better_share", _("Share classified good or better")
    WEAK_COUNT = "weak_count", _("Number classified weak")
    REPORTS_ON_TIME_SHARE = "reports_on_time_share", _("Share of expected reports received on time")
    INDICATOR_TOTAL = "indicator_total", _("Total of a reported indicator")
    INDICATOR_RATIO = "indicator_ratio", _("Ratio of two reported indicators (%)")
    DIRECTIVES_ACKNOWLEDGED_SHARE = (
        "directives_acknowledged_share",
        _("Share of the year's directives acknowledged by every unit they were sent to"),
    )


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
SHARE_METRICS = frozenset(
    {
        Metric.RECOGNISED_SHARE,
        Metric.GOOD_OR_BETTER_SHARE,
        Metric.REPORTS_ON_TIME_SHARE,
        Metric.INDICATOR_RATIO,
        Metric.DIRECTIVES_ACKNOWLEDGED_SHARE,
    }
)
# Metrics read from the periodic reports: they name a form (and an indicator), not a subject.
REPORT_METRICS = frozenset(
    {Metric.REPORTS_ON_TIME_SHARE, Metric.INDICATOR_TOTAL, Metric.INDICATOR_RATIO}
)
# Metrics read from the directives registry: they count deployments, not a subject.
DIRECTIVE_METRICS = frozenset({Metric.DIRECTIVES_ACKNOWLEDGED_SHARE})
# Metrics that name indicators of the form: a total names one, a ratio two (over the other).
INDICATOR_METRICS = frozenset({Metric.INDICATOR_TOTAL, Metric.INDICATOR_RATIO})


class Comparison(models.TextChoices):
    AT_LEAST = "gte", "≥"
    MORE_THAN = "gt", ">"
    AT_MOST = "lte", "≤"
    LESS_THAN = "lt", "<"
    EQUAL = "eq", "="
    BETWEEN = "between", _("between")
