from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import Comparison, Metric, Subject


class TargetForm(forms.Form):
    metric = forms.ChoiceField(label=_("Metric"), choices=Metric.choices)
    subject = forms.ChoiceField(
        label=_("Units counted"), required=False, choices=[("", "—"), *Subject.choices]
    )
    form_code = forms.CharField(
        label=_("Report form (for report metrics)"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"placeholder": "movement-monthly"}),
    )
    indicator_code = forms.CharField(
        label=_("Indicator (for an indicator total)"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"placeholder": "tips_received"}),
    )
    denominator_code = forms.CharField(
        label=_("Divided by the indicator (for a ratio)"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"placeholder": "tips_received"}),
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
