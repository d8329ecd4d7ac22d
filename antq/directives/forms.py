from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from antq.core.forms import DateField
from antq.units.forms import UnitPickForm

from .choices import DirectiveKind, Stage


class DirectiveFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(
        label=pgettext_lazy("directive", "Kind"),
        choices=[("", _("All kinds")), *DirectiveKind.choices],
        required=False,
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)


class DirectiveForm(UnitPickForm):
    issuing_body = forms.CharField(label=_("Issuing body"), max_length=255)
    number = forms.CharField(label=_("Number and symbol"), max_length=64)
    issued_on = DateField(label=_("Date issued"), help_text=_("dd/mm/yyyy"))
    kind = forms.ChoiceField(
        label=pgettext_lazy("directive", "Kind"), choices=DirectiveKind.choices
    )
    summary = forms.CharField(
        label=pgettext_lazy("directive", "Summary"), widget=forms.Textarea(attrs={"rows": 3})
    )
    file = forms.FileField(label=_("File (PDF or Word)"))
    requires_plan = forms.BooleanField(label=_("Each unit builds its own plan"), required=False)
    report_deadline = DateField(
        label=_("Result report deadline"), required=False, help_text=_("dd/mm/yyyy")
    )

    field_order = [
        "issuing_body",
        "number",
        "issued_on",
        "kind",
        "summary",
        "file",
        "requires_plan",
        "report_deadline",
        "kinds",
        "root",
        "codes",
    ]


class RedeployForm(UnitPickForm):
    report_deadline = DateField(
        label=_("Your deadline for the units below (optional)"),
        required=False,
        help_text=_("dd/mm/yyyy; not later than the one you received"),
    )


class PlanForm(forms.Form):
    number = forms.CharField(label=_("Plan number"), max_length=64)
    plan_date = DateField(label=_("Plan date"), help_text=_("dd/mm/yyyy"))
    file = forms.FileField(label=_("Plan file (PDF or Word)"))


class ReportForm(forms.Form):
    summary = forms.CharField(
        label=_("Result report"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    file = forms.FileField(label=_("Report file (PDF or Word)"), required=False)


class TrackingForm(forms.Form):
    unit = forms.CharField(label=_("Unit (code)"), max_length=40, required=False)
    stage = forms.ChoiceField(label=_("Who has not yet"), choices=Stage.choices, required=False)


class DirectiveEditForm(forms.Form):
    issuing_body = forms.CharField(label=_("Issuing body"), max_length=255)
    summary = forms.CharField(
        label=pgettext_lazy("directive", "Summary"), widget=forms.Textarea(attrs={"rows": 3})
    )
    requires_plan = forms.BooleanField(label=_("Each unit builds its own plan"), required=False)
    report_deadline = DateField(
        label=_("Result report deadline"), required=False, help_text=_("dd/mm/yyyy")
    )
    reason = forms.CharField(label=_("Reason for the change"), max_length=500)
