"""The roles an account can hold; shared by every app, so it lives at the bottom."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    PROVINCE_STAFF = "province_staff", _("Province staff")
    COMMUNE_OFFICER = "commune_officer", _("Commune officer")
    ESTABLISHMENT_OFFICER = "establishment_officer", _("Establishment officer")
    LEADER = "leader", _("Leader")
    APPRAISER = "appraiser", _("Appraiser")
    VIEWER = "viewer", _("Viewer")


# Roles that may change the unit registry inside their scope.
UNIT_EDITOR_ROLES = frozenset({Role.ADMIN, Role.PROVINCE_STAFF, Role.COMMUNE_OFFICER})
