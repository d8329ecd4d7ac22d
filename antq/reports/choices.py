from django.db import models
from django.utils.translation import gettext_lazy as _


class ValueType(models.TextChoices):
    INTEGER = "integer", _("Whole number")
    DECIMAL = "decimal", _("Decimal number")
    BOOLEAN = "boolean", _("Yes / no")
    TEXT = "text", _("Text")


class Aggregation(models.TextChoices):
    SUM = "sum", _("Sum")
    MAX = "max", _("Maximum")
    AVG = "avg", _("Average")
    LATEST = "latest", _("Latest period (sum of each unit's latest value)")


class PeriodType(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    HALF_YEAR = "half_year", _("Half-year")
    YEAR = "year", _("Year")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


class Operator(models.TextChoices):
    LE = "<=", "≤"
    LT = "<", "<"
    GE = ">=", "≥"
    GT = ">", ">"
    EQ = "==", "="


# Reports in these states count in totals and as received; drafts and returned ones do not.
COUNTED_STATUSES = (ReportStatus.SUBMITTED, ReportStatus.APPROVED)
# The unit may still change a report in these states.
EDITABLE_STATUSES = (ReportStatus.DRAFT, ReportStatus.RETURNED)
NUMERIC_TYPES = (ValueType.INTEGER, ValueType.DECIMAL, ValueType.BOOLEAN)
