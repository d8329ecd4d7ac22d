from django import forms
from django.utils.translation import gettext_lazy as _

from antq.core.forms import DateField

from .choices import ExampleKind, ModelField, ModelStatus, RecognisingLevel, Serves


def _date(label, required=True):
    return DateField(label=label, required=required)


def _all(choices):
    return [("", _("All")), *choices]


class ModelFilterForm(forms.Form):
    unit = forms.CharField(label=_("Unit code"), required=False)
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Name or decision")}),
    )
    field = forms.ChoiceField(label=_("Field"), required=False, choices=_all(ModelField.choices))
    serves = forms.ChoiceField(label=_("Serves"), required=False, choices=_all(Serves.choices))
    level = forms.ChoiceField(
        label=_("Recognising level"), required=False, choices=_all(RecognisingLevel.choices)
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=_all(ModelStatus.choices))


class ModelForm(forms.Form):
    name = forms.CharField(label=_("Model name"), max_length=255)
    serves = forms.MultipleChoiceField(
        label=_("Serves"), choices=Serves.choices, widget=forms.CheckboxSelectMultiple
    )
    field = forms.ChoiceField(label=_("Field"), choices=ModelField.choices)
    level = forms.ChoiceField(label=_("Recognising level"), choices=RecognisingLevel.choices)
    decision_number = forms.CharField(label=_("Founding decision number"), max_length=64)
    decision_date = _date(_("Founding decision date"))
    decision_signer = forms.CharField(label=_("Signed by"), max_length=150, required=False)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    reason = forms.CharField(label=_("Reason for the change"), required=False, max_length=500)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ModelStatus.choices)
    on = _date(_("Since"))
    reason = forms.CharField(label=_("Reason"), max_length=500)


class SiteForm(forms.Form):
    unit = forms.CharField(label=_("Code of the unit where it is replicated"), max_length=32)
    started_on = _date(_("Started on"))
    reason = forms.CharField(label=_("Reason for the change"), required=False, max_length=500)


class TeamForm(forms.Form):
    site = forms.TypedChoiceField(label=_("Site"), coerce=int, choices=())
    name = forms.CharField(label=_("Team name"), max_length=255)
    member_count = forms.IntegerField(label=_("Members"), min_value=1)

    def __init__(self, *args, sites=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].choices = [(s.pk, s.unit.name) for s in sites]


class JudgementForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000)
    site = forms.TypedChoiceField(label=_("Judged"), coerce=int, choices=(), required=False)
    effective = forms.TypedChoiceField(
        label=_("Result"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("Effective")), ("no", _("Not effective"))],
    )
    grade = forms.ChoiceField(label=_("Grade"), required=False, choices=())
    judged_by = forms.CharField(label=_("Judged by"), max_length=255)
    judged_on = _date(_("Judged on"))
    note = forms.CharField(label=_("Note"), required=False, max_length=500)
    evidence = forms.FileField(label=_("Evidence document"), required=False)
    reason = forms.CharField(label=_("Reason for the change"), required=False, max_length=500)

    def __init__(self, *args, sites=(), grades=(), provisional=False, model_label="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].choices = [("", model_label), *((s.pk, s.unit.name) for s in sites)]
        self.fields["grade"].choices = [("", "—"), *grades]
        if provisional:
            self.fields["grade"].help_text = _(
                "Provisional scale: the province has not entered its own grading scale yet."
            )


class ExampleFilterForm(forms.Form):
    unit = forms.CharField(label=_("Unit code"), required=False)
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Name or decision")}),
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=_all(ExampleKind.choices))
    field = forms.ChoiceField(label=_("Field"), required=False, choices=_all(ModelField.choices))
    year = forms.IntegerField(label=_("Year recognised"), required=False, min_value=2000)


class ExampleForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ExampleKind.choices)
    name = forms.CharField(label=_("Name of the collective or person"), max_length=255)
    model = forms.TypedChoiceField(label=_("Model"), coerce=int, required=False, choices=())
    field = forms.ChoiceField(label=_("Field"), choices=ModelField.choices)
    level = forms.ChoiceField(label=_("Recognising level"), choices=RecognisingLevel.choices)
    decision_number = forms.CharField(label=_("Decision number"), max_length=64)
    decision_date = _date(_("Decision date"))
    decision_signer = forms.CharField(label=_("Signed by"), max_length=150, required=False)
    reason = forms.CharField(
        label=_("Achievement"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    change_reason = forms.CharField(
        label=_("Reason for the change"), required=False, max_length=500
    )

    def __init__(self, *args, models=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["model"].choices = [("", "—"), *((m.pk, m.name) for m in models)]


class StatisticsForm(forms.Form):
    unit = forms.CharField(label=_("Unit code"), required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))
    reason = forms.CharField(label=_("Reason for the change"), required=False, max_length=500)


class GradeScaleForm(forms.Form):
    grades = forms.CharField(
        label=_("Grades, best first: one per line, “code | label”"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    basis = forms.CharField(label=_("Legal basis (the province's decision)"), max_length=255)
    reason = forms.CharField(label=_("Reason for the change"), max_length=500)

    def clean_grades(self):
        grades = []
        for number, line in enumerate(self.cleaned_data["grades"].splitlines(), start=1):
            if not line.strip():
                continue
            code, sep, label = line.partition("|")
            if not sep or not code.strip() or not label.strip():
                raise forms.ValidationError(_("Line %(n)s: write “code | label”.") % {"n": number})
            grades.append((code.strip(), label.strip()))
        if not grades:
            raise forms.ValidationError(_("Give at least one grade."))
        return grades
