"""Forms of the yearly cycle; the assessment and score grids are parsed by hand."""

from django import forms
from django.utils.translation import gettext_lazy as _

from antq import rules

from .choices import REGISTRATION_DOCUMENTS, DocumentPurpose

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class YearOpenForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2013, max_value=2100)


class RegistrationForm(forms.Form):
    registered_on = forms.DateField(label=_("Registered on"), widget=DATE)
    households_resident = forms.IntegerField(
        label=_("Households resident"), min_value=0, required=False
    )
    households_registered = forms.IntegerField(
        label=_("Households registered to take part"), min_value=0, required=False
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DocumentForm(forms.Form):
    purpose = forms.ChoiceField(
        label=_("Document"),
        choices=[(p.value, p.label) for p in DocumentPurpose if p in REGISTRATION_DOCUMENTS]
        + [(DocumentPurpose.EVIDENCE.value, DocumentPurpose.EVIDENCE.label)],
    )
    criterion_id = forms.CharField(label=_("Criterion (for evidence)"), required=False)
    number = forms.CharField(label=_("Number"), required=False)
    issued_on = forms.DateField(label=_("Date"), required=False, widget=DATE)
    signer = forms.CharField(label=_("Signer"), required=False)
    file = forms.FileField(label=_("File"))


class DecisionForm(forms.Form):
    decision_number = forms.CharField(label=_("Decision number"))
    decision_date = forms.DateField(label=_("Decision date"), widget=DATE)
    signer = forms.CharField(label=_("Signer"))
    signer_title = forms.CharField(label=_("Signer's title"), required=False)
    issuing_body = forms.CharField(label=_("Issuing body"))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class PolicyForm(forms.Form):
    number = forms.CharField(label=_("Decision number"))
    decision_date = forms.DateField(label=_("Decision date"), widget=DATE)
    excellent = forms.FloatField(label=_("Excellent from (points)"), initial=90)
    good = forms.FloatField(label=_("Good from (points)"), initial=70)
    average = forms.FloatField(label=_("Average from (points)"), initial=50)
    cap_not_recognised = forms.ChoiceField(
        label=_("Best class of a unit not recognised as safe"),
        required=False,
        choices=[("", _("No limit"))] + [(c, rules.CLASS_LABELS[c]) for c in rules.CLASSES],
    )


def parse_answers(data, items) -> dict:
    """Read ``a:<id>`` radio values (yes, no, na) for the answerable items."""
    answers = {}
    for item_id in items:
        value = data.get(f"a:{item_id}")
        if value in ("yes", "no"):
            answers[item_id] = value == "yes"
        elif value == "na":
            answers[item_id] = None
    return answers


def parse_figures(data, names) -> dict:
    """Read ``f:<name>`` inputs; blanks are left out, the service checks the numbers."""
    return {n: data[f"f:{n}"].strip() for n in names if data.get(f"f:{n}", "").strip()}


def parse_scores(data, sheet) -> dict:
    scores = {}
    for item in sheet.items:
        raw = data.get(f"s:{item.id}", "").strip().replace(",", ".")
        if raw:
            try:
                scores[item.id] = float(raw)
            except ValueError:
                scores[item.id] = raw
    return scores
