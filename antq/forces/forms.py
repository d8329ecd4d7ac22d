from django import forms
from django.utils.translation import gettext_lazy as _

from antq.core.forms import DateField

from .choices import Education, LeaveGround, MemberRole, QuotaBase, Rating, Sex, TeamStatus


def _date(label, required=True, **extra):
    return DateField(label=label, required=required, **extra)


class TeamFilterForm(forms.Form):
    unit = forms.CharField(label=_("Unit code"), required=False)
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Team name")}),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *TeamStatus.choices]
    )


class MemberFilterForm(forms.Form):
    unit = forms.CharField(label=_("Unit code"), required=False)
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Name or identity number")}
        ),
    )
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("All")), *MemberRole.choices]
    )
    left = forms.BooleanField(label=_("Members who left"), required=False)


class RatingFilterForm(forms.Form):
    unit = forms.CharField(label=_("Unit code"), required=False)
    year = forms.IntegerField(label=_("Rating year"), required=False, min_value=2024)
    level = forms.ChoiceField(
        label=_("Rating"), required=False, choices=[("", _("All")), *Rating.choices]
    )


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Team name"), max_length=255)
    areas = forms.ModelMultipleChoiceField(
        label=_("Residential areas covered"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )
    decision_number = forms.CharField(label=_("Founding decision number"), max_length=64)
    decision_date = _date(_("Founding decision date"))
    decision_signer = forms.CharField(label=_("Signed by"), max_length=150, required=False)
    primary_education_area = forms.BooleanField(
        label=_("Border, island, mountain, disadvantaged or ethnic-minority area"),
        required=False,
        help_text=_("Primary education suffices for members here (Art. 13)."),
    )
    reason = forms.CharField(label=_("Reason for the change"), required=False, max_length=500)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = areas


class MemberForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices)
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    birth_date = _date(_("Date of birth"))
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices)
    identity_number = forms.CharField(label=_("Citizen identity number"), max_length=12)
    residence = forms.CharField(label=_("Place of residence"), max_length=500)
    resident_since = _date(_("Resident there since"))
    education = forms.ChoiceField(label=_("Education"), choices=Education.choices)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    record_document = forms.CharField(
        label=_("Document proving the clean record"),
        max_length=255,
        required=False,
        help_text=_("E.g. the judicial record certificate or the commune police's confirmation."),
    )
    health_document = forms.CharField(label=_("Health certificate"), max_length=255, required=False)
    over_age_decision = forms.CharField(
        label=_("Commune chairman's decision allowing a member over 70"),
        max_length=255,
        required=False,
    )
    joined_on = _date(_("Joined on"))
    appointment_decision = forms.CharField(
        label=_("Appointment decision"), max_length=64, required=False
    )
    reason = forms.CharField(label=_("Reason for the change"), required=False, max_length=500)


class LeaveProposeForm(forms.Form):
    ground = forms.ChoiceField(
        label=_("Ground for leaving (Art. 17(3))"), choices=LeaveGround.choices
    )
    started_on = _date(_("Application received or facts gathered on"))
    proposal_number = forms.CharField(label=_("Proposal (Form 07)"), max_length=64, required=False)
    proposal_date = _date(_("Proposal date"), required=False)
    reason = forms.CharField(label=_("Reason for the change"), required=False, max_length=500)


class LeaveDecideForm(forms.Form):
    decision_number = forms.CharField(label=_("Decision (Form 08)"), max_length=64)
    decided_on = _date(_("Decision date"))
    reason = forms.CharField(label=_("Reason for the change"), required=False, max_length=500)


class RatingForm(forms.Form):
    member = forms.ChoiceField(label=_("Rated"), required=False)
    year = forms.IntegerField(label=_("Rating year"), min_value=2024)
    level = forms.ChoiceField(label=_("Rating"), choices=Rating.choices)
    decision_number = forms.CharField(label=_("Decision number"), max_length=64, required=False)
    decided_on = _date(_("Decided on"))
    newly_transferred = forms.BooleanField(
        label=_("Leader newly transferred, not tied to the team's result"), required=False
    )
    reason = forms.CharField(label=_("Reason for the change"), required=False, max_length=500)

    def __init__(self, *args, members, team_label, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [
            ("", team_label),
            *((str(m.pk), f"{m.full_name} ({m.get_role_display()})") for m in members),
        ]


class StatisticsForm(forms.Form):
    unit = forms.CharField(label=_("Unit code"), required=False)
    year = forms.IntegerField(label=_("Rating year"), required=False, min_value=2024)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))
    reason = forms.CharField(label=_("Reason for the change"), required=False, max_length=500)


class TrainingClassForm(forms.Form):
    topic = forms.CharField(label=_("Topic"), max_length=255)
    organiser = forms.CharField(label=_("Organiser"), max_length=255)
    starts_on = _date(_("From"))
    ends_on = _date(_("To"))
    reason = forms.CharField(label=_("Reason for the change"), required=False, max_length=500)


class ParticipantForm(forms.Form):
    identity_number = forms.CharField(label=_("Member's citizen identity number"), max_length=12)
    passed = forms.BooleanField(label=_("Passed"), required=False)
    certificate_number = forms.CharField(
        label=_("Certificate number"), max_length=64, required=False
    )


class SettingsForm(forms.Form):
    teams_per_area = forms.IntegerField(label=_("Teams per residential area"), min_value=1)
    members_per_area = forms.IntegerField(
        label=_("Members per residential area"),
        min_value=1,
        required=False,
        help_text=_("Empty: no limit until the province's decision is entered."),
    )
    excellent_quota_percent = forms.IntegerField(
        label=_("Cap on “excellent” ratings (%)"), min_value=0, max_value=100
    )
    quota_base = forms.ChoiceField(label=_("The cap is counted against"), choices=QuotaBase.choices)
    basis = forms.CharField(label=_("Legal basis"), max_length=255, required=False)
    provisional = forms.BooleanField(
        label=_("Provisional (not yet confirmed by the province's decision)"), required=False
    )
    reason = forms.CharField(label=_("Reason for the change"), required=False, max_length=500)


class DisciplineForm(forms.Form):
    on = _date(_("Disciplined on"))
    note = forms.CharField(label=_("Discipline"), max_length=255)


class ComplaintForm(forms.Form):
    under = forms.BooleanField(label=_("Under a complaint or denunciation"), required=False)
    reason = forms.CharField(label=_("Reason for the change"), max_length=500)


class DissolveForm(forms.Form):
    on = _date(_("Dissolved on"))
    reason = forms.CharField(label=_("Reason for the change"), max_length=500)
