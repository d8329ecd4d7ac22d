"""What the forces app stores: teams, members, ratings, training and each province's limits."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from antq.core.text import fold, sort_key

from .choices import Education, LeaveGround, MemberRole, QuotaBase, Rating, Sex, TeamStatus


class ForceSettings(models.Model):
    """One province's numbers for the force (Art. 14 of Law 30/2023; guidance 01's quota).

    The provincial people's committee fixes the numbers of teams and members per residential
    area; none is set by the law itself, so every default here is provisional until the
    province confirms it.
    """

    province = models.OneToOneField(
        "units.Unit", on_delete=models.PROTECT, related_name="force_settings"
    )
    teams_per_area = models.PositiveSmallIntegerField(
        _("teams per residential area"),
        default=1,
        help_text=_("Provisional: one team per area, as in Quảng Bình; set by the province."),
    )
    members_per_area = models.PositiveSmallIntegerField(
        _("members per residential area"),
        null=True,
        blank=True,
        help_text=_("Empty: no limit until the province's decision is entered."),
    )
    excellent_quota_percent = models.PositiveSmallIntegerField(
        _("cap on “excellent” ratings (%)"), default=20
    )
    quota_base = models.CharField(
        _("the cap is counted against"),
        max_length=16,
        choices=QuotaBase.choices,
        default=QuotaBase.GOOD,
        help_text=_("Provisional: guidance 01's wording does not settle HTT or HTT trở lên."),
    )
    basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    provisional = models.BooleanField(_("provisional"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("force settings")
        verbose_name_plural = _("force settings")

    def __str__(self) -> str:
        return str(self.province)


class SecurityTeam(models.Model):
    """A security team (tổ bảo vệ ANTT) of a commune, covering one or several areas."""

    name = models.CharField(_("name"), max_length=255)
    commune = models.ForeignKey(
        "units.Unit",
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="security_teams",
    )
    areas = models.ManyToManyField(
        "units.Unit", verbose_name=_("residential areas"), related_name="covering_teams"
    )
    path = models.CharField(max_length=255, editable=False)  # the commune's, for scope
    decision_number = models.CharField(_("founding decision number"), max_length=64)
    decision_date = models.DateField(_("founding decision date"))
    decision_signer = models.CharField(_("signed by"), max_length=150, blank=True)
    primary_education_area = models.BooleanField(
        _("border, island, mountain, disadvantaged or ethnic-minority area"),
        default=False,
        help_text=_("Primary education suffices for members here (Art. 13)."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=TeamStatus.choices, default=TeamStatus.ACTIVE
    )
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    under_complaint = models.BooleanField(_("under a complaint or denunciation"), default=False)
    search_text = models.CharField(max_length=320, editable=False, db_index=True)
    sort_name = models.CharField(max_length=600, editable=False, db_index=True)

    history = HistoricalRecords(excluded_fields=["search_text", "sort_name"], m2m_fields=[areas])

    class Meta:
        verbose_name = _("security team")
        verbose_name_plural = _("security teams")
        ordering = ["sort_name", "pk"]
        indexes = [
            models.Index(fields=["path"], name="team_path", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self) -> str:
        return self.name

    def refresh_search_fields(self) -> None:
        self.search_text = f"{fold(self.name)} {fold(self.decision_number)}"
        self.sort_name = sort_key(self.name)


class TeamMember(models.Model):
    """One person's membership of a team, from joining to leaving (Art. 13 and 17)."""

    team = models.ForeignKey(
        SecurityTeam, verbose_name=_("team"), on_delete=models.PROTECT, related_name="members"
    )
    province = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", editable=False
    )
    role = models.CharField(_("role"), max_length=16, choices=MemberRole.choices)
    full_name = models.CharField(_("full name"), max_length=150)
    birth_date = models.DateField(_("date of birth"))
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices)
    identity_number = models.CharField(_("citizen identity number"), max_length=12)
    residence = models.CharField(_("place of residence"), max_length=500)
    resident_since = models.DateField(_("resident there since"))
    education = models.CharField(_("education"), max_length=16, choices=Education.choices)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    over_age_decision = models.CharField(
        _("commune chairman's decision allowing a member over 70"), max_length=255, blank=True
    )
    record_document = models.CharField(_("document proving the clean record"), max_length=255)
    health_document = models.CharField(_("health certificate"), max_length=255)
    joined_on = models.DateField(_("joined on"))
    appointment_decision = models.CharField(_("appointment decision"), max_length=64, blank=True)
    under_complaint = models.BooleanField(_("under a complaint or denunciation"), default=False)
    disciplined_on = models.DateField(_("disciplined on"), null=True, blank=True)
    discipline_note = models.CharField(_("discipline"), max_length=255, blank=True)
    leave_ground = models.CharField(
        _("ground for leaving"), max_length=1, choices=LeaveGround.choices, blank=True
    )
    leave_started_on = models.DateField(_("leaving started on"), null=True, blank=True)
    leave_proposal_number = models.CharField(_("proposal (Form 07)"), max_length=64, blank=True)
    leave_proposal_date = models.DateField(_("proposal date"), null=True, blank=True)
    leave_decision_number = models.CharField(_("decision (Form 08)"), max_length=64, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    search_text = models.CharField(max_length=320, editable=False, db_index=True)
    sort_name = models.CharField(max_length=600, editable=False, db_index=True)

    history = HistoricalRecords(excluded_fields=["search_text", "sort_name"])

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["sort_name", "pk"]
        constraints = [
            # A person serves in one team of the province at a time.
            models.UniqueConstraint(
                fields=["province", "identity_number"],
                condition=Q(left_on__isnull=True),
                name="member_active_identity_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def active(self) -> bool:
        return self.left_on is None

    def refresh_search_fields(self) -> None:
        self.search_text = fold(self.full_name)
        self.sort_name = sort_key(self.full_name)


class ForceRating(models.Model):
    """A year's rating of a team (member empty) or of one of its members (guidance 01)."""

    year = models.PositiveSmallIntegerField(_("rating year"))
    team = models.ForeignKey(
        SecurityTeam, verbose_name=_("team"), on_delete=models.PROTECT, related_name="ratings"
    )
    member = models.ForeignKey(
        TeamMember,
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ratings",
    )
    level = models.CharField(_("rating"), max_length=16, choices=Rating.choices)
    decision_number = models.CharField(_("decision number"), max_length=64, blank=True)
    decided_on = models.DateField(_("decided on"))
    newly_transferred = models.BooleanField(
        _("leader newly transferred, not tied to the team's result"), default=False
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["-year", "team", "member"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "team"], condition=Q(member__isnull=True), name="team_rating_once"
            ),
            models.UniqueConstraint(
                fields=["year", "member"],
                condition=Q(member__isnull=False),
                name="member_rating_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member or self.team} {self.year}: {self.get_level_display()}"


class TrainingClass(models.Model):
    """A training class (lớp bồi dưỡng) members attended."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("for"), on_delete=models.PROTECT, related_name="+"
    )
    path = models.CharField(max_length=255, editable=False)
    topic = models.CharField(_("topic"), max_length=255)
    organiser = models.CharField(_("organiser"), max_length=255)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("training class")
        verbose_name_plural = _("training classes")
        ordering = ["-starts_on", "pk"]

    def __str__(self) -> str:
        return self.topic


class TrainingParticipant(models.Model):
    """A member's attendance at a class, and the certificate if they passed."""

    training = models.ForeignKey(
        TrainingClass, on_delete=models.CASCADE, related_name="participants"
    )
    member = models.ForeignKey(TeamMember, on_delete=models.PROTECT, related_name="trainings")
    passed = models.BooleanField(_("passed"), default=False)
    certificate_number = models.CharField(_("certificate number"), max_length=64, blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["training", "member"], name="participant_once")
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.training}"
