"""Pages of the rules: the texts in force ("Văn bản áp dụng") and a province's own criteria."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from antq import rules
from antq.core.errors import DomainError, NotFound

from . import permissions, selectors, services
from .rules_view import ruleset_data
from .views import _found


@login_required
def rulesets(request):
    """Every ruleset shipped, newest first, with the province's derived ones for its years."""
    shipped = [ruleset_data(r, with_criteria=False) for r in reversed(rules.load_rulesets())]
    return render(request, "evaluation/rulesets.html", {"rulesets": shipped})


@login_required
def ruleset(request, ruleset_id):
    try:
        found = rules.get_ruleset(ruleset_id)
    except rules.NoRulesetError as error:
        raise Http404(error.message) from error
    context = {"ruleset": ruleset_data(found), "kinds": rules.UNIT_KIND_LABELS}
    return render(request, "evaluation/ruleset.html", context)


class OwnCriterionForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of unit"),
        choices=[(k, v) for k, v in rules.UNIT_KIND_LABELS.items()],
    )
    item = forms.ChoiceField(
        label=gettext_lazy("Adds"),
        choices=[
            ("criterion", gettext_lazy("A new criterion")),
            ("point", gettext_lazy("A point of an existing criterion")),
        ],
    )
    criterion = forms.CharField(
        label=gettext_lazy("Criterion it adds to (for a point), e.g. 4.3"),
        required=False,
        max_length=20,
    )
    id = forms.CharField(label=gettext_lazy("Id, e.g. t.1"), max_length=20)
    text = forms.CharField(label=gettext_lazy("Text"), widget=forms.Textarea(attrs={"rows": 3}))
    citation = forms.CharField(
        label=gettext_lazy("Article of the province's decision"), max_length=300
    )
    decision = forms.CharField(
        label=gettext_lazy("The province's decision (number, date, issuer)"), max_length=300
    )


@login_required
@_found
def own_criteria(request, province, year):
    """Province staff add or remove the year's own criteria (Article 8.1)."""
    campaign = selectors.year_get(user=request.user, province=province, year=year)
    if not permissions.can_manage_years(request.user, campaign.province.code):
        raise Http404
    items = services.own_criteria_items(campaign)
    decision = (campaign.own_criteria or {}).get("citation", "")
    form = OwnCriterionForm(request.POST or None, initial={"decision": decision})
    if request.method == "POST":
        remove = request.POST.get("remove", "")
        try:
            if remove:
                kind, _sep, item_id = remove.partition(":")
                services.year_criterion_remove(
                    actor=request.user, campaign=campaign, kind=kind, item_id=item_id
                )
                messages.success(request, _("Criterion %(id)s removed.") % {"id": item_id})
                return redirect("evaluation:own_criteria", province, year)
            if form.is_valid():
                item = dict(form.cleaned_data)
                services.year_criterion_add(
                    actor=request.user,
                    campaign=campaign,
                    decision=item.pop("decision"),
                    item=item,
                )
                messages.success(request, _("Criterion %(id)s added.") % {"id": item["id"]})
                return redirect("evaluation:own_criteria", province, year)
        except (DomainError, NotFound) as error:
            form.add_error(None, error.message)
    context = {
        "campaign": campaign,
        "items": items,
        "decision": decision,
        "form": form,
        "kinds": rules.UNIT_KIND_LABELS,
    }
    return render(request, "evaluation/own_criteria.html", context)
