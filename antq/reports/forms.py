from django import forms
from django.utils.translation import gettext_lazy as _

from antq.units.choices import UnitKind

from .choices import Aggregation, PeriodType, ValueType
from .models import ReportForm


class _FormChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


def _form_field():
    return _FormChoice(
        label=_("Report form"),
        queryset=ReportForm.objects.filter(active=True),
        to_field_name="code",
        empty_label=None,
    )


class RollupFilterForm(forms.Form):
    form = _form_field()
    period = forms.CharField(
        label=_("Period"), max_length=8, help_text=_("e.g. 2026-10, 2026-Q3, 2026-H1, 2026")
    )
    period_to = forms.CharField(label=_("To period (optional)"), max_length=8, required=False)
    unit = forms.CharField(label=_("Unit code"), max_length=40, required=False)


class InboxFilterForm(forms.Form):
    """Filters of the reports awaiting approval (and of those already acted on)."""

    form = _FormChoice(
        label=_("Report form"),
        queryset=ReportForm.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("All forms"),
    )
    period = forms.CharField(
        label=_("Period"), max_length=8, required=False, help_text=_("e.g. 2026-10")
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("submitted", _("Waiting for approval")),
            ("approved", _("Approved")),
            ("returned", _("Returned")),
            ("", _("All")),
        ],
    )
    unit = forms.CharField(label=_("Commune or unit"), max_length=80, required=False)


class EntryChooserForm(forms.Form):
    form = _form_field()
    unit = forms.CharField(label=_("Unit code"), max_length=40)
    period = forms.CharField(label=_("Period"), max_length=8, help_text=_("e.g. 2026-10"))


class TemplateForm(EntryChooserForm):
    all_units = forms.BooleanField(
        label=_("Every reporting unit under this unit, one column each"), required=False
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Filled template (.xlsx)"))
    submit = forms.BooleanField(
        label=_("Submit the reports (not only save drafts)"), required=False
    )


class IndicatorForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=60)
    name = forms.CharField(label=_("Name"), max_length=255)
    unit_of_measure = forms.CharField(label=_("Unit of measure"), required=False, max_length=40)
    value_type = forms.ChoiceField(label=_("Type"), choices=ValueType.choices)
    aggregation = forms.ChoiceField(label=_("How it adds up"), choices=Aggregation.choices)
    min_value = forms.DecimalField(label=_("Minimum"), required=False, initial=0)
    max_value = forms.DecimalField(label=_("Maximum"), required=False)
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)


class NewFormForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=255)
    period_type = forms.ChoiceField(label=_("Period"), choices=PeriodType.choices)
    unit_kinds = forms.MultipleChoiceField(
        label=_("Who reports"), choices=UnitKind.choices, widget=forms.CheckboxSelectMultiple
    )
    indicators = forms.CharField(
        label=_("Indicators, in order"),
        help_text=_("Indicator codes separated by commas, e.g. tips_received, tips_valuable."),
    )
    deadline_days = forms.IntegerField(label=_("Deadline: days after the period ends"), min_value=0)
    on_time_days = forms.IntegerField(
        label=_("Counted on time within (days)"), min_value=0, required=False
    )
    late_entry_open = forms.BooleanField(label=_("Late entry open"), required=False, initial=True)
    skip_out_of_scope = forms.BooleanField(
        label=_("Units out of scope of the safety standard do not report"), required=False
    )
    deadline_note = forms.CharField(label=_("Basis of the deadline"), required=False)

    def indicator_codes(self) -> list[str]:
        raw = self.cleaned_data.get("indicators", "")
        return [code.strip() for code in raw.replace(";", ",").split(",") if code.strip()]


class FormSettingsForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    deadline_days = forms.IntegerField(label=_("Deadline: days after the period ends"), min_value=0)
    on_time_days = forms.IntegerField(label=_("Counted on time within (days)"), min_value=0)
    late_entry_open = forms.BooleanField(label=_("Late entry open"), required=False)
    active = forms.BooleanField(label=_("In use"), required=False)
    deadline_note = forms.CharField(label=_("Basis of the deadline"), required=False)
    reason = forms.CharField(label=_("Reason for the change"), required=False)
