from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District (historical)")
    COMMUNE = "commune", _("Commune")
    RESIDENTIAL_AREA = "residential_area", _("Residential area")
    AGENCY = "agency", _("Agency")
    ENTERPRISE = "enterprise", _("Enterprise")
    SCHOOL = "school", _("School")
    DEPARTMENT = "department", _("Department")
    MASS_ORGANISATION = "mass_organisation", _("Mass organisation")


class ManagingLevel(models.TextChoices):
    CENTRAL = "central", pgettext_lazy("managing level", "Central")
    PROVINCE = "province", pgettext_lazy("managing level", "Province")
    COMMUNE = "commune", pgettext_lazy("managing level", "Commune")


class ReorganisationKind(models.TextChoices):
    CREATE = "create", _("Creation")
    MERGE = "merge", _("Merger")
    SPLIT = "split", _("Split")
    RENAME = "rename", _("Rename")
    MOVE = "move", _("Move")


ADMINISTRATIVE_KINDS = frozenset({UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.COMMUNE})
ESTABLISHMENT_KINDS = frozenset({UnitKind.AGENCY, UnitKind.ENTERPRISE, UnitKind.SCHOOL})

# Which kinds a unit of each kind may hang under.
ALLOWED_PARENT_KINDS: dict[str, frozenset[str]] = {
    UnitKind.PROVINCE: frozenset(),
    UnitKind.DISTRICT: frozenset({UnitKind.PROVINCE}),
    UnitKind.COMMUNE: frozenset({UnitKind.PROVINCE, UnitKind.DISTRICT}),
    UnitKind.RESIDENTIAL_AREA: frozenset({UnitKind.COMMUNE}),
    UnitKind.AGENCY: frozenset({UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.COMMUNE}),
    UnitKind.ENTERPRISE: frozenset({UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.COMMUNE}),
    UnitKind.SCHOOL: frozenset({UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.COMMUNE}),
    UnitKind.DEPARTMENT: frozenset({UnitKind.PROVINCE}),
    UnitKind.MASS_ORGANISATION: frozenset({UnitKind.PROVINCE}),
}

# The managing level an establishment's parent implies: central and provincial bodies hang
# under the province, commune bodies under their commune.
PARENT_KINDS_FOR_LEVEL: dict[str, frozenset[str]] = {
    ManagingLevel.CENTRAL: frozenset({UnitKind.PROVINCE}),
    ManagingLevel.PROVINCE: frozenset({UnitKind.PROVINCE}),
    ManagingLevel.COMMUNE: frozenset({UnitKind.COMMUNE, UnitKind.DISTRICT}),
}
