"""One task of the year's worklist as a list: the units waiting on the account for it."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from antq.core.paging import page_of
from antq.units.selectors import today

from . import selectors, worklist
from .views import _found

TITLES = {
    "not_started": _("Registered units that have not started their self-assessment"),
    "returned": _("Returned self-assessments"),
    "draft": _("Self-assessments not yet sent for verification"),
    "to_verify": _("Self-assessments awaiting your verification"),
    "classification": _("Classifications awaiting your review"),
}


@login_required
@_found
def work(request, province, year, key):
    campaign = selectors.year_get(user=request.user, province=province, year=year)
    if key not in worklist.LISTED:
        raise Http404
    page = page_of(
        worklist.task_rows(user=request.user, campaign=campaign, key=key),
        request.GET.get("page"),
    )
    day = today()
    rows = []
    for row in page:
        due = worklist.due_of(campaign, key, row.unit)
        rows.append({"row": row, "unit": row.unit, "due": due, "late": day >= due})
    context = {"campaign": campaign, "key": key, "title": TITLES[key], "page": page, "rows": rows}
    return render(request, "evaluation/work.html", context)
