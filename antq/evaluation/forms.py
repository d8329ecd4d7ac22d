"""Forms of the yearly cycle; the assessment and score grids are parsed by hand."""

from django import forms
from django.utils.translation import gettext_lazy as _

from antq import rules
from antq.core.forms import DateField

from .choices import EVALUATED_KINDS, REGISTRATION_DOCUMENTS, Authority, DocumentPurpose
from .options import options_of


class YearOpenForm(forms.Form):
    """The year to open; administrators (whole country) also choose the province."""

    year = forms.IntegerField(label=_("Year"), min_value=2013, max_value=2100)
    province = forms.ChoiceField(label=_("Province"), required=False)

    def __init__(self, *args, provinces=(), **kwargs):
        super().__init__(*args, **kwargs)
        if provinces:
            self.fields["province"].choices = [(p.code, p.name) for p in provinces]
            self.fields["province"].required = True
        else:
            del self.fields["province"]


DEADLINES = (
    "registration_before",
    "recognition_area_before",
    "recognition_other_before",
    "classification_area_before",
    "classification_other_before",
)


class YearForm(forms.Form):
    """A year's deadlines, each kind's evaluation period and who verifies and decides it.

    Per kind the fields are ``first:<kind>``, ``last:<kind>``, ``verifier:<kind>`` and
    ``decider:<kind>``; `changes()` shapes them for `services.year_update`.
    """

    reason = forms.CharField(label=_("Reason for the change"), required=False)

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        model = type(campaign)
        for name in DEADLINES:
            self.fields[name] = DateField(
                label=model._meta.get_field(name).verbose_name.capitalize(),
                initial=getattr(campaign, name),
            )
        parts = {
            "first": _("Period from"),
            "last": _("Period to"),
            "verifier": _("Verifies"),
            "decider": _("Decides"),
        }
        for kind in EVALUATED_KINDS:
            spans = dict(
                zip(("first", "last"), campaign.periods.get(kind, [None, None]), strict=True)
            )
            who = campaign.authorities.get(kind, {})
            for part, label in parts.items():
                attrs = {"aria-label": f"{rules.UNIT_KIND_LABELS.get(kind, kind)}: {label}"}
                if part in spans:
                    field = DateField(
                        attrs=attrs,
                        initial=spans[part],
                    )
                else:
                    field = forms.ChoiceField(
                        choices=Authority.choices,
                        initial=who.get(part, Authority.PARENT),
                        widget=forms.Select(attrs=attrs),
                    )
                self.fields[f"{part}:{kind}"] = field
            self.fields[f"basis:{kind}"] = forms.CharField(
                required=False,
                max_length=300,
                initial=who.get("basis", ""),
                widget=forms.TextInput(attrs={"aria-label": _("Legal basis")}),
            )
        options = options_of(campaign)
        self.fields["late_registration_fails"].initial = options["late_registration_fails"]
        self.fields["dossier_required"].initial = options["dossier_required"]
        self.fields["q1_transition"].initial = options["q1_transition"]
        self.fields["q1_transition_basis"].initial = options["q1_transition_basis"]
        self.fields["ministry_units"].initial = ", ".join(options["ministry_units"])

    late_registration_fails = forms.BooleanField(
        label=_(
            "A registration after Quarter I fails the criterion (provisional: the law sets "
            "no sanction; by default it is only flagged)"
        ),
        required=False,
    )
    dossier_required = forms.BooleanField(
        label=_(
            "Refuse verification and recognition while the dossier of Article 9.2 is "
            "incomplete (provisional)"
        ),
        required=False,
    )
    q1_transition = forms.ChoiceField(
        label=_("Units created by the 1 July 2025 mergers"),
        required=False,
        choices=[
            ("", _("No transition rule")),
            ("carry_over", _("Carry the predecessors' registrations over")),
            ("waive", _("Waive Quarter I for 2025")),
        ],
    )
    q1_transition_basis = forms.CharField(
        label=_("Basis of the transition rule"), required=False, max_length=300
    )
    ministry_units = forms.CharField(
        label=_("Codes of units followed by the Ministry's departments (Art. 9.1.d, 10.4)"),
        required=False,
        max_length=2000,
    )

    def rows(self):
        """Yield ``(kind, first, last, verifier, decider, basis)`` bound fields for the table."""
        for kind in EVALUATED_KINDS:
            yield (
                kind,
                *(
                    self[f"{part}:{kind}"]
                    for part in ("first", "last", "verifier", "decider", "basis")
                ),
            )

    def settings_fields(self):
        names = (
            "late_registration_fails",
            "dossier_required",
            "q1_transition",
            "q1_transition_basis",
            "ministry_units",
        )
        return [self[name] for name in names]

    def deadlines(self):
        return [self[name] for name in DEADLINES]

    def changes(self) -> dict:
        data = self.cleaned_data
        return {
            **{name: data[name] for name in DEADLINES},
            "periods": {k: [data[f"first:{k}"], data[f"last:{k}"]] for k in EVALUATED_KINDS},
            "authorities": {
                k: {
                    "verifier": data[f"verifier:{k}"],
                    "decider": data[f"decider:{k}"],
                    "basis": data[f"basis:{k}"],
                }
                for k in EVALUATED_KINDS
            },
            "options": {
                "late_registration_fails": data["late_registration_fails"],
                "dossier_required": data["dossier_required"],
                "q1_transition": data["q1_transition"] or "",
                "q1_transition_basis": data["q1_transition_basis"],
                "ministry_units": [
                    c.strip() for c in data["ministry_units"].split(",") if c.strip()
                ],
            },
            "reason": data["reason"],
        }


class RegistrationForm(forms.Form):
    registered_on = DateField(label=_("Registered on"))
    households_resident = forms.IntegerField(
        label=_("Households resident"), min_value=0, required=False
    )
    households_registered = forms.IntegerField(
        label=_("Households registered to take part"), min_value=0, required=False
    )
    has_party_organisation = forms.BooleanField(
        label=_("The unit has a party organisation (its resolution is part of the dossier)"),
        required=False,
        initial=True,
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
    issued_on = DateField(label=_("Date of issue"), required=False)
    signer = forms.CharField(label=_("Signer"), required=False)
    file = forms.FileField(label=_("File"))


class DecisionForm(forms.Form):
    decision_number = forms.CharField(label=_("Decision number"))
    decision_date = DateField(label=_("Decision date"))
    signer = forms.CharField(label=_("Signer"))
    signer_title = forms.CharField(label=_("Signer's title"), required=False)
    issuing_body = forms.CharField(label=_("Issuing body"))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class PolicyForm(forms.Form):
    number = forms.CharField(label=_("Decision number"))
    decision_date = DateField(label=_("Decision date"))
    excellent = forms.FloatField(label=_("Excellent from (points)"), initial=90)
    good = forms.FloatField(label=_("Good from (points)"), initial=70)
    average = forms.FloatField(label=_("Average from (points)"), initial=50)
    cap_not_recognised = forms.ChoiceField(
        label=_("Best class of a unit not recognised as safe"),
        required=False,
        choices=[("", _("No limit"))] + [(c, rules.CLASS_LABELS[c]) for c in rules.CLASSES],
    )


class SheetDecisionForm(forms.Form):
    """The province's decision on a kind's score sheet; its rows come from a file or the grid."""

    decision_number = forms.CharField(label=_("Decision number"))
    decision_date = DateField(label=_("Decision date"))
    file = forms.FileField(
        label=_("Sheet file (.xlsx or .csv: Mã mục, Nội dung, Điểm tối đa)"),
        required=False,
        help_text=_("Leave empty to record the rows below."),
    )


MAX_SHEET_ROWS = 300


def sheet_rows(items, blanks: int = 5) -> list[dict]:
    """The grid's rows: the items given, then a few empty ones to add items."""
    rows = [{"id": i.id, "text": i.text, "max_points": f"{float(i.max_points):g}"} for i in items]
    return rows + [{"id": "", "text": "", "max_points": ""} for _ in range(blanks)]


def parse_sheet_rows(data) -> list[dict]:
    """Read the grid's ``id-<n>``, ``text-<n>``, ``max-<n>`` inputs; empty rows are skipped.

    Each item keeps its row number (``line``, from 1) so that errors name it.
    """
    try:
        count = min(int(data.get("rows", 0)), MAX_SHEET_ROWS)
    except ValueError:
        count = 0
    items = []
    for n in range(count):
        row = {
            "id": data.get(f"id-{n}", "").strip(),
            "text": data.get(f"text-{n}", "").strip(),
            "max_points": data.get(f"max-{n}", "").strip(),
        }
        if any(row.values()):
            items.append({"line": n + 1, **row})
    return items


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
