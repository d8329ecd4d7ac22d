"""Forms of the campaign pages: filters, a campaign with its units, an activity, a file."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from antq.core.forms import DateField
from antq.units.forms import UnitPickForm

from .models import CampaignKind

ACTIVITY_KINDS = [
    "Mít tinh, lễ phát động",
    "Tuyên truyền",
    "Hội thi, văn nghệ",
    "Biểu dương điển hình tiên tiến",
    "Ra mắt mô hình",
    "Thăm, tặng quà",
    "Ra quân cao điểm",
]


class CampaignFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(
        label=pgettext_lazy("campaign", "Kind"),
        choices=[("", _("All kinds")), *CampaignKind.choices],
        required=False,
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)


class CampaignForm(UnitPickForm):
    name = forms.CharField(label=_("Name"), max_length=255)
    theme = forms.CharField(label=_("Theme"), max_length=500, required=False)
    kind = forms.ChoiceField(label=pgettext_lazy("campaign", "Kind"), choices=CampaignKind.choices)
    start = DateField(label=_("From"), help_text=_("dd/mm/yyyy"))
    end = DateField(label=_("To"), help_text=_("dd/mm/yyyy"))
    legal_basis = forms.CharField(label=_("Legal basis"), max_length=255, required=False)
    field_order = ["name", "theme", "kind", "start", "end", "legal_basis", "kinds", "root", "codes"]


class CampaignEditForm(CampaignForm):
    change_units = forms.BooleanField(label=_("Replace the units taking part"), required=False)
    reason = forms.CharField(label=_("Reason for the change"), max_length=500)


class ActivityForm(forms.Form):
    unit = forms.ChoiceField(label=_("Unit"))
    kind = forms.CharField(
        label=pgettext_lazy("activity", "What was held"),
        max_length=100,
        widget=forms.TextInput(attrs={"list": "activity-kinds"}),
    )
    date = DateField(label=_("Date"), help_text=_("dd/mm/yyyy"))
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    participants = forms.CharField(label=_("Participants"), max_length=500, required=False)
    attendees = forms.IntegerField(label=_("Attendees"), min_value=0, initial=0)
    propaganda_sessions = forms.IntegerField(label=_("Propaganda sessions"), min_value=0, initial=0)
    gifts = forms.IntegerField(label=_("Gifts"), min_value=0, initial=0)
    gifts_value = forms.IntegerField(label=_("Value of gifts (VND)"), min_value=0, initial=0)
    awards = forms.IntegerField(label=_("Awards handed out"), min_value=0, initial=0)
    models_launched = forms.IntegerField(label=_("Models launched"), min_value=0, initial=0)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.code, f"{u.name} ({u.code})") for u in units]


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Photo (JPEG, PNG, WebP) or document (PDF, Word)"))
