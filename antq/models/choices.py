from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Serves(models.TextChoices):
    """The four "tự" of guidance 22/HD-BCA-V05 a model serves (one or more)."""

    PREVENTION = "tu_phong", _("Self-prevention (tự phòng)")
    MANAGEMENT = "tu_quan", _("Self-management (tự quản)")
    PROTECTION = "tu_bao_ve", _("Self-protection (tự bảo vệ)")
    CONCILIATION = "tu_hoa_giai", _("Self-conciliation (tự hòa giải)")


class ModelField(models.TextChoices):
    RESIDENTIAL = "residential", _("Residential area")
    AGENCY = "agency", _("Agency")
    ENTERPRISE = "enterprise", _("Enterprise")
    SCHOOL = "school", _("School")
    CYBERSPACE = "cyberspace", _("Cyberspace")


class RecognisingLevel(models.TextChoices):
    """The level whose authority recognised the model (seed 003 counts by it)."""

    CENTRAL = "central", pgettext_lazy("recognising level", "Central")
    PROVINCE = "province", pgettext_lazy("recognising level", "Province")
    DISTRICT = "district", pgettext_lazy("recognising level", "District (historical)")
    COMMUNE = "commune", pgettext_lazy("recognising level", "Commune")


class ModelStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    DISSOLVED = "dissolved", _("Dissolved")


class ExampleKind(models.TextChoices):
    COLLECTIVE = "collective", _("Collective")
    INDIVIDUAL = "individual", _("Individual")


# Provisional: guidance 22 leaves the grading scale to each province (e.g. Phú Thọ QĐ 1314/2021);
# none is national. Used until the province enters its own scale.
PROVISIONAL_GRADES = (
    ("good", _("Good")),
    ("fair", _("Fair")),
    ("average", _("Average")),
    ("weak", _("Weak")),
)
