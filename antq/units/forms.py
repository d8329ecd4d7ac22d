from django import forms
from django.utils.translation import gettext_lazy as _

from antq.core.forms import DateField

from .choices import ManagingLevel, UnitKind


class UnitFilterForm(forms.Form):
    unit = forms.CharField(required=False, widget=forms.HiddenInput)
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Name or code")}),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *UnitKind.choices]
    )
    as_of = DateField(label=_("As of"), required=False)


class UnitForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=255)
    kind = forms.ChoiceField(label=_("Kind"), choices=UnitKind.choices)
    managing_level = forms.ChoiceField(
        label=_("Managing level"), required=False, choices=[("", "—"), *ManagingLevel.choices]
    )
    address = forms.CharField(label=_("Address"), required=False, max_length=500)
    out_of_scope_reason = forms.CharField(
        label=_("Reason out of scope of the safety standard"),
        required=False,
        max_length=500,
        help_text=_("Leave empty when the unit is assessed (e.g. a small enterprise is not)."),
    )
    valid_from = DateField(label=_("Valid from"), required=False)
    reason = forms.CharField(label=_("Reason for the change"), required=False, max_length=500)


class UnitEditForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    managing_level = forms.ChoiceField(
        label=_("Managing level"), required=False, choices=[("", "—"), *ManagingLevel.choices]
    )
    address = forms.CharField(label=_("Address"), required=False, max_length=500)
    out_of_scope_reason = forms.CharField(
        label=_("Reason out of scope of the safety standard"), required=False, max_length=500
    )
    reason = forms.CharField(label=_("Reason for the change"), required=False, max_length=500)
    # the unit's version when the page was opened: a stale form is refused, not saved over
    # (a post without one, from a script, is not checked)
    version = forms.CharField(widget=forms.HiddenInput, max_length=20, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File (.xlsx or .csv)"))


class ReorganiseForm(forms.Form):
    ACTIONS = [
        ("rename", _("Rename")),
        ("move", _("Move under another unit")),
        ("merge", _("Merge other units into this one")),
        ("merge_new", _("Merge this unit with others into a new unit")),
    ]
    action = forms.ChoiceField(label=_("Action"), choices=ACTIONS)
    effective_date = DateField(label=_("Effective date"))
    new_name = forms.CharField(label=_("New name"), required=False, max_length=255)
    new_code = forms.CharField(label=_("Code of the new unit"), required=False, max_length=40)
    other_codes = forms.CharField(
        label=_("Codes of the other units"),
        required=False,
        help_text=_("Separated by commas."),
    )
    parent_code = forms.CharField(label=_("Code of the new parent"), required=False)
    basis = forms.CharField(
        label=_("Legal basis"),
        required=False,
        max_length=255,
        widget=forms.TextInput(attrs={"placeholder": "Nghị quyết số …/NQ-UBTVQH15"}),
    )
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)

    def other_code_list(self) -> list[str]:
        raw = self.cleaned_data.get("other_codes", "")
        return [code.strip() for code in raw.replace(";", ",").split(",") if code.strip()]


PICK_KINDS = [(k, label) for k, label in UnitKind.choices if k not in ("province", "district")]


class UnitPickForm(forms.Form):
    """Choose a set of units by tree and kind, plus named codes (a directive's audience, a
    campaign's participants)."""

    kinds = forms.MultipleChoiceField(
        label=_("Every unit of these kinds"),
        choices=PICK_KINDS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    root = forms.CharField(
        label=_("Under the unit (code)"),
        max_length=40,
        required=False,
        help_text=_("Empty: your own unit."),
    )
    codes = forms.CharField(
        label=_("And these units (codes)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Unit codes separated by commas or new lines."),
    )

    def code_list(self) -> list[str]:
        raw = self.cleaned_data.get("codes", "")
        return [c.strip() for c in raw.replace(";", ",").replace("\n", ",").split(",") if c.strip()]
