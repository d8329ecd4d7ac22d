from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DirectiveKind(models.TextChoices):
    RESOLUTION = "resolution", _("Resolution")  # nghị quyết
    INSTRUCTION = "instruction", _("Instruction")  # chỉ thị
    PLAN = "plan", pgettext_lazy("directive", "Plan")  # kế hoạch
    OFFICIAL_LETTER = "official_letter", _("Official letter")  # công văn
    GUIDANCE = "guidance", _("Guidance")  # hướng dẫn


class Stage(models.TextChoices):
    """The steps of a deployment that tracking counts, in order."""

    RECEIVED = "received", pgettext_lazy("directive stage", "received")
    READ = "read", pgettext_lazy("directive stage", "read")
    PLANNED = "planned", pgettext_lazy("directive stage", "own plan recorded")
    REPORTED = "reported", pgettext_lazy("directive stage", "result report sent")


# Units that pass a directive on to the units below them.
CASCADING_KINDS = frozenset({"province", "district", "commune"})
