from django import forms
from django.utils.translation import gettext_lazy as _

from . import reporting
from .choices import Comparison, Metric, Subject

NONE = [("", "—")]


class TargetForm(forms.Form):
    metric = forms.ChoiceField(label=_("Metric"), choices=Metric.choices)
    subject = forms.ChoiceField(
        label=_("Units counted"), required=False, choices=[("", "—"), *Subject.choices]
    )
    form_code = forms.ChoiceField(label=_("Report form (for report metrics)"), required=False)
    indicator_code = forms.ChoiceField(
        label=_("Indicator (for an indicator total)"), required=False
    )
    denominator_code = forms.ChoiceField(
        label=_("Divided by the indicator (for a ratio)"), required=False
    )
    comparison = forms.ChoiceField(label=_("Comparison"), choices=Comparison.choices)
    value = forms.DecimalField(label=_("Value"), min_value=0, max_digits=9, decimal_places=2)
    value_high = forms.DecimalField(
        label=_("Upper value (for “between”)"), required=False, max_digits=9, decimal_places=2
    )
    basis = forms.CharField(
        label=_("Basis"),
        required=False,
        max_length=255,
        widget=forms.TextInput(attrs={"placeholder": "KH 67/KH-BCĐ, 08/3/2024"}),
    )
    public = forms.BooleanField(label=_("Publish on the public page"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Officials choose forms and indicators by name; the codes stay in the API.
        self.fields["form_code"].choices = NONE + reporting.form_choices()
        indicators = NONE + reporting.indicator_choices()
        self.fields["indicator_code"].choices = indicators
        self.fields["denominator_code"].choices = indicators
