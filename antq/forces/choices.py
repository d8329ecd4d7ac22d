from django.db import models
from django.utils.translation import gettext_lazy as _


class TeamStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    DISSOLVED = "dissolved", _("Dissolved")


class MemberRole(models.TextChoices):
    LEADER = "leader", _("Team leader")
    DEPUTY = "deputy", _("Deputy team leader")
    MEMBER = "member", _("Team member")


class Sex(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class Education(models.TextChoices):
    """The highest general-education level reached, as Art. 13 counts it."""

    NONE = "none", _("Not finished primary school")
    PRIMARY = "primary", _("Primary school")
    LOWER_SECONDARY = "lower_secondary", _("Lower-secondary school")
    UPPER_SECONDARY = "upper_secondary", _("Upper-secondary school")
    HIGHER = "higher", _("Vocational, college or university")


EDUCATION_RANK = {value: rank for rank, value in enumerate(Education.values)}


class LeaveGround(models.TextChoices):
    """Art. 17(3) of Law 30/2023: why a member leaves the force."""

    RESIGNATION = "a", _("a) Own written resignation")
    HEALTH = "b", _("b) Health not adequate")
    FAILED_TASKS = "c", _("c) Repeatedly failed tasks after two written warnings")
    PROSECUTION = "d", _("d) Prosecuted, or under a preventive or administrative measure")


class Rating(models.TextChoices):
    """Guidance 01/HD-BCA-V05: the four levels, best first."""

    EXCELLENT = "excellent", _("Excellently completed tasks")
    GOOD = "good", _("Well completed tasks")
    COMPLETED = "completed", _("Completed tasks")
    NOT_COMPLETED = "not_completed", _("Did not complete tasks")


# Higher is better: a leader's rank may not exceed the team's.
RATING_RANK = {
    Rating.EXCELLENT: 3,
    Rating.GOOD: 2,
    Rating.COMPLETED: 1,
    Rating.NOT_COMPLETED: 0,
}


class QuotaBase(models.TextChoices):
    """What the 20% cap on "excellent" is counted against (guidance 01's wording is unclear)."""

    GOOD = "good", _("Rated “well completed” (HTT)")
    GOOD_OR_BETTER = "good_or_better", _("Rated “well completed” or better (HTT trở lên)")
