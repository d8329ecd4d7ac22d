"""Forms of the documents pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DocumentKind

# A certificate is made from its recognition's page, not from this form.
FORM_KINDS = [(k, label) for k, label in DocumentKind.choices if k != DocumentKind.CERTIFICATE]


class ReviewForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=FORM_KINDS)
    unit = forms.CharField(label=_("Unit code"), max_length=40)
    period = forms.CharField(
        label=_("Period"), max_length=10, help_text=_("A year (2026) or a half-year (2026-H1).")
    )
    number = forms.CharField(label=_("Number and symbol"), max_length=60, required=False)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=150, required=False)
    signer_name = forms.CharField(label=_("Signer's name"), max_length=150, required=False)
    strengths = forms.CharField(label=_("Strengths"), widget=forms.Textarea, required=False)
    weaknesses = forms.CharField(label=_("Shortcomings"), widget=forms.Textarea, required=False)
    causes = forms.CharField(label=_("Causes"), widget=forms.Textarea, required=False)
    lessons = forms.CharField(label=_("Lessons learnt"), widget=forms.Textarea, required=False)
    directions = forms.CharField(
        label=_("Directions and tasks"), widget=forms.Textarea, required=False
    )


class TemplateUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    file = forms.FileField(label=_("Word template (.docx)"))
