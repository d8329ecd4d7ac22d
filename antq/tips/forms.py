"""Forms of the officers' pages: the list's filters and the handling steps."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import Classification, TipKind, TipStatus


def _all(choices):
    return [("", _("All")), *choices]


class TipFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Text, number or #id")}),
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=_all(TipStatus.choices))
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=_all(TipKind.choices))
    classification = forms.ChoiceField(
        label=_("Classification"), required=False, choices=_all(Classification.choices)
    )
    commune = forms.CharField(label=_("Commune code"), required=False, max_length=32)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)


class ReceiptForm(forms.Form):
    receipt_number = forms.CharField(label=_("Receipt record number"), max_length=60)


class ClassifyForm(forms.Form):
    classification = forms.ChoiceField(label=_("Classification"), choices=Classification.choices)


class ForwardForm(forms.Form):
    forwarded_to = forms.CharField(label=_("Competent body"), max_length=255)


class ResultForm(forms.Form):
    note = forms.CharField(label=_("Result"), widget=forms.Textarea(attrs={"rows": 3}))
    case_solved = forms.BooleanField(label=_("A case was solved from this tip"), required=False)
    tell_citizen = forms.CharField(
        label=_("Message to the citizen (Art. 145: tell the reporter the result)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CloseForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class RerouteForm(forms.Form):
    to = forms.CharField(label=_("Code of the commune (or of the province)"), max_length=32)
    reason = forms.CharField(label=_("Reason"), max_length=500)


class ValuableForm(forms.Form):
    valuable = forms.BooleanField(label=_("Valuable tip"), required=False)


class AskForm(forms.Form):
    body = forms.CharField(
        label=_("Question to the citizen"), widget=forms.Textarea(attrs={"rows": 3})
    )
