from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from antq.core.roles import Role
from antq.units import selectors
from antq.units.choices import UnitKind

from .worklist import worklist_for


@login_required
def home(request):
    unit = request.user.unit
    counts = selectors.unit_kind_counts(unit=unit) if unit is not None else {}
    return render(
        request,
        "web/home.html",
        {
            "unit": unit,
            "roles": [Role(r).label for r in sorted(request.user.roles)],
            "counts": [(UnitKind(k).label, n) for k, n in counts.items()],
            "work": worklist_for(request.user),
        },
    )
