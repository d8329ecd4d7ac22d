"""The navigation each role sees."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from antq.accounts.services import can_manage_accounts
from antq.core.roles import Role
from antq.reports import permissions as report_permissions
from antq.tips import permissions as tip_permissions
from antq.units import permissions as unit_permissions


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": []}
    items = [
        (_("Home"), reverse("web:home")),
        (_("Dashboard"), reverse("targets:dashboard")),
        (_("Units"), reverse("units:browser")),
        (_("Evaluation and classification"), reverse("evaluation:home")),
        (_("Self-management models"), reverse("models:model_list")),
        (_("Security force"), reverse("forces:team_list")),
        (_("Directives and plans"), reverse("directives:list")),
        (_("Events and campaigns"), reverse("campaigns:list")),
        (_("Funding"), reverse("funding:list")),
        (_("Emulation and awards"), reverse("awards:home")),
    ]
    if tip_permissions.is_handler(user):
        items.append((_("Citizen tips"), reverse("tips:list")))
    if user.unit_id is not None or unit_permissions.is_admin(user):
        items.append((_("Periodic reports"), reverse("reports:home")))
    if report_permissions.can_configure(user):
        items.append((_("Report forms"), reverse("reports:configure")))
    if unit_permissions.can_import_units(user):
        items.append((_("Import units"), reverse("units:import")))
    if unit_permissions.is_admin(user) or any(
        user.has_role(r) for r in (Role.PROVINCE_STAFF, Role.COMMUNE_OFFICER, Role.LEADER)
    ):
        items.append((_("Official documents"), reverse("documents:home")))
    items.append((_("Legal texts applied"), reverse("evaluation:rulesets")))
    if can_manage_accounts(user):
        items.append((_("Accounts"), reverse("accounts:list")))
    return {"nav": items}
