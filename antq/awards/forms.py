from django import forms
from django.utils.translation import gettext_lazy as _

from antq.core.forms import DateField

from .choices import Basis, ClusterKind, DossierPurpose, MatterKind, RevocationGround
from .models import AwardKind


class _Kind(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


def kind_field(category: str | None = None):
    kinds = AwardKind.objects.all()
    if category:
        kinds = kinds.filter(category=category)
    return _Kind(label=_("Award kind"), queryset=kinds, to_field_name="code")


class TitleRegistrationForm(forms.Form):
    unit = forms.CharField(label=_("Unit code"), max_length=40)
    kind = kind_field("title")
    person_name = forms.CharField(
        label=_("Full name (individual title)"), max_length=150, required=False
    )
    registered_on = DateField(label=_("Registered on"))


class NominationForm(forms.Form):
    unit = forms.CharField(label=_("Unit code"), max_length=40)
    kind = kind_field()
    basis = forms.ChoiceField(label=_("Basis"), choices=Basis.choices)
    achievements = forms.CharField(
        label=_("Achievements"), widget=forms.Textarea(attrs={"rows": 4})
    )
    person_name = forms.CharField(label=_("Full name"), max_length=150, required=False)
    birth_date = DateField(label=_("Date of birth"), required=False)
    position = forms.CharField(label=_("Position"), max_length=150, required=False)
    identity_number = forms.CharField(
        label=_("Identity number (optional)"), max_length=20, required=False
    )


class DossierForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Document"), choices=DossierPurpose.choices)
    file = forms.FileField(label=_("File"))


class AppraisalForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("accept", _("Accept")), ("return", _("Return")), ("reject", _("Reject"))],
    )
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    votes_for = forms.IntegerField(label=_("Votes for"), min_value=0, required=False)
    votes_against = forms.IntegerField(label=_("Votes against"), min_value=0, required=False)
    votes_abstain = forms.IntegerField(label=_("Abstentions"), min_value=0, required=False)


class DecisionForm(forms.Form):
    number = forms.CharField(label=_("Decision number"), max_length=60)
    decided_on = DateField(label=_("Decision date"))
    signer = forms.CharField(label=_("Signer"), max_length=150)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=150)
    issuing_body = forms.CharField(label=_("Issuing body"), max_length=255)


class QuotaForm(forms.Form):
    unit = forms.CharField(label=_("Unit code"), max_length=40)
    kind = kind_field()
    allowed = forms.IntegerField(label=_("Allowed"), min_value=0, max_value=9999)


class ClusterForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=ClusterKind.choices)
    leader = forms.CharField(label=_("Leading unit (code)"), max_length=40)
    deputy = forms.CharField(label=_("Deputy unit (code)"), max_length=40, required=False)
    members = forms.CharField(
        label=_("Member units (codes, separated by commas)"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AdjustForm(forms.Form):
    rank = forms.IntegerField(label=_("New rank"), min_value=1)
    reason = forms.CharField(label=_("Reason"), max_length=2000)


class MatterForm(forms.Form):
    unit = forms.CharField(label=_("Unit code"), max_length=40)
    kind = forms.ChoiceField(label=_("Kind"), choices=MatterKind.choices)
    reference = forms.CharField(label=_("Reference"), max_length=150)
    opened_on = DateField(label=_("Opened on"))
    person_name = forms.CharField(label=_("Full name"), max_length=150, required=False)
    birth_date = DateField(label=_("Date of birth"), required=False)
    identity_number = forms.CharField(label=_("Identity number"), max_length=20, required=False)


class RevokeForm(forms.Form):
    ground = forms.ChoiceField(
        label=_("Ground (Law 06/2022, Chapter VII)"), choices=RevocationGround.choices
    )
    revocation_decision = forms.CharField(label=_("Revocation decision"), max_length=150)
    revoked_on = DateField(label=_("Revoked on"))
