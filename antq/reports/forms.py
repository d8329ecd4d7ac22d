from django import forms
from django.utils.translation import gettext_lazy as _

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
